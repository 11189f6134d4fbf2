/**
 * RustSec advisories on fixtures: every requirement form the database writes (Cargo's, read
 * through npm semver), withdrawn advisories, the informational kinds, a git-sourced and an
 * other-registry crate of the same name, a package locked twice, and the file's layout.
 */
import { describe, expect, it } from 'vitest';
import {
  AdvisoryError,
  cargoRange,
  isAffected,
  matchAdvisories,
  parseAdvisory,
  type ParsedAdvisory,
} from '../../scripts/lib/advisories/advisory.ts';
import { buildAdvisoriesFile } from '../../scripts/lib/advisories/run.ts';
import {
  keepReadDate,
  parseAdvisoriesFile,
  serializeAdvisoriesFile,
} from '../../scripts/lib/advisories/advisories-file.ts';
import type { CrateRecord, LockedPackage } from '../../src/schemas/crates.ts';

/** An advisory file as the database writes it, with the fields a case needs. */
function advisoryFile(fields: {
  id?: string;
  pkg?: string;
  date?: string;
  informational?: string;
  withdrawn?: string;
  patched?: string[];
  unaffected?: string[];
  extra?: string;
  title?: string;
}): string {
  const list = (items: string[]) => `[${items.map((i) => JSON.stringify(i)).join(', ')}]`;
  return [
    '```toml',
    '[advisory]',
    `id = "${fields.id ?? 'RUSTSEC-2024-0001'}"`,
    `package = "${fields.pkg ?? 'demo'}"`,
    `date = "${fields.date ?? '2024-01-31'}"`,
    ...(fields.withdrawn ? [`withdrawn = "${fields.withdrawn}"`] : []),
    ...(fields.informational ? [`informational = "${fields.informational}"`] : []),
    'aliases = ["CVE-2024-0001"]',
    ...(fields.extra ? [fields.extra] : []),
    '',
    '[versions]',
    `patched = ${list(fields.patched ?? ['>= 1.2.3'])}`,
    ...(fields.unaffected ? [`unaffected = ${list(fields.unaffected)}`] : []),
    '```',
    '',
    `# ${fields.title ?? 'A `demo` problem'}`,
    '',
    'Long description.',
    '',
  ].join('\n');
}

const advisory = (fields: Parameters<typeof advisoryFile>[0] = {}): ParsedAdvisory =>
  parseAdvisory('crates/demo/RUSTSEC-2024-0001.md', advisoryFile(fields));

const crate = (name: string, version: string, extra: Partial<LockedPackage> = {}): LockedPackage => ({
  name,
  version,
  source: 'registry',
  ...extra,
});

describe('requirement forms', () => {
  // Each row: the requirement as the database writes it, then versions that meet it and versions that do not.
  const cases: [string, string[], string[]][] = [
    ['>= 1.2.3', ['1.2.3', '1.9.0', '2.0.0'], ['1.2.2', '0.9.0']],
    ['>=0.10', ['0.10.0', '0.11.0'], ['0.9.9']],
    ['> 0.3.2', ['0.3.3'], ['0.3.2']],
    ['> 0', ['1.0.0'], ['0.99.0']],
    ['< 0.12', ['0.11.9'], ['0.12.0']],
    ['<= 0.3.0', ['0.3.0'], ['0.3.1']],
    ['= 0.2.0', ['0.2.0'], ['0.2.1']],
    ['=0.2.0', ['0.2.0'], ['0.2.1']],
    ['^0.7.1', ['0.7.1', '0.7.9'], ['0.8.0', '0.7.0']],
    ['~1.2.3', ['1.2.9'], ['1.3.0']],
    // A bare version is a caret requirement in Cargo (npm would read it as exact).
    ['0.54.2', ['0.54.2', '0.54.9'], ['0.55.0', '0.54.1']],
    ['1.0', ['1.0.0', '1.9.9'], ['2.0.0']],
    // A comma joins comparators: both must hold.
    ['>= 0.11.6, < 0.12.0', ['0.11.6', '0.11.99'], ['0.12.0', '0.11.5']],
    ['< 0.10.0-alpha.1, >= 0.9.6', ['0.9.6'], ['0.10.0', '0.9.5']],
    ['1.*', ['1.0.0', '1.5.0'], ['2.0.0']],
    ['*', ['0.0.1', '9.9.9'], []],
    // Pre-releases are placed in semver order, not excluded.
    ['>= 0.104.0-alpha.6', ['0.104.0-alpha.6', '0.104.0-alpha.7', '0.104.0'], ['0.104.0-alpha.5']],
    ['< 1.0.0-0', ['0.9.9'], ['1.0.0-alpha.1', '1.0.0']],
    ['>= 0.9.5', ['1.0.0-rc.3'], []],
  ];
  for (const [requirement, meets, misses] of cases)
    it(`reads "${requirement}"`, () => {
      const range = cargoRange(requirement);
      for (const v of meets) expect(range.test(v), `${v} meets ${requirement}`).toBe(true);
      for (const v of misses) expect(range.test(v), `${v} misses ${requirement}`).toBe(false);
    });

  it('refuses what Cargo would not read', () => {
    for (const bad of ['>= one', '>= 1.2,', '=> 1.2', '1.2.3 - 2.0.0'])
      expect(() => cargoRange(bad), bad).toThrow(AdvisoryError);
  });
});

describe('which locked versions are affected', () => {
  it('is a version that meets no patched and no unaffected requirement', () => {
    const versions = { patched: ['>= 0.10.1', '< 0.10.0, >= 0.9.3', '< 0.9.0, >= 0.8.6'], unaffected: ['< 0.7.0'] };
    expect(isAffected('0.8.5', versions)).toBe(true);
    expect(isAffected('0.7.3', versions)).toBe(true);
    expect(isAffected('0.9.2', versions)).toBe(true);
    expect(isAffected('0.10.0', versions)).toBe(true);
    expect(isAffected('0.8.6', versions)).toBe(false);
    expect(isAffected('0.9.3', versions)).toBe(false);
    expect(isAffected('0.10.1', versions)).toBe(false);
    expect(isAffected('0.6.9', versions)).toBe(false);
  });

  it('is every version when there is no fix', () => {
    expect(isAffected('0.9.8', { patched: [] })).toBe(true);
  });

  it('reads build metadata in a locked version and refuses a version that is not semver', () => {
    expect(isAffected('0.2.0+wasi-snapshot-preview1', { patched: ['>= 0.2.1'] })).toBe(true);
    expect(() => isAffected('latest', { patched: [] })).toThrow('locked version "latest" is not a semantic version');
  });
});

describe('advisory files', () => {
  it('reads the TOML front matter and the title', () => {
    expect(advisory({ extra: '[affected]\nos = ["windows"]\n[affected.functions]\n"demo::f" = ["< 1.2.3"]' })).toEqual({
      id: 'RUSTSEC-2024-0001',
      package: 'demo',
      date: '2024-01-31',
      kind: 'vulnerability',
      title: 'A `demo` problem',
      aliases: ['CVE-2024-0001'],
      patched: ['>= 1.2.3'],
      os: ['windows'],
      functions: 1,
    });
  });

  it('reads each informational kind, spaces around it ignored', () => {
    expect(advisory({ informational: 'unsound' }).kind).toBe('unsound');
    expect(advisory({ informational: 'unmaintained', patched: [] }).kind).toBe('unmaintained');
    expect(advisory({ informational: 'notice' }).kind).toBe('notice');
    expect(advisory({ informational: 'unsound  ' }).kind).toBe('unsound');
    expect(() => advisory({ informational: 'deprecated' })).toThrow(
      'advisory.informational should be unsound, unmaintained or notice, got "deprecated"',
    );
  });

  it('keeps the withdrawal date', () => {
    expect(advisory({ withdrawn: '2024-02-02' }).withdrawn).toBe('2024-02-02');
  });

  it('names the file and the problem when a field is missing or wrong', () => {
    expect(() => parseAdvisory('x.md', '# no front matter\n')).toThrow('x.md: does not open with a ```toml block');
    expect(() => parseAdvisory('x.md', advisoryFile({ patched: ['>= nope'] }))).toThrow(
      'x.md: ">= nope" is not a Cargo version requirement',
    );
    expect(() => parseAdvisory('x.md', advisoryFile({ id: 'GHSA-1234' }))).toThrow('expected advisory.id as RUSTSEC');
    expect(() => parseAdvisory('x.md', advisoryFile({ date: '31/01/2024' }))).toThrow(
      'expected advisory.date as YYYY-MM-DD',
    );
    expect(() => parseAdvisory('x.md', advisoryFile({}).replace(/\n# .*\n/, '\n'))).toThrow('no "# title" line');
  });
});

describe('matching locked packages', () => {
  const fixed = advisory({ id: 'RUSTSEC-2024-0001', patched: ['>= 1.2.3'] });
  const unfixed = advisory({ id: 'RUSTSEC-2024-0002', informational: 'unmaintained', patched: [] });
  const withdrawn = advisory({ id: 'RUSTSEC-2024-0003', withdrawn: '2024-03-01', patched: [] });
  const other = advisory({ id: 'RUSTSEC-2024-0004', pkg: 'other', patched: [] });

  it('matches crates.io packages of an affected version, never a withdrawn advisory', () => {
    expect(
      matchAdvisories([fixed, unfixed, withdrawn, other], [crate('demo', '1.2.2'), crate('unrelated', '1.0.0')]),
    ).toEqual([
      { advisory: 'RUSTSEC-2024-0001', crate: 'demo', version: '1.2.2' },
      { advisory: 'RUSTSEC-2024-0002', crate: 'demo', version: '1.2.2' },
    ]);
  });

  it('leaves out a git-sourced crate and another registry’s crate of the same name', () => {
    expect(
      matchAdvisories(
        [fixed, unfixed],
        [
          crate('demo', '1.0.0', { source: 'git' }),
          crate('demo', '1.0.0', { registry: 'https://crates.example.org/index/' }),
        ],
      ),
    ).toEqual([]);
  });

  it('matches each locked version of a package locked twice, once per version', () => {
    const locked = [
      crate('demo', '1.0.0'),
      crate('demo', '1.3.0'),
      crate('demo', '1.0.0'),
      crate('demo', '1.0.0', { source: 'git' }),
    ];
    expect(matchAdvisories([fixed, unfixed], locked)).toEqual([
      { advisory: 'RUSTSEC-2024-0001', crate: 'demo', version: '1.0.0' },
      { advisory: 'RUSTSEC-2024-0002', crate: 'demo', version: '1.0.0' },
      { advisory: 'RUSTSEC-2024-0002', crate: 'demo', version: '1.3.0' },
    ]);
  });
});

describe('the data file', () => {
  const commit = 'a'.repeat(40);
  const record = (locked: LockedPackage[], at = commit): CrateRecord => ({
    commit: at,
    extracted: '2024-05-01',
    workspaces: [],
    crates: [],
    locked,
  });
  const database = {
    commit: 'd'.repeat(40),
    commitDate: '2024-06-01T12:00:00+02:00',
    advisories: [
      advisory({ id: 'RUSTSEC-2024-0001', patched: ['>= 1.2.3'] }),
      advisory({ id: 'RUSTSEC-2024-0002', withdrawn: '2024-03-01', patched: [] }),
      advisory({ id: 'RUSTSEC-2024-0003', pkg: 'other', patched: [] }),
    ],
  };
  const entries = [
    {
      slug: 'one',
      repos: [
        { repo: 'o/a', commit },
        { repo: 'o/b', commit },
      ],
    },
    { slug: 'two', repos: [{ repo: 'o/a', commit }] },
  ];

  it('holds every entry repository at its commit, the database counts and only the advisories that match', () => {
    const file = buildAdvisoriesFile(
      entries,
      { 'o/a': record([crate('demo', '1.0.0')]), 'o/b': record([]) },
      database,
      '2024-07-01',
    );
    expect(file.database).toEqual({
      repository: 'rustsec/advisory-db',
      commit: 'd'.repeat(40),
      commitDate: '2024-06-01T12:00:00+02:00',
      read: '2024-07-01',
      advisories: 3,
      withdrawn: 1,
    });
    expect(Object.keys(file.advisories)).toEqual(['RUSTSEC-2024-0001']);
    expect(file.advisories['RUSTSEC-2024-0001']).not.toHaveProperty('id');
    expect(file.repositories).toEqual({
      'o/a': { commit, matches: [{ advisory: 'RUSTSEC-2024-0001', crate: 'demo', version: '1.0.0' }] },
      'o/b': { commit, matches: [] },
    });
  });

  it('refuses crate records that are not at the cited commits, naming each', () => {
    expect(() => buildAdvisoriesFile(entries, { 'o/a': record([], 'b'.repeat(40)) }, database, '2024-07-01')).toThrow(
      /run `npm run crates` first:\n {2}o\/a \(one\): data\/crates.json read it at b{40}, the entry cites a{40}\n {2}o\/b \(one\): no record/,
    );
  });

  it('round-trips, and keeps the previous date when nothing else changed', () => {
    const file = buildAdvisoriesFile(
      entries,
      { 'o/a': record([crate('demo', '1.0.0')]), 'o/b': record([]) },
      database,
      '2024-07-01',
    );
    const text = serializeAdvisoriesFile(file);
    expect(parseAdvisoriesFile('advisories.json', text)).toEqual(file);
    const later = { ...file, database: { ...file.database, read: '2024-08-01' } };
    expect(keepReadDate(later, file).database.read).toBe('2024-07-01');
    const changed = { ...later, repositories: { ...later.repositories, 'o/b': { commit, matches: [] } } };
    delete (changed.repositories as Record<string, unknown>)['o/a'];
    expect(keepReadDate(changed, file).database.read).toBe('2024-08-01');
    expect(() => parseAdvisoriesFile('advisories.json', text.replace('"vulnerability"', '"bad"'))).toThrow(
      /^advisories.json: advisories.RUSTSEC-2024-0001.kind: /,
    );
  });
});
