/**
 * Search ranking, as a reader meets it on /search/: each query's first result. Every entry
 * must come first for its own name (queries generated from the content, so a new entry is
 * checked without editing this file), and for the other words readers use (aliases, topics,
 * site pages). Queries that only a single letter could match find nothing.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DIST } from '../helpers/dist.ts';
import { useBrowserSession } from '../helpers/browser.ts';
import { readCatalog } from '../helpers/content.ts';

const { entries, categories } = readCatalog();
const nameOf = (slug: string) => entries.find((e) => e.slug === slug)!.data.name;
const categoryName = (id: string) => categories.find((c) => c.id === id)!.name;
/** The crates with a page in the built site, and the title each page's search result carries. */
const cratePages = readdirSync(join(DIST, 'crates'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);
const crateTitle = (name: string) => `Crate ${name} in CNCF projects`;
/** A crate that most projects declare (its page surely exists), looked up by its name. */
const commonCrate = ['tokio', 'serde', 'anyhow'].find((c) => cratePages.includes(c))!;

/** Query → the title of the first result (a project's name, a page's heading). */
const RANKING: [string, string][] = [
  // Every entry by its name, as typed (any case), and by its landscape name where it differs.
  ...entries.map((e): [string, string] => [e.data.name.toLowerCase(), e.data.name]),
  ...entries
    .filter((e) => e.data.landscapeName.toLowerCase() !== e.data.name.toLowerCase())
    .map((e): [string, string] => [e.data.landscapeName, e.data.name]),
  // Other ways readers name projects and topics.
  ['tuf', nameOf('tuf')],
  ['update framework', nameOf('tuf')],
  ['open telemetry', nameOf('opentelemetry')],
  ['kube-rs', nameOf('kube-rs')],
  ['inspektor', nameOf('inspektor-gadget')],
  ['webassembly', categoryName('webassembly')],
  ['ebpf', categoryName('ebpf')],
  ['service mesh', categoryName('service-mesh')],
  // What readers type for what a project is: its summary says it (kube-rs: "The Rust client and runtime for Kubernetes").
  ['kubernetes client', nameOf('kube-rs')],
  // A crate by its name: its own page, though many project pages name it more often.
  [commonCrate, crateTitle(commonCrate)],
  ['rustls', crateTitle('rustls')],
  // Site pages.
  ['data notes', 'Data notes'],
  ['timeline', 'Rust timeline'],
  ['2025 report', 'The 2025 report, reconciled'],
];

const session = useBrowserSession();
let page: Page;

beforeAll(async () => {
  page = await session().newPage();
  await page.goto(session().server.url('/search/'));
});

/** Runs a query in the search page's box and returns the result titles once they are listed. */
async function search(query: string): Promise<{ summary: string; titles: string[] }> {
  const box = page.getByRole('searchbox', { name: 'Search the catalog' });
  // Start from an empty list, so that the titles read below are this query's.
  await box.fill('');
  await expect.poll(() => page.locator('#search-page-results .search-list li').count()).toBe(0);
  await box.fill(query);
  await box.press('Enter');
  const summary = page.locator('#search-page-results .search-summary');
  await expect.poll(() => summary.textContent(), { timeout: 15_000 }).toContain(`“${query}”`);
  const titles = await page.locator('#search-page-results .result-title').allTextContents();
  return { summary: (await summary.textContent()) ?? '', titles };
}

describe('search ranking', () => {
  it(`has a set of at least 20 queries, one for every entry's name`, () => {
    expect(RANKING.length).toBeGreaterThanOrEqual(20);
    for (const e of entries)
      expect(
        RANKING.some(([, first]) => first === e.data.name),
        e.slug,
      ).toBe(true);
  });

  it('puts the expected page first for every query of the set', async () => {
    const wrong: string[] = [];
    for (const [query, expected] of RANKING) {
      const { titles } = await search(query);
      if (titles[0] !== expected)
        wrong.push(`“${query}”: expected ${expected} first, got ${titles.slice(0, 3).join(', ') || 'nothing'}`);
    }
    expect(wrong).toEqual([]);
  });

  it('finds the WebAssembly projects for "wasm", and the eBPF projects for "ebpf"', async () => {
    for (const [query, category] of [
      ['wasm', 'webassembly'],
      ['ebpf', 'ebpf'],
    ] as const) {
      const { titles } = await search(query);
      const members = entries.filter((e) => e.data.categories.includes(category)).map((e) => e.data.name);
      expect(members.length).toBeGreaterThan(1);
      expect(
        members.filter((name) => !titles.includes(name)),
        query,
      ).toEqual([]);
    }
  });

  it('matches no page on a single letter: "cqzx" and "c++" find nothing, "c" asks for more', async () => {
    for (const query of ['cqzx', 'c++']) expect((await search(query)).summary).toBe(`Nothing found for “${query}”.`);
    const box = page.getByRole('searchbox', { name: 'Search the catalog' });
    await box.fill('c');
    await expect
      .poll(() => page.locator('#search-page-results .search-summary').textContent())
      .toBe('Type at least 2 letters to search.');
    expect(await page.locator('#search-page-results .search-list li').count()).toBe(0);
  });

  it('shows a project result with its maturity, Rust usage, code lines and why it matched', async () => {
    const tikv = entries.find((e) => e.slug === 'tikv')!;
    const codeLines = tikv.data.rustRepos.reduce((s, r) => s + r.measurement.codeLines, 0);
    await search('tikv');
    const first = page.locator('#search-page-results .search-list li').first();
    expect(await first.locator('.badge').textContent()).toMatch(/^(Sandbox|Incubating|Graduated|Archived)$/i);
    const facts = (await first.locator('.result-facts').textContent()) ?? '';
    expect(facts).toMatch(/code lines/);
    expect(facts).toContain(`${(codeLines / 1000).toFixed(1)}k`);
    expect(await first.locator('.result-text mark').count(), 'the excerpt marks the match').toBeGreaterThan(0);
  });

  it('keeps tables and captions out of excerpts', async () => {
    // A figure only printed in tables (a repository's file count) is not found.
    const tikv = entries.find((e) => e.slug === 'tikv')!;
    const files = tikv.data.rustRepos[0].measurement.files.toLocaleString('en-US');
    const { titles } = await search(files);
    expect(titles).not.toContain('TiKV');
  });

  it('lists a crate named like a project right after the project, never above it', async () => {
    const twins = entries.filter((e) => cratePages.includes(e.data.name.toLowerCase()));
    expect(twins.length, 'crates named like a project (opentelemetry, prometheus)').toBeGreaterThan(0);
    for (const e of twins) {
      const { titles } = await search(e.data.name.toLowerCase());
      expect(titles.slice(0, 2), e.slug).toEqual([e.data.name, crateTitle(e.data.name.toLowerCase())]);
    }
    // A crate whose name starts with a project's (tikv-jemallocator) stays below the project's page for its name.
    const tikv = nameOf('tikv');
    const { titles } = await search(tikv.toLowerCase());
    const crates = titles.filter((t) => t.startsWith('Crate '));
    expect(titles.indexOf(tikv)).toBe(0);
    expect(
      titles.slice(0, titles.length - crates.length).some((t) => t.startsWith('Crate ')),
      'crates after pages',
    ).toBe(false);
  });

  it('keeps every word in the excerpts, single letters and C++ included', async () => {
    const entry = entries.find((e) => /\bC\+\+/.test(e.data.summary))!;
    expect(entry, 'an entry whose summary names C++').toBeDefined();
    await search(entry.data.name.toLowerCase());
    const first = page.locator('#search-page-results .search-list li').first();
    expect(await first.locator('.result-title').textContent()).toBe(entry.data.name);
    const excerpt = (await first.locator('.result-text').textContent()) ?? '';
    // The excerpt is a window of the page's text: its words run as the summary's do, "C++" and all.
    expect(excerpt).not.toContain('\u2060');
    const words = excerpt.replace(/…/g, ' ').split(/\s+/).filter(Boolean);
    const summary = entry.data.summary.split(/\s+/);
    const from = words.findIndex((w) => w === summary[0]);
    if (from !== -1) expect(words.slice(from, from + 6)).toEqual(summary.slice(0, 6));
    expect(excerpt.includes('C++') || !excerpt.includes(summary[0])).toBe(true);
  });
});
