/**
 * The safety views in dist/: /safety/ (advisories ranked by the projects they touch, per
 * project, unsafe density, editions and toolchains), the section of every project page,
 * /data/advisories.csv and safety in projects.json, the data notes and the /data/ page, the
 * sitemap, the search index and the main navigation — each compared with what the shaping
 * functions make of the data files and the entries.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { BASE, DIST, assertBuilt, fileForUrl, pageUrls, readPage } from '../helpers/dist.ts';
import { readCatalog } from '../helpers/content.ts';
import { byName } from '../../src/data/model/project.ts';
import { parseCsv } from '../helpers/csv.ts';
import { pageWeight } from '../../scripts/lib/page-weight.ts';
import { distReader } from '../../scripts/lib/dist-reader.ts';
import { formatInt, shortCommit } from '../../src/data/views/format.ts';
import {
  medianDensity,
  projectAdvisories,
  projectToolchains,
  projectUnsafe,
  rankAdvisories,
} from '../../src/data/views/safety.ts';
import {
  ADVISORIES_CSV_COLUMNS,
  ADVISORIES_CSV_FIELDS,
  SAFETY_JSON_FIELDS,
  type SafetyExport,
} from '../../src/data/exports/safety-export.ts';
import { advisoriesFileSchema } from '../../src/schemas/advisories.ts';
import { cratesFileSchema } from '../../src/schemas/crates.ts';
import { unsafeFileSchema } from '../../src/schemas/unsafe.ts';

const { entries } = readCatalog();
const advisories = advisoriesFileSchema.parse(JSON.parse(readFileSync('data/advisories.json', 'utf8')));
const unsafe = unsafeFileSchema.parse(JSON.parse(readFileSync('data/unsafe.json', 'utf8')));
const crates = cratesFileSchema.parse(JSON.parse(readFileSync('data/crates.json', 'utf8')));
const projects = entries
  .filter((e) => e.data.rustRepos.length > 0)
  .map((e) => ({ slug: e.slug, name: e.data.name, rustRepos: e.data.rustRepos }))
  // The catalog's order: by name.
  .sort(byName);
const perProject = projects.map((p) => projectAdvisories(p, advisories, crates));
const ranked = rankAdvisories(perProject);
const unsafeRows = projects.map((p) => projectUnsafe(p, unsafe, crates));
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
const section = (html: string, id: string) =>
  new RegExp(`<section aria-labelledby="${id}"[^>]*>([\\s\\S]*?)</section>`).exec(html)?.[1];
const brokenLinks = (html: string) =>
  pageUrls(html)
    .filter((u) => u.startsWith('/'))
    .filter((u) => !u.startsWith(BASE) || !fileForUrl(u.split('#')[0]));

// Every project page is read: sized for a loaded two-core machine.
vi.setConfig({ testTimeout: 60_000 });
beforeAll(assertBuilt);

/** Tables whose body rows do not have one cell per header column, as "caption start: row n". */
function raggedRows(html: string): string[] {
  return [...html.matchAll(/<table[\s\S]*?<\/table>/g)].flatMap(([table]) => {
    const columns = (/<thead>([\s\S]*?)<\/thead>/.exec(table)?.[1].match(/<th[ >]/g) ?? []).length;
    const rows = [...(/<tbody>([\s\S]*?)<\/tbody>/.exec(table)?.[1] ?? '').matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)];
    return rows
      .map((r, i) => [i, (r[1].match(/<t[hd][ >]/g) ?? []).length] as const)
      .filter(([, cells]) => cells !== columns)
      .map(([i]) => `${text(/<caption>([\s\S]*?)<\/caption>/.exec(table)?.[1] ?? '').slice(0, 40)}: row ${i + 1}`);
  });
}

describe('/safety/', () => {
  const html = () => readPage('safety/index.html');

  it('has a cell per column in every row of every table', () => {
    expect(raggedRows(html())).toEqual([]);
  });

  it('says what was read, at which commits, with the database commit and the dates', () => {
    const lede = text(/<p class="lede"[^>]*>([\s\S]*?)<\/p>/.exec(html())![1]);
    expect(lede).toContain(`of ${formatInt(projects.length)} projects`);
    expect(lede).toContain(`at commit ${shortCommit(advisories.database.commit)} of `);
    expect(lede).toContain('tree-sitter-rust');
  });

  it('ranks the 30 advisories that touch the most projects as the data does, with the projects linked', () => {
    const shared = ranked.filter((r) => r.projects.length > 1).slice(0, 30);
    const body = /<table class="advisories"[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(section(html(), 'advisories')!)![1];
    const rows = [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => m[1]);
    expect(rows).toHaveLength(shared.length);
    const columns = (/<thead>([\s\S]*?)<\/thead>/.exec(section(html(), 'advisories')!)![1].match(/<th /g) ?? []).length;
    rows.forEach((row, i) => {
      expect((row.match(/<t[hd][ >]/g) ?? []).length, shared[i].id).toBe(columns);
      expect(text(row)).toContain(shared[i].versions.join(', '));
      expect(row).toContain(`href="https://rustsec.org/advisories/${shared[i].id}.html"`);
      expect(row).toContain(`<td class="num">${formatInt(shared[i].projects.length)}</td>`);
      for (const p of shared[i].projects) expect(row).toContain(`href="${BASE}projects/${p.project.slug}/#safety"`);
    });
    expect(text(section(html(), 'advisories')!)).toContain('What a match means.');
  });

  it('has a row per project with its advisory counts by kind', () => {
    const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(section(html(), 'per-project')!)![1];
    const rows = [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => m[1]);
    expect(rows).toHaveLength(perProject.length);
    rows.forEach((row, i) => {
      const pa = perProject[i];
      const nums = [...row.matchAll(/<td class="num"[^>]*>([\d,]+)<\/td>/g)].map((m) => m[1]);
      expect(nums, pa.project.slug).toEqual(
        [pa.counts.vulnerability, pa.counts.unsound, pa.counts.unmaintained, pa.counts.notice, pa.advisories.length]
          .concat(pa.advisories.filter((a) => a.timing === 'before').length)
          .map(formatInt),
      );
    });
  });

  it('lists unsafe density densest first in a sortable table, and says why unsafe is expected', () => {
    const unsafeSection = section(html(), 'unsafe')!;
    expect(unsafeSection).toMatch(/<table id="unsafe-density"[^>]*data-project-table/);
    expect(unsafeSection).toContain('data-sort="number"');
    expect(text(unsafeSection)).toMatch(/FFI/);
    const shown = [...unsafeSection.matchAll(/<tr data-slug="([^"]+)"/g)].map((m) => m[1]);
    const expected = [...unsafeRows]
      .sort((a, b) => (b.density ?? -1) - (a.density ?? -1) || a.project.name.localeCompare(b.project.name, 'en'))
      .map((u) => u.project.slug);
    expect(shown).toEqual(expected);
    const median = medianDensity(unsafeRows);
    expect(text(unsafeSection)).toContain(
      `the median is ${median === undefined ? '—' : median.toFixed(2)} unsafe items`,
    );
  });

  it('has the editions and toolchains of every project', () => {
    const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(section(html(), 'toolchains')!)![1];
    const rows = [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => text(m[1]));
    expect(rows).toHaveLength(projects.length);
    projects.forEach((p, i) => {
      const t = projectToolchains(p, crates);
      for (const c of t.toolchains) if (c.channel) expect(rows[i], p.slug).toContain(c.channel);
      for (const e of t.editions) expect(rows[i], p.slug).toContain(e.edition);
    });
  });

  it('fits, with its table script, in 30 KB gzipped (the budget of the projects table)', () => {
    const w = pageWeight(html(), `${BASE}safety/`, distReader(DIST, BASE));
    expect(w.missing).toEqual([]);
    expect(w.totalGzip, [w.html, ...w.css, ...w.js].map((a) => `${a.url} ${a.gzip} B`).join(', ')).toBeLessThanOrEqual(
      30 * 1024,
    );
  });

  it('has working links under the base, and is in the main navigation, the sitemap and the search index', () => {
    expect(brokenLinks(html())).toEqual([]);
    expect(html()).toMatch(/<main[^>]*data-pagefind-body/);
    expect(readPage('index.html')).toMatch(
      new RegExp(`<nav class="site-nav"[\\s\\S]*href="${BASE}safety/"[\\s\\S]*</nav>`),
    );
    const sitemaps = readFileSync(join(DIST, 'sitemap-0.xml'), 'utf8');
    expect(sitemaps).toContain(`${BASE}safety/</loc>`);
  });
});

describe('project pages', () => {
  it('each have a short safety section with their advisories, unsafe code, editions and provenance', () => {
    for (const p of projects) {
      const html = readPage(`projects/${p.slug}/index.html`);
      const s = section(html, 'safety');
      expect(s, p.slug).toBeDefined();
      const words = text(s!);
      const pa = perProject.find((x) => x.project.slug === p.slug)!;
      const u = unsafeRows.find((x) => x.project.slug === p.slug)!;
      if (pa.locked.length === 0) expect(words, p.slug).toContain('No Cargo.lock is committed');
      else if (pa.advisories.length === 0) expect(words, p.slug).toContain('resolve no version');
      else {
        expect(words, p.slug).toContain(`resolve ${formatInt(pa.advisories.length)} RustSec advisor`);
        expect(words, p.slug).toContain('not analysed');
        const rows = (/<tbody>([\s\S]*?)<\/tbody>/.exec(s!)![1].match(/<tr/g) ?? []).length;
        expect(rows, p.slug).toBe(pa.advisories.length);
        for (const a of pa.advisories) expect(s, `${p.slug} ${a.id}`).toContain(`${a.id}.html`);
      }
      if (u.total > 0) expect(words, p.slug).toContain(`${formatInt(u.total)} unsafe item`);
      expect(words, p.slug).toContain(`at ${shortCommit(advisories.database.commit)} of`);
      expect(brokenLinks(s!), p.slug).toEqual([]);
      expect(raggedRows(s!), p.slug).toEqual([]);
    }
  });
});

describe('safety exports', () => {
  it('advisories.csv has the documented header and a row per repository match, with the cited commits', () => {
    const [header, ...rows] = parseCsv(readFileSync(join(DIST, 'data/advisories.csv'), 'utf8'));
    expect(header).toEqual(ADVISORIES_CSV_COLUMNS);
    const cited = new Map(entries.flatMap((e) => e.data.rustRepos.map((r) => [r.repo, r.measurement.commit])));
    const matches = [...new Set(entries.flatMap((e) => e.data.rustRepos.map((r) => r.repo)))].reduce(
      (n, repo) => n + advisories.repositories[repo].matches.length,
      0,
    );
    expect(rows).toHaveLength(matches);
    for (const row of rows) expect(row[3], row[2]).toBe(cited.get(row[2]));
  });

  it('projects.json carries safety: every repository at its entry commit, every matched advisory', () => {
    const doc = JSON.parse(readFileSync(join(DIST, 'data/projects.json'), 'utf8')) as { safety: SafetyExport };
    const cited = entries.flatMap((e) => e.data.rustRepos.map((r) => `${r.repo} ${r.measurement.commit}`)).sort();
    expect(doc.safety.repositories.map((r) => `${r.repo} ${r.commit}`).sort()).toEqual(cited);
    expect(doc.safety.advisories.map((a) => a.id)).toEqual(Object.keys(advisories.advisories).sort());
    expect(doc.safety.advisoryDatabase).toEqual(advisories.database);
  });

  it('the /data/ page documents the columns and fields and links the CSV; the data notes explain the method', () => {
    const html = readPage('data/index.html');
    expect(html).toContain(`href="${BASE}data/advisories.csv"`);
    for (const column of Object.keys(ADVISORIES_CSV_FIELDS)) expect(html).toContain(`<code>${column}</code>`);
    for (const field of Object.keys(SAFETY_JSON_FIELDS)) expect(html).toContain(`<code>${field}</code>`);
    const notes = text(section(readPage('data-notes/index.html'), 'safety')!);
    expect(notes).toContain(`${formatInt(advisories.database.withdrawn)} withdrawn ones are left out`);
    expect(notes).toContain('Limits of a match.');
  });
});
