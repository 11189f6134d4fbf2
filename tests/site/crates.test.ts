/**
 * The crate pages in dist/: /crates/, a page per crate enough projects declare, the Crates
 * section of project pages, /data/crates.csv and crates in projects.json — each compared
 * with what the shaping functions make of data/crates.json and the entries.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { BASE, DIST, assertBuilt, fileForUrl, pageUrls, readPage } from '../helpers/dist.ts';
import { readCatalog } from '../helpers/content.ts';
import {
  CRATE_PAGE_MIN_PROJECTS,
  builtWith,
  cratesWithPages,
  mainDependencies,
  projectCrates,
  sharedCrates,
} from '../../src/data/views/crates.ts';
import { CRATES_CSV_COLUMNS, type CratesExport } from '../../src/data/exports/crates-export.ts';
import { parseCsv } from '../helpers/csv.ts';
import { formatInt } from '../../src/data/views/format.ts';
import { cratesFileSchema } from '../../src/schemas/crates.ts';

const { entries } = readCatalog();
const records = cratesFileSchema.parse(JSON.parse(readFileSync('data/crates.json', 'utf8')));
const projects = entries.map((e) => ({ slug: e.slug, name: e.data.name, rustRepos: e.data.rustRepos }));
const perProject = projects.map((p) => projectCrates(p, records));
const shared = sharedCrates(perProject);
const withPages = cratesWithPages(shared, CRATE_PAGE_MIN_PROJECTS);
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
/** Same-site links of a page: each must carry the base and lead to a built file. */
const brokenLinks = (html: string) =>
  pageUrls(html)
    .filter((u) => u.startsWith('/'))
    .filter((u) => !u.startsWith(BASE) || !fileForUrl(u.split('#')[0]));

// Hundreds of pages read: sized for a loaded two-core machine.
vi.setConfig({ testTimeout: 60_000 });
beforeAll(assertBuilt);

describe('/crates/', () => {
  const html = () => readPage('crates/index.html');

  it('says how many projects and repositories were read, and when', () => {
    const lede = text(/<p class="lede"[^>]*>([\s\S]*?)<\/p>/.exec(html())![1]);
    const extracted = perProject.filter((pc) => pc.extracted.length > 0).length;
    const repos = Object.values(records).filter((r) => r.workspaces.length > 0).length;
    expect(lede).toContain(`What ${formatInt(extracted)} projects are built from`);
    expect(lede).toContain(`files of ${formatInt(repos)} repositories at the commits each project page cites`);
    expect(lede).toMatch(/extracted \d{1,2} [A-Z][a-z]{2} \d{4}/);
  });

  it('ranks the most shared crates as the data does, with counts', () => {
    const rows = [
      ...html().matchAll(
        /<tr[^>]*>\s*<th scope="row"[^>]*>([\s\S]*?)<\/th>\s*<td class="num"[^>]*>\s*([\d,]+)\s*<\/td>\s*<td class="num"[^>]*>\s*([\d,]+)\s*<\/td>/g,
      ),
    ].map((m) => [text(m[1]), m[2], m[3]]);
    expect(rows.length).toBe(Math.min(30, shared.length));
    rows.forEach(([name, all, direct], i) =>
      expect([name, all, direct]).toEqual([shared[i].name, formatInt(shared[i].all), formatInt(shared[i].direct)]),
    );
  });

  it('has the built-with table with a row per project with crates, a column per family and a caption', () => {
    const table = builtWith(perProject);
    const section = /<table class="built-with[^"]*"[\s\S]*?<\/table>/.exec(html())![0];
    expect(section).toContain('<caption');
    for (const f of table.families) expect(section).toContain(`>${f.label}</th>`);
    expect((section.match(/<tbody[\s\S]*<\/tbody>/)![0].match(/<tr/g) ?? []).length).toBe(table.rows.length);
    for (const t of table.totals)
      expect(text(section)).toContain(`${formatInt(t.all)} (${formatInt(t.direct)} directly)`);
  });

  it('lists every crate page, and its links resolve under the base', () => {
    const index = /<ul class="tags crate-index"[\s\S]*?<\/ul>/.exec(html())![0];
    expect((index.match(/<li/g) ?? []).length).toBe(withPages.length);
    expect(brokenLinks(html())).toEqual([]);
  });
});

describe('crate pages', () => {
  it('exist for exactly the crates that enough projects declare', () => {
    const dirs = readdirSync(join(DIST, 'crates'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    expect(dirs).toEqual(withPages.map((s) => s.name).sort());
    expect(withPages.length).toBeGreaterThan(0);
  });

  it('list each project using the crate, with titled headings and working links', () => {
    for (const crate of withPages) {
      const html = readPage(`crates/${crate.name}/index.html`);
      expect(html).toContain(`<title>${crate.name} (crate) · CNCF Rust Catalog</title>`);
      // Indexed as crate pages (searched apart, listed after the other pages) and named in their meta.
      expect(html, 'in the search index').toMatch(/<main[^>]*data-pagefind-body/);
      expect(html).toContain('data-pagefind-filter="kind:crate"');
      expect(html).toContain(`data-pagefind-meta="crate:${crate.name}"`);
      expect(text(/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)![1])).toBe(`Crate ${crate.name} in CNCF projects`);
      const body = /<tbody[^>]*>([\s\S]*?)<\/tbody>/.exec(html)![1];
      expect((body.match(/<tr/g) ?? []).length, crate.name).toBe(crate.uses.length);
      for (const u of crate.uses) expect(body).toContain(`href="${BASE}projects/${u.project.slug}/"`);
      expect(brokenLinks(html), crate.name).toEqual([]);
    }
  });
});

describe('project pages', () => {
  it('show the crates each project publishes and its main direct dependencies, linked to crate pages', () => {
    for (const pc of perProject) {
      const html = readPage(`projects/${pc.project.slug}/index.html`);
      const section = /<section aria-labelledby="crates"[^>]*>([\s\S]*?)<\/section>/.exec(html)?.[1];
      expect(section, pc.project.slug).toBeDefined();
      if (pc.extracted.length === 0) {
        expect(text(section!)).toContain('no crates extracted');
        continue;
      }
      for (const c of pc.published) expect(section).toContain(`${c.name}</code>`);
      for (const d of mainDependencies(pc, 12)) {
        const link = `href="${BASE}crates/${d.name}/"`;
        if (withPages.some((s) => s.name === d.name)) expect(section, `${pc.project.slug} ${d.name}`).toContain(link);
        else expect(section).not.toContain(link);
      }
      expect(brokenLinks(section!)).toEqual([]);
    }
  });
});

describe('crate exports', () => {
  it('crates.csv has the documented header and a row per project and crate it uses', () => {
    const [header, ...rows] = parseCsv(readFileSync(join(DIST, 'data/crates.csv'), 'utf8'));
    expect(header).toEqual(CRATES_CSV_COLUMNS);
    expect(rows).toHaveLength(shared.reduce((n, s) => n + s.uses.length, 0));
    for (const row of rows.filter((r) => r[9] !== ''))
      expect(fileForUrl(new URL(row[9]).pathname), row[9]).toBeDefined();
  });

  it('projects.json carries crates: every repository at its entry commit, every shared crate', () => {
    const doc = JSON.parse(readFileSync(join(DIST, 'data/projects.json'), 'utf8')) as { crates: CratesExport };
    const cited = entries.flatMap((e) => e.data.rustRepos.map((r) => `${r.repo} ${r.measurement.commit}`)).sort();
    expect(doc.crates.repositories.map((r) => `${r.repo} ${r.commit}`).sort()).toEqual(cited);
    expect(doc.crates.shared.map((s) => s.name)).toEqual(shared.map((s) => s.name));
    expect(existsSync(join(DIST, 'data/crates.csv'))).toBe(true);
  });

  it('the /data/ page documents the crate fields and links the CSV', () => {
    const html = readPage('data/index.html');
    expect(html).toContain(`href="${BASE}data/crates.csv"`);
    for (const column of CRATES_CSV_COLUMNS) expect(html).toContain(`<code>${column}</code>`);
  });
});
