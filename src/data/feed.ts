/**
 * Items of the catalog's RSS feed: one per entry, dated by the entry's `updated`, newest first,
 * so a reader sees which entries changed most recently.
 */
import { byName, type CatalogProject } from './project.ts';
import { formatDate, formatInt } from './format.ts';

export interface FeedItem {
  title: string;
  /** Absolute URL of the entry's page. */
  link: string;
  pubDate: Date;
  description: string;
  categories: string[];
}

export interface FeedLabels {
  maturity: ReadonlyMap<string, string>;
  usage: ReadonlyMap<string, string>;
}

/** Newest `updated` first; entries updated the same day by name. */
export function byUpdatedDescending(a: Pick<CatalogProject, 'updated' | 'name' | 'slug'>, b: Pick<CatalogProject, 'updated' | 'name' | 'slug'>): number {
  return b.updated.localeCompare(a.updated) || byName(a, b);
}

export function feedItems(projects: readonly CatalogProject[], projectUrl: (slug: string) => string, labels: FeedLabels): FeedItem[] {
  return [...projects].sort(byUpdatedDescending).map((p) => {
    const maturity = labels.maturity.get(p.maturity) ?? p.maturity;
    const usage = labels.usage.get(p.rustUsage) ?? p.rustUsage;
    const rust = p.countsAsRust ? `; ${formatInt(p.totals.lines)} lines of Rust in ${p.totals.repos === 1 ? '1 repository' : `${formatInt(p.totals.repos)} repositories`}` : '';
    return {
      title: `${p.name}: entry updated ${formatDate(p.updated)}`,
      link: projectUrl(p.slug),
      pubDate: new Date(`${p.updated}T00:00:00Z`),
      description: `${p.summary} ${maturity} CNCF project; Rust usage: ${usage}${rust}.`,
      categories: [maturity, usage],
    };
  });
}
