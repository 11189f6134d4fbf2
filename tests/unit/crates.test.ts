/** The crate views shaped from plain records: matching with entries, per project, shared, built-with, exports. */
import { describe, expect, it } from 'vitest';
import {
  builtWith,
  crateRecordProblems,
  cratesWithPages,
  extractionRange,
  mainDependencies,
  projectCrates,
  sharedCrates,
  type CrateProject,
} from '../../src/data/views/crates.ts';
import { CRATE_FAMILIES } from '../../src/data/views/crate-families.ts';
import {
  CRATES_CSV_COLUMNS,
  CRATES_JSON_FIELDS,
  cratesCsv,
  cratesExport,
} from '../../src/data/exports/crates-export.ts';
import { parseCsv } from '../helpers/csv.ts';
import type { CrateRecord, CratesFile, Dependency, WorkspaceCrate } from '../../src/schemas/crates.ts';

const C = (n: string) => n.repeat(40);
const project = (slug: string, repos: [string, string][]): CrateProject => ({
  slug,
  name: slug.toUpperCase(),
  rustRepos: repos.map(([repo, commit]) => ({ repo, measurement: { commit } })),
});
const dep = (name: string, over: Partial<Dependency> = {}): Dependency => ({
  name,
  kind: 'normal',
  source: 'registry',
  req: '1',
  ...over,
});
const crate = (name: string, dependencies: Dependency[], over: Partial<WorkspaceCrate> = {}): WorkspaceCrate => ({
  name,
  version: '0.1.0',
  path: name,
  publish: true,
  dependencies,
  ...over,
});
const record = (
  crates: WorkspaceCrate[],
  locked: [string, string][] | null,
  over: Partial<CrateRecord> = {},
): CrateRecord => ({
  commit: C('a'),
  extracted: '2026-12-01',
  workspaces: [locked ? { root: '', lock: { path: 'Cargo.lock', version: 4 } } : { root: '' }],
  crates,
  locked: (locked ?? []).map(([name, version]) => ({ name, version, source: 'registry' as const })),
  ...over,
});

// Three projects: alpha (two repos, one without a lock), beta, gamma (no Cargo manifest).
const alpha = project('alpha', [
  ['a/server', C('a')],
  ['a/lib', C('a')],
]);
const beta = project('beta', [['b/b', C('a')]]);
const gamma = project('gamma', [['g/g', C('a')]]);
const records: CratesFile = {
  'a/server': record(
    [
      crate(
        'alpha-server',
        [
          dep('tokio'),
          dep('hyper', { alias: 'http' }),
          dep('alpha-core', { source: 'path', path: 'core' }),
          dep('tempfile', { kind: 'dev' }),
        ],
        { publish: false },
      ),
      crate('alpha-core', [
        dep('tokio', { req: '1.40' }),
        dep('tower', { source: 'git', git: 'https://example.org/tower', req: undefined }),
      ]),
    ],
    [
      ['tokio', '1.41.0'],
      ['hyper', '0.14.30'],
      ['tower', '0.5.0'],
      ['mio', '1.0.0'],
      ['alpha-lib', '2.0.0'],
    ],
  ),
  'a/lib': record([crate('alpha-lib', [dep('serde'), dep('tokio', { kind: 'build' })], { version: '2.0.0' })], null),
  'b/b': record(
    [crate('beta', [dep('tokio'), dep('alpha-lib'), dep('rustls')])],
    [
      ['tokio', '1.38.0'],
      ['alpha-lib', '2.0.0'],
      ['rustls', '0.23.0'],
      ['mio', '0.8.11'],
      ['hyper', '1.4.0'],
    ],
  ),
  'g/g': {
    commit: C('a'),
    extracted: '2026-11-30',
    workspaces: [],
    crates: [],
    locked: [],
    notes: ['No Cargo.toml in the tree'],
  },
};
const all = [alpha, beta, gamma].map((p) => projectCrates(p, records));

describe('crateRecordProblems', () => {
  it('is empty when every listed repository has a record at its commit and nothing else', () => {
    expect(crateRecordProblems([alpha, beta, gamma], records)).toEqual([]);
  });

  it('names a missing record, a stray record and a commit that differs', () => {
    const moved = project('beta', [['b/b', C('b')]]);
    const extra = project('delta', [['d/d', C('a')]]);
    expect(crateRecordProblems([alpha, moved, extra], records)).toEqual([
      `data/crates.json reads b/b at ${C('a')}, but content/projects/beta.mdx cites ${C('b')}`,
      'content/projects/delta.mdx lists d/d, but data/crates.json has no record for it',
      'data/crates.json has a record for g/g, which no entry lists in rustRepos',
    ]);
  });
});

describe('projectCrates', () => {
  const [a, b, g] = all;

  it("collects a project's own crates over its repositories, and the published ones", () => {
    expect(a.own.map((c) => `${c.name}@${c.repo}`)).toEqual([
      'alpha-core@a/server',
      'alpha-lib@a/lib',
      'alpha-server@a/server',
    ]);
    expect(a.published.map((c) => c.name)).toEqual(['alpha-core', 'alpha-lib']);
    expect(a.extracted).toEqual(['a/server', 'a/lib']);
    expect(a.unlocked).toEqual(['a/lib']);
    expect(g.extracted).toEqual([]);
    expect(g.notExtracted).toEqual(['g/g']);
  });

  it('leaves out path dependencies and its own crates, even from a lock file', () => {
    const names = a.dependencies.map((d) => d.name);
    expect(names).toEqual(['hyper', 'mio', 'serde', 'tempfile', 'tokio', 'tower']);
    expect(b.dependencies.find((d) => d.name === 'alpha-lib')).toMatchObject({ direct: true, versions: ['2.0.0'] });
  });

  it('tells direct from lock-only, with kinds, requirements, versions and how many crates declare each', () => {
    const by = Object.fromEntries(a.dependencies.map((d) => [d.name, d]));
    expect(by.tokio).toEqual({
      name: 'tokio',
      direct: true,
      kinds: ['normal', 'build'],
      reqs: ['1', '1.40'],
      versions: ['1.41.0'],
      dependents: 3,
      git: false,
    });
    expect(by.mio).toMatchObject({ direct: false, kinds: [], reqs: [], versions: ['1.0.0'], dependents: 0 });
    expect(by.tempfile).toMatchObject({ direct: true, kinds: ['dev'], dependents: 0 });
    expect(by.tower).toMatchObject({ git: true, reqs: [] });
  });

  it('names the main direct dependencies: most used by its crates, dev-only ones left out', () => {
    expect(mainDependencies(a, 3).map((d) => d.name)).toEqual(['tokio', 'hyper', 'serde']);
    expect(mainDependencies(a, 10).map((d) => d.name)).not.toContain('tempfile');
  });
});

describe('sharedCrates', () => {
  const shared = sharedCrates(all);

  it('counts projects in all and directly, most shared first', () => {
    expect(shared.map((s) => `${s.name} ${s.all}/${s.direct}`)).toEqual([
      'tokio 2/2',
      'hyper 2/1',
      'mio 2/0',
      'alpha-lib 1/1',
      'rustls 1/1',
      'serde 1/1',
      'tempfile 1/1',
      'tower 1/1',
    ]);
  });

  it('lists each use with its versions, and the catalog project that has the crate', () => {
    const lib = shared.find((s) => s.name === 'alpha-lib')!;
    expect(lib.uses.map((u) => [u.project.slug, u.direct, u.versions])).toEqual([['beta', true, ['2.0.0']]]);
    expect(lib.publishedBy).toEqual([{ project: alpha, repo: 'a/lib', version: '2.0.0', publish: true }]);
    const mio = shared.find((s) => s.name === 'mio')!;
    expect(mio.uses.map((u) => u.versions)).toEqual([['1.0.0'], ['0.8.11']]);
  });

  it('gives a page to the crates that enough projects declare', () => {
    expect(cratesWithPages(shared).map((s) => s.name)).toEqual(['tokio']);
    expect(cratesWithPages(shared, 1).map((s) => s.name)).toEqual([
      'tokio',
      'hyper',
      'alpha-lib',
      'rustls',
      'serde',
      'tempfile',
      'tower',
    ]);
  });
});

describe('builtWith', () => {
  const table = builtWith(all);

  it('has a row per project with crates and a cell per family, in the families order', () => {
    expect(table.rows.map((r) => r.project.slug)).toEqual(['alpha', 'beta']);
    expect(table.families).toBe(CRATE_FAMILIES);
    const cell = (slug: string, id: string) =>
      table.rows.find((r) => r.project.slug === slug)!.families.find((f) => f.family.id === id)!.crates;
    expect(cell('alpha', 'async')).toEqual([{ name: 'tokio', direct: true }]);
    expect(cell('beta', 'http')).toEqual([{ name: 'hyper', direct: false }]);
    expect(cell('beta', 'tls')).toEqual([{ name: 'rustls', direct: true }]);
    expect(cell('alpha', 'tls')).toEqual([]);
  });

  it('totals projects per family and per crate, in all and directly', () => {
    const total = (id: string) => table.totals.find((t) => t.family.id === id)!;
    expect(total('http')).toMatchObject({ all: 2, direct: 1 });
    expect(total('http').crates.find((c) => c.name === 'hyper')).toEqual({ name: 'hyper', all: 2, direct: 1 });
    expect(total('wasm')).toMatchObject({ all: 0, direct: 0 });
  });

  it('takes its families as data', () => {
    const custom = builtWith(all, [{ id: 'io', label: 'I/O', crates: ['mio'] }]);
    expect(custom.totals).toEqual([
      {
        family: { id: 'io', label: 'I/O', crates: ['mio'] },
        all: 2,
        direct: 0,
        crates: [{ name: 'mio', all: 2, direct: 0 }],
      },
    ]);
  });
});

describe('exports', () => {
  const shared = sharedCrates(all);
  const url = (name: string) => (name === 'tokio' ? `https://x.example/crates/${name}/` : undefined);

  it('crates.csv has the documented columns and a row per project and crate', () => {
    const [header, ...rows] = parseCsv(cratesCsv(shared, url));
    expect(header).toEqual(CRATES_CSV_COLUMNS);
    expect(rows).toHaveLength(shared.reduce((n, s) => n + s.uses.length, 0));
    expect(rows[0]).toEqual([
      'tokio',
      'alpha',
      'ALPHA',
      'true',
      'normal;build',
      '1;1.40',
      '1.41.0',
      '2',
      '2',
      'https://x.example/crates/tokio/',
    ]);
    expect(rows.find((r) => r[0] === 'mio' && r[1] === 'beta')).toEqual([
      'mio',
      'beta',
      'BETA',
      'false',
      '',
      '',
      '0.8.11',
      '2',
      '0',
      '',
    ]);
  });

  it('the JSON has every documented field, repositories at their commits and family users', () => {
    const doc = cratesExport(
      { perProject: all, shared, builtWith: builtWith(all), records, extracted: extractionRange(records) },
      url,
    );
    expect(Object.keys(doc).sort()).toEqual(Object.keys(CRATES_JSON_FIELDS).sort());
    expect(doc.extracted).toEqual({ oldest: '2026-11-30', newest: '2026-12-01' });
    expect(doc.repositories.map((r) => `${r.project} ${r.repo} ${r.crates.length} ${r.lockedPackages}`)).toEqual([
      'alpha a/server 2 5',
      'alpha a/lib 1 0',
      'beta b/b 1 5',
      'gamma g/g 0 0',
    ]);
    expect(doc.families.find((f) => f.id === 'http')!.crates.find((c) => c.name === 'hyper')).toEqual({
      name: 'hyper',
      projects: ['alpha', 'beta'],
      direct: ['alpha'],
    });
    expect(doc.shared[0]).toMatchObject({
      name: 'tokio',
      projects: 2,
      direct: 2,
      url: 'https://x.example/crates/tokio/',
    });
  });
});
