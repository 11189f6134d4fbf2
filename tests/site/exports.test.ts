/**
 * The data exports in dist/: projects.json, projects.csv and repositories.csv hold one record
 * per content entry, with the entry's own figures, and the /data/ page documents every field.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BASE, DIST, assertBuilt, fileForUrl, readPage, SITE } from '../helpers/dist.ts';
import { readCatalog } from '../helpers/content.ts';
import {
  EXPORT_VERSION,
  PROJECT_CSV_COLUMNS,
  REPOSITORY_CSV_COLUMNS,
  type ProjectsExport,
} from '../../src/data/exports/exports.ts';
import { parseCsv } from '../helpers/csv.ts';
import { shownProjectShare } from '../../src/data/rules/rust-share.ts';

const { entries, sources } = readCatalog();
beforeAll(assertBuilt);

/** The origin `npm run build:test` builds with, read from its script so it is said once. */
const read = (file: string) => readFileSync(join(DIST, file), 'utf8');
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const entryLines = (e: (typeof entries)[number]) => sum(e.data.rustRepos.map((r) => r.measurement.lines));

describe('projects.json', () => {
  const doc = () => JSON.parse(read('data/projects.json')) as ProjectsExport;

  it('parses, carries the format version, the build time and the site URL with the base', () => {
    const d = doc();
    expect(d.version).toBe(EXPORT_VERSION);
    expect(Number.isNaN(Date.parse(d.generated))).toBe(false);
    expect(d.site).toBe(`${SITE}`);
  });

  it('has one record per content entry, with its page URL (an existing page) and figures', () => {
    const d = doc();
    expect(d.projects.map((p) => p.slug).sort()).toEqual(entries.map((e) => e.slug).sort());
    for (const e of entries) {
      const p = d.projects.find((x) => x.slug === e.slug)!;
      expect(p.url).toBe(`${SITE}projects/${e.slug}/`);
      expect(fileForUrl(new URL(p.url).pathname), p.url).toBe(`projects/${e.slug}/index.html`);
      expect(fileForUrl(new URL(p.logo).pathname), p.logo).toBeDefined();
      expect(p.name).toBe(e.data.name);
      expect(p.maturity).toBe(e.data.maturity);
      expect(p.dates.accepted).toBe(e.data.dates.accepted);
      expect(p.updated).toBe(e.data.updated);
      expect(p.rustRepos.map((r) => r.repo)).toEqual(e.data.rustRepos.map((r) => r.repo));
      expect(p.totals.lines).toBe(entryLines(e));
      expect(p.totals.bytes).toBe(sum(e.data.rustRepos.map((r) => r.measurement.bytes)));
      expect(p.countsAsRust).toBe(e.data.rustUsage !== 'none-found');
    }
  });

  it('totals the projects that count as Rust, counts entries and repositories, lists every source', () => {
    const d = doc();
    const rust = entries.filter((e) => e.data.rustUsage !== 'none-found');
    expect(d.counts).toEqual({
      projects: entries.length,
      rustProjects: rust.length,
      repositories: sum(entries.map((e) => e.data.rustRepos.length + (e.data.otherRepos?.length ?? 0))),
    });
    expect(d.totals.lines).toBe(sum(rust.map(entryLines)));
    expect(d.sources.map((s) => s.id).sort()).toEqual(sources.map((s) => s.id).sort());
    expect(d.asOf.landscape).toBe(sources.find((s) => s.id === 'cncf-landscape')?.date ?? null);
    expect(d.asOf.entriesUpdated).toBe(
      entries
        .map((e) => e.data.updated)
        .sort()
        .at(-1),
    );
  });
});

describe('CSV exports', () => {
  it('projects.csv has the documented header and one row per entry', () => {
    const [header, ...rows] = parseCsv(read('data/projects.csv'));
    expect(header).toEqual(PROJECT_CSV_COLUMNS);
    expect(rows).toHaveLength(entries.length);
    const col = (name: string) => header.indexOf(name);
    for (const e of entries) {
      const row = rows.find((r) => r[col('slug')] === e.slug);
      expect(row, e.slug).toBeDefined();
      expect(row![col('name')]).toBe(e.data.name);
      expect(Number(row![col('rust_lines')])).toBe(entryLines(e));
      // The share the table shows, one decimal; empty when none is shown.
      const share = shownProjectShare(
        e.data.rustRepos.map((r) => r.measurement),
        (e.data.otherRepos ?? []).map((r) => r.measurement),
        e.data.unmeasuredRepos ?? [],
      );
      expect(row![col('rust_share')], e.slug).toBe(share === undefined ? '' : String(Math.round(share * 10) / 10));
      expect(row![col('page_url')]).toBe(`${SITE}projects/${e.slug}/`);
    }
  });

  it('repositories.csv has one row per measured repository of every entry, its code without Rust included', () => {
    const [header, ...rows] = parseCsv(read('data/repositories.csv'));
    expect(header).toEqual(REPOSITORY_CSV_COLUMNS);
    const expected = entries
      .flatMap((e) =>
        [...e.data.rustRepos, ...(e.data.otherRepos ?? [])].map(
          (r) => `${e.slug} ${r.repo} ${r.measurement.commit} ${r.measurement.lines}`,
        ),
      )
      .sort();
    expect(rows.map((r) => `${r[0]} ${r[2]} ${r[4]} ${r[8]}`).sort()).toEqual(expected);
  });

  it('ends every record with CRLF', () => {
    for (const file of ['data/projects.csv', 'data/repositories.csv']) {
      const text = read(file);
      expect(text.endsWith('\r\n'), file).toBe(true);
      expect(text.split('\r\n')[0], file).not.toContain('\n');
    }
  });
});

describe('/data/ page', () => {
  it('documents every field the JSON holds and every CSV column, and links the files under the base', () => {
    const html = readPage('data/index.html');
    const d = JSON.parse(read('data/projects.json')) as ProjectsExport;
    const fields = [
      ...Object.keys(d),
      ...Object.keys(d.projects[0]),
      ...PROJECT_CSV_COLUMNS,
      ...REPOSITORY_CSV_COLUMNS,
    ];
    for (const f of new Set(fields)) expect(html, f).toContain(`<code>${f}</code>`);
    for (const file of ['data/projects.json', 'data/projects.csv', 'data/repositories.csv', 'rss.xml'])
      expect(html).toContain(`href="${BASE}${file}"`);
  });

  it('is linked from the footer of every page', () => {
    expect(readPage('index.html')).toContain(`href="${BASE}data/"`);
    expect(readPage(`projects/${entries[0].slug}/index.html`)).toContain(`href="${BASE}data/projects.json"`);
  });
});
