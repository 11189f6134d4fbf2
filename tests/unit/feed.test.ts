import { describe, expect, it } from 'vitest';
import { byUpdatedDescending, feedItems } from '../../src/data/feed.ts';
import { measurement, project } from '../helpers/fixtures.ts';

const labels = {
  maturity: new Map([['sandbox', 'Sandbox'], ['graduated', 'Graduated']]),
  usage: new Map([['pure', 'Pure Rust'], ['none-found', 'No Rust found']]),
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
    rustRepos: [{ repo: 'n/n', role: 'Main', measurement: measurement({ files: 0, bytes: 0, lines: 0, codeLines: 0, bytesRaw: 0, rustShare: 0 }) }],
  });

  it('gives one item per entry, newest update first, same-day entries by name', () => {
    const items = feedItems([old, sameDayB, none, newer, sameDayA], url, labels);
    expect(items.map((i) => i.link)).toEqual(['newer', 'a', 'b', 'old', 'none'].map(url));
  });

  it('dates each item at midnight UTC of its update and names the entry in the title', () => {
    const [item] = feedItems([newer], url, labels);
    expect(item.pubDate.toISOString()).toBe('2026-03-04T00:00:00.000Z');
    expect(item.title).toBe('Newer: entry updated 4 Mar 2026');
    expect(item.categories).toEqual(['Graduated', 'Pure Rust']);
  });

  it('describes the entry with its summary, labels and Rust figures', () => {
    const [item] = feedItems([old], url, labels);
    expect(item.description).toBe('old does things. Sandbox CNCF project; Rust usage: Pure Rust; 1,000 lines of Rust in 1 repository.');
    expect(feedItems([none], url, labels)[0].description).toMatch(/Rust usage: No Rust found\.$/);
  });

  it('does not reorder its input', () => {
    const input = [old, newer];
    feedItems(input, url, labels);
    expect(input.map((p) => p.slug)).toEqual(['old', 'newer']);
  });

  it('compares by update date, then name', () => {
    expect(byUpdatedDescending(newer, old)).toBeLessThan(0);
    expect(byUpdatedDescending(sameDayA, sameDayB)).toBeLessThan(0);
  });
});
