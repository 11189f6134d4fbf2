/**
 * Items of the catalog's RSS feed: one per change to an entry (its `changes`, or for an entry
 * without them one item for its `updated` date), newest first. Each item's guid is the entry
 * and the day of the change, so a later change to the same entry is a new item for readers.
 */
import { byName, type CatalogProject } from '../model/project.ts';
import { formatInt } from '../views/format.ts';

export interface FeedItem {
  title: string;
  /** Absolute URL of the entry's page. */
  link: string;
  /** Stable id of this change: the entry's URL and the change's date. */
  guid: string;
  pubDate: Date;
  description: string;
  categories: string[];
}

export interface FeedLabels {
  maturity: ReadonlyMap<string, string>;
  usage: ReadonlyMap<string, string>;
}

/** The changes an entry lists, or, without a list, one review on its `updated` date. */
export function entryChanges(p: Pick<CatalogProject, 'changes' | 'updated'>): { date: string; summary: string }[] {
  return p.changes && p.changes.length > 0 ? p.changes : [{ date: p.updated, summary: 'Entry reviewed' }];
}

export function feedItems(projects: readonly CatalogProject[], projectUrl: (slug: string) => string, labels: FeedLabels): FeedItem[] {
  const items = projects.flatMap((p) => {
    const maturity = labels.maturity.get(p.maturity) ?? p.maturity;
    const usage = labels.usage.get(p.rustUsage) ?? p.rustUsage;
    const rust = p.countsAsRust ? `; ${formatInt(p.totals.codeLines)} code lines of Rust in ${p.totals.repos === 1 ? '1 repository' : `${formatInt(p.totals.repos)} repositories`}` : '';
    const link = projectUrl(p.slug);
    return entryChanges(p).map((change) => ({
      item: {
        title: `${p.name}: ${change.summary}`,
        link,
        guid: `${link}#change-${change.date}`,
        pubDate: new Date(`${change.date}T00:00:00Z`),
        description: `${change.summary}. ${p.summary} Now: ${maturity} CNCF project; Rust usage: ${usage}${rust}.`,
        categories: [maturity, usage],
      },
      sortKey: { date: change.date, name: p.name, slug: p.slug },
    }));
  });
  return items
    .sort(
      (a, b) =>
        b.sortKey.date.localeCompare(a.sortKey.date) || byName(a.sortKey, b.sortKey),
    )
    .map(({ item }) => item);
}
