/**
 * Items of the catalog's RSS feed: one per change to an entry (its `changes`, or for an entry
 * without them one item for its `updated` date), newest first. Each item's guid is the entry
 * and the day of the change, so a later change to the same entry is a new item for readers.
 */
import { byName, type CatalogProject } from '../model/project.ts';
import { formatInt } from '../views/format.ts';

/** The feeds' title and description, the same in RSS and in the JSON Feed. */
export const FEED_TITLE = 'CNCF Rust Catalog: entry updates';
export const FEED_DESCRIPTION =
  'Each change to an entry of the CNCF Rust Catalog, newest first: CNCF projects built with Rust, their maturity and measured Rust code.';

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

/** A JSON Feed 1.1 document (https://www.jsonfeed.org/version/1.1/). */
export interface JsonFeed {
  version: 'https://jsonfeed.org/version/1.1';
  title: string;
  description: string;
  home_page_url: string;
  feed_url: string;
  language: string;
  items: { id: string; url: string; title: string; content_text: string; date_published: string; tags: string[] }[];
}

/** The same items as the RSS feed, as a JSON Feed 1.1. */
export function jsonFeed(items: readonly FeedItem[], urls: { home: string; feed: string }): JsonFeed {
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: FEED_TITLE,
    description: FEED_DESCRIPTION,
    home_page_url: urls.home,
    feed_url: urls.feed,
    language: 'en',
    items: items.map((item) => ({
      id: item.guid,
      url: item.link,
      title: item.title,
      content_text: item.description,
      date_published: item.pubDate.toISOString(),
      tags: item.categories,
    })),
  };
}
