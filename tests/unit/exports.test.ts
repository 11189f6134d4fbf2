import { describe, expect, it } from 'vitest';
import {
  EXPORT_VERSION,
  JSON_FIELDS,
  JSON_PROJECT_FIELDS,
  PROJECT_CSV_COLUMNS,
  REPOSITORY_CSV_COLUMNS,
  csvField,
  exportProject,
  projectsCsv,
  projectsExport,
  repositoriesCsv,
  toCsv,
} from '../../src/data/exports/exports.ts';
import { parseCsv } from '../helpers/csv.ts';
import { absoluteUrl } from '../../src/data/site/paths.ts';
import type { Source } from '../../src/schemas/source.ts';
import { projectFrontmatterSchema } from '../../src/schemas/project.ts';
import { measurement, project } from '../helpers/fixtures.ts';

const urls = {
  home: 'https://example.org/base/',
  project: (slug: string) => `https://example.org/base/projects/${slug}/`,
  logo: (file: string) => `https://example.org/base/logos/${file}`,
};
const sources: Source[] = [
  {
    id: 'cncf-landscape',
    title: 'landscape.yml',
    publisher: 'CNCF',
    date: '2026-08-07',
    url: 'https://example.org/l.yml',
    kind: 'data',
  },
  { id: 'report', title: 'A report', publisher: 'Someone', date: '2025-12', kind: 'report', note: 'Unpublished.' },
];
const tricky = project('tricky', {
  name: 'Tricky, "quoted" name',
  summary: 'Line one\nline two',
  maturity: 'graduated',
  dates: { accepted: '2017-01-23', incubating: '2018-04-06', graduated: '2021-07-28' },
  categories: ['service-mesh', 'storage'],
  rustRepos: [
    {
      repo: 'o/a',
      role: 'Proxy, the main one',
      measurement: measurement({ lines: 100, notes: 'Has "vendored" code' }),
    },
    { repo: 'o/b', role: 'Policy', measurement: measurement({ lines: 50, commitDate: '2025-01-01T00:00:00+00:00' }) },
  ],
  adopters: ['Acme', { name: 'Globex', url: 'https://globex.example' }],
  reported: {
    type: ['component'],
    maturity: 'incubating',
    figures: [{ text: '1,485,071', where: 'Summary table', bytes: 1485071, repos: ['linkerd/linkerd2-proxy'] }],
  },
  updated: '2026-01-05',
});
const plain = project('plain', { updated: '2025-03-03' });
/** A Rust client library beside the project's Go server, three times its size: 25 % Rust. */
const withServer = project('client', {
  rustUsage: 'sdk',
  rustRepos: [
    {
      repo: 'c/client',
      role: 'Client',
      measurement: measurement({ bytes: 1000, bytesRaw: 1000, programmingBytes: 1000 }),
    },
  ],
  otherRepos: [
    {
      repo: 'c/server',
      role: 'Server',
      measurement: measurement({
        files: 0,
        bytes: 0,
        lines: 0,
        codeLines: 0,
        bytesRaw: 0,
        rustShare: 0,
        programmingBytes: 3000,
        languages: 'Go 100%',
      }),
    },
  ],
});
const partly = project('partly', { unmeasuredRepos: [{ repo: 'partly/ui', reason: 'Not measured yet.' }] });
const none = project('none', {
  rustUsage: 'none-found',
  rationale: undefined,
  updated: '2024-01-01',
  rustRepos: [
    {
      repo: 'n/n',
      role: 'Main',
      measurement: measurement({ files: 0, bytes: 0, lines: 0, codeLines: 0, bytesRaw: 0, rustShare: 0 }),
    },
  ],
});

describe("the project's share in the exports", () => {
  it('is in projects.json and projects.csv over all its code, and null where code is not measured', () => {
    const doc = projectsExport({
      projects: [withServer, partly, plain],
      sources,
      generated: '2026-11-22T08:00:00.000Z',
      urls,
    });
    expect(doc.projects.map((p) => [p.slug, p.rustShare])).toEqual([
      ['client', 25],
      ['partly', null],
      ['plain', 100],
    ]);
    expect(doc.projects[0].otherRepos?.[0].repo).toBe('c/server');
    expect(doc.projects[1].unmeasuredRepos).toEqual([{ repo: 'partly/ui', reason: 'Not measured yet.' }]);
    expect(doc.projects[2]).toMatchObject({ otherRepos: null, unmeasuredRepos: null, citations: null });
    expect(doc.counts.repositories).toBe(4);
    const rows = parseCsv(projectsCsv([withServer, partly], urls));
    expect(rows.map((r) => r[rows[0].indexOf('rust_share')])).toEqual(['rust_share', '25', '']);
  });

  it('lists the code without Rust in repositories.csv, marked as such', () => {
    const rows = parseCsv(repositoriesCsv([withServer]));
    const col = (name: string) => rows[0].indexOf(name);
    expect(
      rows.slice(1).map((r) => [r[col('repository')], r[col('bytes')], r[col('rust_share')], r[col('holds_rust')]]),
    ).toEqual([
      ['c/client', '1000', '100', 'true'],
      ['c/server', '0', '0', 'false'],
    ]);
  });
});

describe('projectsExport', () => {
  const doc = projectsExport({ projects: [none, plain, tricky], sources, generated: '2026-11-22T08:00:00.000Z', urls });

  it('carries the version, build time, site and as-of dates', () => {
    expect(doc.version).toBe(EXPORT_VERSION);
    expect(doc.generated).toBe('2026-11-22T08:00:00.000Z');
    expect(doc.site).toBe(urls.home);
    expect(doc.asOf).toEqual({
      entriesUpdated: '2026-01-05',
      landscape: '2026-08-07',
      measurements: { oldest: '2025-01-01', newest: '2026-01-02' },
    });
  });

  it('counts projects and repositories, and totals only projects that count as Rust', () => {
    expect(doc.counts).toEqual({ projects: 3, rustProjects: 2, repositories: 4 });
    expect(doc.totals.lines).toBe(1000 + 150);
    expect(doc.totals.repos).toBe(3);
  });

  it('lists the sources with null for what they lack', () => {
    expect(doc.sources[1]).toEqual({
      id: 'report',
      title: 'A report',
      publisher: 'Someone',
      date: '2025-12',
      url: null,
      kind: 'report',
      note: 'Unpublished.',
    });
    expect(doc.sources[0].note).toBeNull();
  });

  it('keeps the projects in the given order, each with its page URL, totals and every field', () => {
    expect(doc.projects.map((p) => p.slug)).toEqual(['none', 'plain', 'tricky']);
    const t = doc.projects[2];
    expect(t.url).toBe('https://example.org/base/projects/tricky/');
    expect(t.logo).toBe('https://example.org/base/logos/tricky.svg');
    expect(t.totals).toEqual({ repos: 2, files: 20, bytes: 60000, lines: 150, codeLines: 1600 });
    expect(t.dates).toEqual({
      accepted: '2017-01-23',
      incubating: '2018-04-06',
      graduated: '2021-07-28',
      archived: null,
    });
    expect(t.adopters).toEqual([
      { name: 'Acme', url: null },
      { name: 'Globex', url: 'https://globex.example' },
    ]);
    expect(t.reported).toEqual({
      type: ['component'],
      maturity: 'incubating',
      dates: null,
      figures: [{ text: '1,485,071', where: 'Summary table', bytes: 1485071, repos: ['linkerd/linkerd2-proxy'] }],
    });
    expect(t.rustRepos[0].measurement.notes).toBe('Has "vendored" code');
    expect(t.rustRepos[1].measurement.notes).toBeNull();
    expect(doc.projects[0]).toMatchObject({ countsAsRust: false, rationale: null, reported: null, adopters: [] });
  });

  it('documents every field it writes, and nothing it does not', () => {
    expect(Object.keys(doc).sort()).toEqual(Object.keys(JSON_FIELDS).sort());
    for (const p of doc.projects) expect(Object.keys(p).sort()).toEqual(Object.keys(JSON_PROJECT_FIELDS).sort());
  });

  it('exports every frontmatter field of the schema, optional ones as null, with their described meaning', () => {
    for (const key of Object.keys(projectFrontmatterSchema.shape)) expect(doc.projects[1]).toHaveProperty(key);
    expect(exportProject(project('checked', { verified: '2026-12-02' }), urls).verified).toBe('2026-12-02');
    expect(doc.projects[0].rationale).toBeNull();
    expect(doc.projects[1].verified).toBeNull();
    expect(JSON_PROJECT_FIELDS.verified).toMatch(/last checked against the project's own sources/);
  });

  it('survives a JSON round trip unchanged (no undefined, no Dates)', () => {
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  it('exports a single project without sharing arrays with the catalog', () => {
    const out = exportProject(tricky, urls);
    out.categories.push('x');
    expect(tricky.categories).toEqual(['service-mesh', 'storage']);
  });

  it('copes with no projects and no landscape source', () => {
    const empty = projectsExport({ projects: [], sources: [], generated: 'now', urls });
    expect(empty.asOf).toEqual({ entriesUpdated: null, landscape: null, measurements: null });
    expect(empty.counts).toEqual({ projects: 0, rustProjects: 0, repositories: 0 });
  });
});

describe('CSV', () => {
  it('quotes only fields that need it, doubling quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField(' padded')).toBe('" padded"');
    expect(csvField(12.5)).toBe('12.5');
    expect(csvField(false)).toBe('false');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
  });

  it('writes CRLF rows with a header and refuses ragged rows', () => {
    expect(toCsv(['a', 'b'], [[1, 'x,y']])).toBe('a,b\r\n1,"x,y"\r\n');
    expect(() => toCsv(['a', 'b'], [[1]])).toThrow(/row 1 has 1 fields; the header has 2/);
  });

  it('parses back what it writes', () => {
    const rows = [
      ['a', 'b,c', 'say "hi"'],
      ['multi\nline', '', ' x '],
    ];
    expect(parseCsv(toCsv(['h1', 'h2', 'h3'], rows))).toEqual([['h1', 'h2', 'h3'], ...rows]);
    expect(() => parseCsv('"open')).toThrow(/inside a quoted field/);
  });

  it('writes one projects.csv row per project, in the documented columns', () => {
    const rows = parseCsv(projectsCsv([none, plain, tricky], urls));
    expect(rows[0]).toEqual(PROJECT_CSV_COLUMNS);
    expect(rows).toHaveLength(4);
    const t = Object.fromEntries(PROJECT_CSV_COLUMNS.map((c, i) => [c, rows[3][i]]));
    expect(t).toMatchObject({
      slug: 'tricky',
      name: 'Tricky, "quoted" name',
      maturity: 'graduated',
      counts_as_rust: 'true',
      incubating: '2018-04-06',
      archived: '',
      categories: 'service-mesh;storage',
      rust_repositories: '2',
      rust_lines: '150',
      page_url: 'https://example.org/base/projects/tricky/',
      rust_share: String(Math.round(tricky.rustShare! * 10) / 10),
    });
    expect(rows[1][PROJECT_CSV_COLUMNS.indexOf('counts_as_rust')]).toBe('false');
    // No Rust found: no share, as on the page.
    expect(rows[1][PROJECT_CSV_COLUMNS.indexOf('rust_share')]).toBe('');
  });

  it('writes one repositories.csv row per measured repository', () => {
    const rows = parseCsv(repositoriesCsv([none, plain, tricky]));
    expect(rows[0]).toEqual(REPOSITORY_CSV_COLUMNS);
    expect(rows.slice(1).map((r) => `${r[0]} ${r[2]}`)).toEqual([
      'none n/n',
      'plain plain/plain',
      'tricky o/a',
      'tricky o/b',
    ]);
    const a = Object.fromEntries(REPOSITORY_CSV_COLUMNS.map((c, i) => [c, rows[3][i]]));
    expect(a).toMatchObject({
      role: 'Proxy, the main one',
      lines: '100',
      notes: 'Has "vendored" code',
      commit: 'a'.repeat(40),
    });
  });
});

describe('absoluteUrl', () => {
  it('joins the base and the site, and needs a site', () => {
    // Vitest runs with BASE_URL "/".
    expect(absoluteUrl('/projects/tikv/', 'https://example.github.io')).toBe(
      'https://example.github.io/projects/tikv/',
    );
    expect(absoluteUrl('/og/default.png', new URL('https://example.github.io/'))).toBe(
      'https://example.github.io/og/default.png',
    );
    expect(() => absoluteUrl('/x/', undefined)).toThrow(/SITE_URL/);
  });
});
