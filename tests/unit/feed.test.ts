import { describe, expect, it } from 'vitest';
import { FEED_TITLE, entryChanges, feedItems, jsonFeed } from '../../src/data/exports/feed.ts';
import { measurement, project } from '../helpers/fixtures.ts';

const labels = {
  maturity: new Map([
    ['sandbox', 'Sandbox'],
    ['graduated', 'Graduated'],
  ]),
  usage: new Map([
    ['pure', 'Pure Rust'],
    ['none-found', 'No Rust found'],
  ]),
};
const url = (slug: string) => `https://example.org/base/projects/${slug}/`;

describe('feedItems', () => {
  const old = project('old', { name: 'Old', updated: '2025-01-02' });
  const newer = project('newer', { name: 'Newer', maturity: 'graduated', updated: '2026-03-04' });
  const sameDayB = project('b', { name: 'Bravo', updated: '2025-06-01' });
  const sameDayA = project('a', { name: 'alpha', updated: '2025-06-01' });
  const none = project('none', {
    name: 'None',
    rustUsage: 'none-found',
    updated: '2024-01-01',
    rustRepos: [
      {
        repo: 'n/n',
        role: 'Main',
        measurement: measurement({ files: 0, bytes: 0, lines: 0, codeLines: 0, bytesRaw: 0, rustShare: 0 }),
      },
    ],
  });

  const changed = project('changed', {
    name: 'Changed',
    updated: '2026-05-06',
    changes: [
      { date: '2025-01-01', summary: 'Entry added' },
      { date: '2026-05-06', summary: 'Re-measured at a newer commit' },
    ],
  });

  it('gives one item per change, newest first, with a guid from the entry and the date', () => {
    const items = feedItems([old, changed], url, labels);
    expect(items.map((i) => [i.title, i.guid])).toEqual([
      ['Changed: Re-measured at a newer commit', `${url('changed')}#change-2026-05-06`],
      ['Old: Entry reviewed', `${url('old')}#change-2025-01-02`],
      ['Changed: Entry added', `${url('changed')}#change-2025-01-01`],
    ]);
    expect(new Set(items.map((i) => i.guid)).size).toBe(items.length);
    expect(items[0].description).toMatch(/^Re-measured at a newer commit\. changed does things\./);
  });

  it('lists an entry without changes once, as reviewed on its updated date', () => {
    expect(entryChanges(old)).toEqual([{ date: '2025-01-02', summary: 'Entry reviewed' }]);
    expect(entryChanges(changed)).toHaveLength(2);
  });

  it('gives one item per entry without changes, newest update first, same-day entries by name', () => {
    const items = feedItems([old, sameDayB, none, newer, sameDayA], url, labels);
    expect(items.map((i) => i.link)).toEqual(['newer', 'a', 'b', 'old', 'none'].map(url));
  });

  it('dates each item at midnight UTC of its update and names the entry in the title', () => {
    const [item] = feedItems([newer], url, labels);
    expect(item.pubDate.toISOString()).toBe('2026-03-04T00:00:00.000Z');
    expect(item.title).toBe('Newer: Entry reviewed');
    expect(item.categories).toEqual(['Graduated', 'Pure Rust']);
  });

  it('describes the entry with its summary, labels and Rust figures', () => {
    const [item] = feedItems([old], url, labels);
    expect(item.description).toBe(
      'Entry reviewed. old does things. Now: Sandbox CNCF project; Rust usage: Pure Rust; 800 code lines of Rust in 1 repository.',
    );
    expect(feedItems([none], url, labels)[0].description).toMatch(/Rust usage: No Rust found\.$/);
  });

  it('does not reorder its input', () => {
    const input = [old, newer];
    feedItems(input, url, labels);
    expect(input.map((p) => p.slug)).toEqual(['old', 'newer']);
  });
});

describe('jsonFeed', () => {
  it('holds the RSS items as JSON Feed 1.1 items: the same ids, links, titles, texts, dates and tags', () => {
    const items = feedItems([project('a', { name: 'A', updated: '2026-02-03' })], url, labels);
    const feed = jsonFeed(items, { home: 'https://example.org/base/', feed: 'https://example.org/base/feed.json' });
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed).toMatchObject({
      title: FEED_TITLE,
      home_page_url: 'https://example.org/base/',
      feed_url: 'https://example.org/base/feed.json',
    });
    expect(feed.items).toEqual(
      items.map((i) => ({
        id: i.guid,
        url: i.link,
        title: i.title,
        content_text: i.description,
        date_published: i.pubDate.toISOString(),
        tags: i.categories,
      })),
    );
    expect(feed.items[0].date_published).toBe('2026-02-03T00:00:00.000Z');
  });
});
