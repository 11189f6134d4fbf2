/**
 * The safety views shaped from plain objects: the checks against the entries, advisories per
 * project (dated before or after the commit, kinds, a repository listed twice), the ranking,
 * unsafe density and the crates that rule unsafe code out (root file, manifest or both),
 * editions and toolchains, the CSV (formula-safe) and the export.
 */
import { describe, expect, it } from 'vitest';
import type { AdvisoriesFile, Advisory } from '../../src/schemas/advisories.ts';
import type { CrateRecord, CratesFile, WorkspaceCrate } from '../../src/schemas/crates.ts';
import type { UnsafeRecord } from '../../src/schemas/unsafe.ts';
import {
  compareRustVersions,
  editionSummary,
  editionTotals,
  medianDensity,
  platformLimit,
  projectAdvisories,
  projectToolchains,
  projectUnsafe,
  rankAdvisories,
  safetyRecordProblems,
  titleParts,
  unsafeKindCount,
  type SafetyProject,
} from '../../src/data/views/safety.ts';
import { ADVISORIES_CSV_COLUMNS, advisoriesCsv, safetyExport } from '../../src/data/exports/safety-export.ts';
import { parseCsv } from '../helpers/csv.ts';

const C1 = '1'.repeat(40);
const C2 = '2'.repeat(40);

const project = (slug: string, repos: [string, string, string, number][]): SafetyProject => ({
  slug,
  name: slug[0].toUpperCase() + slug.slice(1),
  rustRepos: repos.map(([repo, commit, commitDate, codeLines]) => ({
    repo,
    measurement: { commit, commitDate, codeLines },
  })),
});

const adv = (fields: Partial<Advisory> = {}): Advisory => ({
  package: 'demo',
  date: '2024-03-01',
  kind: 'vulnerability',
  title: 'A problem',
  patched: ['>= 2.0.0'],
  ...fields,
});

const alpha = project('alpha', [
  ['o/a', C1, '2024-06-01T10:00:00+00:00', 10_000],
  ['o/b', C2, '2024-01-01T10:00:00+00:00', 0],
]);
const beta = project('beta', [['o/c', C1, '2024-06-01T10:00:00+00:00', 2_000]]);

const advisories: AdvisoriesFile = {
  database: {
    repository: 'rustsec/advisory-db',
    commit: 'd'.repeat(40),
    commitDate: '2024-08-01T00:00:00+00:00',
    read: '2024-08-02',
    advisories: 10,
    withdrawn: 1,
  },
  advisories: {
    'RUSTSEC-2024-0001': adv({ date: '2024-03-01' }),
    'RUSTSEC-2024-0002': adv({ kind: 'unmaintained', package: 'old', date: '2024-07-01', patched: [] }),
    'RUSTSEC-2024-0003': adv({ kind: 'unsound', package: 'raw', title: '=HYPERLINK("x") in `raw`' }),
  },
  repositories: {
    'o/a': {
      commit: C1,
      matches: [
        { advisory: 'RUSTSEC-2024-0001', crate: 'demo', version: '1.0.0' },
        { advisory: 'RUSTSEC-2024-0002', crate: 'old', version: '0.1.0' },
      ],
    },
    'o/b': {
      commit: C2,
      matches: [
        { advisory: 'RUSTSEC-2024-0001', crate: 'demo', version: '1.5.0' },
        { advisory: 'RUSTSEC-2024-0003', crate: 'raw', version: '0.3.0' },
      ],
    },
    'o/c': { commit: C1, matches: [{ advisory: 'RUSTSEC-2024-0001', crate: 'demo', version: '1.0.0' }] },
  },
};

const crate = (name: string, fields: Partial<WorkspaceCrate> = {}): WorkspaceCrate => ({
  name,
  path: name,
  publish: true,
  dependencies: [],
  ...fields,
});
const record = (commit: string, fields: Partial<CrateRecord> = {}): CrateRecord => ({
  commit,
  extracted: '2024-07-01',
  workspaces: [{ root: '', lock: { path: 'Cargo.lock', version: 4 } }],
  crates: [],
  locked: [],
  ...fields,
});
const crates: CratesFile = {
  'o/a': record(C1, {
    crates: [
      crate('a-core', { edition: '2021', rustVersion: '1.70', unsafeCodeLint: 'deny' }),
      crate('a-cli', { edition: '2024', rustVersion: '1.9' }),
      crate('a-old'),
    ],
    workspaces: [
      {
        root: '',
        lock: { path: 'Cargo.lock', version: 4 },
        toolchain: { path: 'rust-toolchain.toml', channel: '1.80.0' },
      },
    ],
  }),
  'o/b': record(C2, {
    workspaces: [{ root: '', toolchain: { path: 'rust-toolchain', channel: 'nightly' } }],
    crates: [crate('b')],
  }),
  'o/c': record(C1, { crates: [crate('c', { edition: '2021' })] }),
};

const unsafeRecord = (commit: string, fields: Partial<UnsafeRecord> = {}): UnsafeRecord => ({
  commit,
  counted: '2024-08-02',
  grammar: 'tree-sitter-rust 0.24.0',
  files: 10,
  bytes: 1000,
  unsafe: { blocks: 0, functions: 0, impls: 0, traits: 0, externBlocks: 0 },
  inMacros: 0,
  filesWithUnsafe: 0,
  parseErrors: 0,
  hotspots: [],
  crateRoots: 1,
  crates: [],
  ...fields,
});
const unsafe = {
  'o/a': unsafeRecord(C1, {
    unsafe: { blocks: 10, functions: 2, impls: 1, traits: 1, externBlocks: 1 },
    inMacros: 3,
    filesWithUnsafe: 2,
    crates: [
      { name: 'a-core', path: 'a-core', root: 'a-core/src/lib.rs', lint: 'forbid' as const },
      { name: 'a-cli', path: 'a-cli', root: 'a-cli/src/main.rs', lint: 'deny' as const },
    ],
  }),
  'o/b': unsafeRecord(C2, { unsafe: { blocks: 5, functions: 0, impls: 0, traits: 0, externBlocks: 0 } }),
  'o/c': unsafeRecord(C1),
};

describe('checks against the entries', () => {
  it('find nothing when every repository has records at its commit', () => {
    expect(safetyRecordProblems([alpha, beta], advisories, unsafe)).toEqual([]);
  });

  it('name a missing record, a record at another commit, a record no entry lists and an undescribed advisory', () => {
    const stale: AdvisoriesFile = {
      ...advisories,
      repositories: {
        'o/a': { commit: C2, matches: [] },
        'o/c': { commit: C1, matches: [{ advisory: 'RUSTSEC-2099-0001', crate: 'x', version: '1.0.0' }] },
        'o/z': { commit: C1, matches: [] },
      },
    };
    expect(safetyRecordProblems([alpha, beta], stale, { 'o/a': unsafe['o/a'], 'o/c': unsafe['o/c'] })).toEqual([
      `data/advisories.json reads o/a at ${C2}, but content/projects/alpha.mdx cites ${C1}`,
      'content/projects/alpha.mdx lists o/b, but data/advisories.json has no record for it',
      'content/projects/alpha.mdx lists o/b, but data/unsafe.json has no record for it',
      'data/advisories.json has a record for o/z, which no entry lists in rustRepos',
      'data/advisories.json matches RUSTSEC-2099-0001 in o/c but does not describe it',
    ]);
  });

  it('say when the advisories file is missing', () => {
    expect(safetyRecordProblems([beta], undefined, unsafe)).toContain('data/advisories.json is missing or empty');
  });
});

describe('advisories per project', () => {
  const pa = projectAdvisories(alpha, advisories, crates);

  it('puts vulnerabilities first, with every locked version and repository', () => {
    expect(pa.advisories.map((a) => [a.id, a.versions, a.repos])).toEqual([
      ['RUSTSEC-2024-0001', ['1.0.0', '1.5.0'], ['o/a', 'o/b']],
      ['RUSTSEC-2024-0003', ['0.3.0'], ['o/b']],
      ['RUSTSEC-2024-0002', ['0.1.0'], ['o/a']],
    ]);
    expect(pa.counts).toEqual({ vulnerability: 1, unsound: 1, unmaintained: 1, notice: 0 });
  });

  it('says whether each advisory was dated before the commit, after it, or before in some repositories', () => {
    const timing = Object.fromEntries(pa.advisories.map((a) => [a.id, a.timing]));
    // RUSTSEC-2024-0001 is dated 2024-03-01: after o/b's commit (January), before o/a's (June).
    expect(timing).toEqual({
      'RUSTSEC-2024-0001': 'mixed',
      'RUSTSEC-2024-0002': 'since',
      'RUSTSEC-2024-0003': 'since',
    });
  });

  it('names the repositories without a lock file', () => {
    expect(pa.locked).toEqual(['o/a']);
    expect(pa.unlocked).toEqual(['o/b']);
  });

  it('reads a repository listed twice once', () => {
    const twice = project('twice', [
      ['o/c', C1, '2024-06-01T10:00:00+00:00', 1],
      ['o/c', C1, '2024-06-01T10:00:00+00:00', 1],
    ]);
    expect(projectAdvisories(twice, advisories, crates).advisories[0].uses).toHaveLength(1);
  });

  it('ranks advisories by the projects they touch, then repositories', () => {
    const ranked = rankAdvisories([pa, projectAdvisories(beta, advisories, crates)]);
    expect(ranked.map((r) => [r.id, r.projects.map((p) => p.project.slug), r.repos])).toEqual([
      ['RUSTSEC-2024-0001', ['alpha', 'beta'], 3],
      ['RUSTSEC-2024-0003', ['alpha'], 1],
      ['RUSTSEC-2024-0002', ['alpha'], 1],
    ]);
    expect(ranked[0].versions).toEqual(['1.0.0', '1.5.0']);
  });
});

describe('unsafe code per project', () => {
  const u = projectUnsafe(alpha, unsafe, crates);

  it('sums the kinds over repositories and divides by their code lines', () => {
    expect(u.counts).toEqual({ blocks: 15, functions: 2, impls: 1, traits: 1, externBlocks: 1 });
    expect(u.total).toBe(20);
    expect(u.inMacros).toBe(3);
    expect(u.codeLines).toBe(10_000);
    expect(u.density).toBe(2);
    expect(u.repos.map((r) => r.density)).toEqual([1.5, undefined]);
  });

  it('finds crates that rule out unsafe code in the root file, the manifest or both, forbid winning', () => {
    expect(u.crates).toBe(4);
    expect(u.declaring).toEqual([
      { name: 'a-cli', repo: 'o/a', lint: 'deny', where: 'source' },
      { name: 'a-core', repo: 'o/a', lint: 'forbid', where: 'both' },
    ]);
  });

  it('gives no density without code lines, and the median of those with one', () => {
    expect(
      projectUnsafe(project('none', [['o/b', C2, '2024-01-01T00:00:00Z', 0]]), unsafe, crates).density,
    ).toBeUndefined();
    expect(medianDensity([{ density: 3 }, { density: 1 }, {}, { density: 2 }])).toBe(2);
    expect(medianDensity([{ density: 4 }, { density: 1 }])).toBe(2.5);
    expect(medianDensity([{}])).toBeUndefined();
  });

  it('writes a count with its kind, singular where it should be', () => {
    expect(unsafeKindCount('blocks', 1)).toBe('1 unsafe block');
    expect(unsafeKindCount('externBlocks', 1_200)).toBe('1,200 extern blocks');
    expect(unsafeKindCount('functions', 2)).toBe('2 unsafe fn');
  });
});

describe('editions and toolchains', () => {
  const t = projectToolchains(alpha, crates);

  it('counts crates per edition, a crate without one as 2015', () => {
    expect(t.editions).toEqual([
      { edition: '2015', crates: 2, defaulted: 2 },
      { edition: '2021', crates: 1, defaulted: 0 },
      { edition: '2024', crates: 1, defaulted: 0 },
    ]);
    expect(editionSummary(t.editions)).toBe('2015 (2 crates), 2021 (1), 2024 (1)');
  });

  it('orders rust-version numerically and lists the pinned toolchains', () => {
    expect(compareRustVersions('1.9', '1.70')).toBeLessThan(0);
    expect(compareRustVersions('1.70.0', '1.70')).toBe(0);
    expect(t.rustVersion).toEqual({ lowest: '1.9', highest: '1.70', crates: 2 });
    expect(t.toolchains).toEqual([
      { repo: 'o/a', path: 'rust-toolchain.toml', channel: '1.80.0' },
      { repo: 'o/b', path: 'rust-toolchain', channel: 'nightly' },
    ]);
  });

  it('totals crates and projects per edition', () => {
    expect(editionTotals([t, projectToolchains(beta, crates)])).toEqual([
      { edition: '2015', crates: 2, projects: 1 },
      { edition: '2021', crates: 2, projects: 2 },
      { edition: '2024', crates: 1, projects: 1 },
    ]);
  });
});

describe('platform limits', () => {
  it('name the operating systems and processors an advisory is limited to', () => {
    expect(platformLimit({ os: ['windows'] })).toBe('only on windows');
    expect(platformLimit({ os: ['linux'], arch: ['x86_64'] })).toBe('only on linux, x86_64');
    expect(platformLimit({})).toBeUndefined();
  });
});

describe('advisory titles', () => {
  it('split at code spans, and stay plain text when a backtick is unmatched', () => {
    expect(titleParts('`net2` crate has been deprecated; use `socket2` instead')).toEqual([
      { text: 'net2', code: true },
      { text: ' crate has been deprecated; use ', code: false },
      { text: 'socket2', code: true },
      { text: ' instead', code: false },
    ]);
    expect(titleParts('a `b')).toEqual([{ text: 'a `b', code: false }]);
  });
});

describe('exports', () => {
  const perProject = [projectAdvisories(alpha, advisories, crates), projectAdvisories(beta, advisories, crates)];

  it('advisories.csv has a row per project, repository, advisory and locked version, formula-safe', () => {
    const [header, ...rows] = parseCsv(advisoriesCsv(perProject));
    expect(header).toEqual(ADVISORIES_CSV_COLUMNS);
    expect(rows).toHaveLength(Object.values(advisories.repositories).reduce((n, r) => n + r.matches.length, 0));
    const col = (name: (typeof ADVISORIES_CSV_COLUMNS)[number]) => header.indexOf(name);
    const raw = rows.find((r) => r[col('advisory_id')] === 'RUSTSEC-2024-0003')!;
    expect(raw[col('title')]).toBe(`'=HYPERLINK("x") in \`raw\``);
    expect(raw[col('repository')]).toBe('o/b');
    expect(raw[col('dated_before_commit')]).toBe('false');
    const first = rows[0];
    expect([first[col('project')], first[col('repository')], first[col('commit')], first[col('patched')]]).toEqual([
      'alpha',
      'o/a',
      C1,
      '>= 2.0.0',
    ]);
  });

  it('projects.json safety holds each repository once with its advisories, unsafe code, crates and toolchains', () => {
    const doc = safetyExport({ perProject, advisories, unsafe, crates });
    expect(doc.repositories.map((r) => `${r.project} ${r.repo} ${r.commit}`)).toEqual([
      `alpha o/a ${C1}`,
      `alpha o/b ${C2}`,
      `beta o/c ${C1}`,
    ]);
    const a = doc.repositories[0];
    expect(a.unsafe).toMatchObject({ total: 15, perThousandCodeLines: 1.5, inMacros: 3 });
    expect(a.crates.find((c) => c.name === 'a-core')).toEqual({
      name: 'a-core',
      path: 'a-core',
      edition: '2021',
      rustVersion: '1.70',
      unsafeCode: 'forbid',
    });
    expect(a.toolchains).toEqual([{ path: 'rust-toolchain.toml', channel: '1.80.0' }]);
    expect(doc.repositories[1].unsafe?.perThousandCodeLines).toBeNull();
    expect(doc.advisories.map((x) => [x.id, x.projects])).toEqual([
      ['RUSTSEC-2024-0001', ['alpha', 'beta']],
      ['RUSTSEC-2024-0002', ['alpha']],
      ['RUSTSEC-2024-0003', ['alpha']],
    ]);
  });
});
