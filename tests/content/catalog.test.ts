/**
 * The real catalog: every entry validates, every reference resolves, nothing is listed
 * twice, and maturity and dates equal the landscape.yml the project keeps.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { loadYaml } from '../../src/validation/safe-yaml.ts';
import { termSchema, MATURITY_LEVELS, RUST_USAGES } from '../../src/schemas/taxonomy.ts';
import { indexByName, landscapeProjects } from '../../scripts/lib/landscape.ts';
import { readCatalog, yamlList } from '../helpers/content.ts';

const { entries, categories, sources } = readCatalog();
const landscape = indexByName(landscapeProjects(loadYaml(readFileSync('data/landscape.yml', 'utf8'))));

describe('content', () => {
  it('has entries, each with a kebab-case slug and a body', () => {
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) {
      expect(e.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(e.body.trim().length, e.file).toBeGreaterThan(0);
    }
  });

  it('resolves every category and source reference', () => {
    const categoryIds = new Set(categories.map((c) => c.id));
    const sourceIds = new Set(sources.map((s) => s.id));
    const dangling = entries.flatMap((e) => [
      ...e.data.categories.filter((id) => !categoryIds.has(id)).map((id) => `${e.file}: category ${id}`),
      ...e.data.sources.filter((id) => !sourceIds.has(id)).map((id) => `${e.file}: source ${id}`),
    ]);
    expect(dangling).toEqual([]);
  });

  it('lists no name, landscape name, category id or source id twice', () => {
    const dupes = (values: string[]) => values.filter((v, i) => values.indexOf(v) !== i);
    expect(dupes(entries.map((e) => e.data.name.toLowerCase()))).toEqual([]);
    expect(dupes(entries.map((e) => e.data.landscapeName))).toEqual([]);
    expect(dupes(categories.map((c) => c.id))).toEqual([]);
    expect(dupes(sources.map((s) => s.id))).toEqual([]);
  });

  it('has a logo file for every entry', () => {
    expect(entries.filter((e) => !existsSync(`public/logos/${e.data.logo}`)).map((e) => e.file)).toEqual([]);
  });

  it('uses every category at least once', () => {
    const used = new Set(entries.flatMap((e) => e.data.categories));
    expect(categories.filter((c) => !used.has(c.id)).map((c) => c.id)).toEqual([]);
  });

  it('defines every maturity level and Rust usage, in the schema order', () => {
    expect(yamlList('content/maturity.yaml').map((t) => termSchema(MATURITY_LEVELS).parse(t).id)).toEqual([...MATURITY_LEVELS]);
    expect(yamlList('content/rust-usage.yaml').map((t) => termSchema(RUST_USAGES).parse(t).id)).toEqual([...RUST_USAGES]);
  });

  it("matches landscape.yml's maturity, dates, links and category for every entry", () => {
    const drift: string[] = [];
    for (const e of entries) {
      const item = landscape.get(e.data.landscapeName);
      if (!item) {
        drift.push(`${e.file}: no landscape project named "${e.data.landscapeName}"`);
        continue;
      }
      const https = (url?: string) => url?.replace(/^http:/, 'https:');
      const compare: [string, unknown, unknown][] = [
        ['maturity', e.data.maturity, item.maturity],
        ['dates', e.data.dates, Object.fromEntries(Object.entries(item.dates).filter(([, v]) => v))],
        ['homepage', e.data.homepage, https(item.homepage)],
        // An item with no repo_url says nothing about the repository (sync reports it as a warning).
        ...(item.repository ? [['repository', e.data.repository, https(item.repository)] as [string, unknown, unknown]] : []),
        ['landscape', e.data.landscape, { category: item.category, subcategory: item.subcategory }],
      ];
      for (const [field, ours, theirs] of compare)
        if (JSON.stringify(ours) !== JSON.stringify(theirs)) drift.push(`${e.file}: ${field} ${JSON.stringify(ours)} != ${JSON.stringify(theirs)}`);
    }
    expect(drift).toEqual([]);
  });
});

/** A file of a GitHub repository at a commit, optionally at lines. */
const AT_A_COMMIT = /^https:\/\/github\.com\/[^/]+\/[^/]+\/blob\/[0-9a-f]{40}\/[^?#]+(?:#L\d+(?:-L\d+)?)?$/;

describe('adopters', () => {
  it("rest on the project's own files: each links the file that names it, at a commit", () => {
    // The unpublished 2025 report may not be the only source of a claim: an adopter given as a
    // bare name rests on nothing a reader can open.
    const withAdopters = entries.filter((e) => (e.data.adopters ?? []).length > 0);
    expect(withAdopters.length).toBeGreaterThan(0);
    const unbacked = withAdopters.flatMap((e) =>
      e.data.adopters!.filter((a) => typeof a === 'string' || !AT_A_COMMIT.test(a.url)).map((a) => `${e.file}: ${typeof a === 'string' ? a : `${a.name} (${a.url})`}`),
    );
    expect(unbacked).toEqual([]);
  });
});
