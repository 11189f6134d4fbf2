/**
 * The pure parts of discover over organisations: reading listings of both shapes, a project's
 * organisations and the repositories they give it, what is not the project's code, and the
 * split of Rust by what it is for.
 */
import { describe, expect, it } from 'vitest';
import {
  attachOrganisationRepos,
  discoverTargets,
  githubOwner,
  landscapeItems,
  mergeOwnerListings,
  notProjectCode,
  parseListing,
  projectOrganisations,
  runFileText,
} from '../../scripts/lib/discover.ts';
import type { Target } from '../../scripts/lib/discover.ts';
import { addRustFile, emptyRoleCounts, rustRole } from '../../scripts/lib/rust-roles.ts';
import { projectOrgsSchema } from '../../src/schemas/project-orgs.ts';

const target = (name: string, repos: string[], maturity = 'sandbox'): Target => ({
  name,
  maturity,
  repos,
  landscapeRepos: repos,
  otherRepos: [],
});

describe('parseListing', () => {
  const screenRow = {
    owner: 'Omi',
    repo: 'Omi/omicron',
    projects: ['Omicron'],
    rsFiles: 3,
    truncated: false,
    samplePaths: ['src/lib.rs'],
    commit: 'a'.repeat(40),
    fork: false,
    note: "the project's own code",
    checkedAt: '2026-12-07',
    via: 'find_repos+find_files (stored index)',
  };

  it('reads a plain listing: rows, no owner listed whole', () => {
    const { rows, owners } = parseListing([{ repo: 'o/a', rsFiles: 0, checkedAt: '2026-11-30T10:00:00Z' }]);
    expect(rows).toEqual([{ repo: 'o/a', rsFiles: 0, checkedAt: '2026-11-30' }]);
    expect(owners.size).toBe(0);
  });

  it('reads a screen of whole owners, an owner with no repositories included', () => {
    const { rows, owners } = parseListing([
      screenRow,
      { ...screenRow, repo: 'Omi/crate', rsFiles: 40, truncated: true, fork: true, note: 'a copy of a crate' },
      { owner: 'empty-org', repo: null, projects: ['Nothing'], note: 'no repositories in the stored index' },
    ]);
    expect(rows.map((r) => r.repo)).toEqual(['Omi/omicron', 'Omi/crate']);
    expect(rows[1]).toMatchObject({ fork: true, truncated: true, rsFiles: 40, owner: 'Omi' });
    expect(owners.get('omi')).toEqual({
      owner: 'Omi',
      sources: ['file listing (find_repos+find_files (stored index), as of 2026-12-07)'],
      repos: [rows[0], rows[1]],
    });
    expect(owners.get('empty-org')).toEqual({ owner: 'empty-org', sources: ['file listing'], repos: [] });
  });

  it('keeps a repository the screen listed but could not screen, and a cut-short empty answer, as unknown', () => {
    const { rows, owners } = parseListing([
      { ...screenRow, repo: 'Omi/big', rsFiles: 0, truncated: true, note: 'absence not confirmed' },
      { ...screenRow, repo: 'Omi/later', rsFiles: null, truncated: null, via: null, note: 'NOT SCREENED: budget' },
    ]);
    expect(rows.map((r) => r.rsFiles)).toEqual([undefined, undefined]);
    expect(owners.get('omi')!.repos.map((r) => r.repo)).toEqual(['Omi/big', 'Omi/later']);
    expect(() => parseListing([{ repo: 'o/a', rsFiles: null, checkedAt: '2026-12-07' }])).toThrow('only a screen');
  });

  it('names the first bad item', () => {
    expect(() => parseListing({})).toThrow('expected a JSON list');
    expect(() => parseListing([screenRow, { ...screenRow, rsFiles: -1 }])).toThrow('listing item 1');
    expect(() => parseListing([{ ...screenRow, repo: 'Other/omicron' }])).toThrow(
      'listing item 0: Other/omicron is not a repository of Omi',
    );
    expect(() => parseListing([{ repo: '../x', rsFiles: 1, checkedAt: '2026-12-07' }])).toThrow('listing item 0');
  });
});

describe('organisations', () => {
  it('are the owners of the named repositories, corrected by the data file', () => {
    const pi = target('Pi', ['shared/pi', 'pi-sdks/pi-go']);
    const rho = target('Rho', ['rho/rho']);
    const rows = projectOrgsSchema.parse([
      { project: 'Pi', org: 'shared', scope: 'named-repositories', reason: 'shared', checked: '2026-12-01' },
      { project: 'rho', org: 'rho-extras', scope: 'organisation', reason: 'engine there', checked: '2026-12-01' },
      { project: 'Nope', org: 'x', scope: 'organisation', reason: 'typo', checked: '2026-12-01' },
    ]);
    const stray = projectOrganisations([pi, rho], rows);
    expect(pi.orgs).toEqual(['pi-sdks']);
    expect(rho.orgs).toEqual(['rho', 'rho-extras']);
    expect(stray.map((r) => r.project)).toEqual(['Nope']);
  });

  it('include an organisation the landscape names as its repository', () => {
    expect(githubOwner('https://github.com/CoHDI')).toBe('CoHDI');
    expect(githubOwner('https://github.com/CoHDI/')).toBe('CoHDI');
    expect(githubOwner('https://github.com/CoHDI/repo')).toBeUndefined();
    const items = landscapeItems({
      landscape: [
        {
          subcategories: [
            {
              items: [
                { name: 'Org Only', project: 'sandbox', repo_url: 'https://github.com/OrgOnly' },
                {
                  name: 'Mixed',
                  project: 'incubating',
                  repo_url: 'https://github.com/mixed/main',
                  additional_repos: [{ repo_url: 'https://github.com/mixed-sdks/' }],
                },
              ],
            },
          ],
        },
      ],
    });
    expect(items).toEqual([
      { name: 'Org Only', maturity: 'sandbox', repos: [], otherRepos: [], orgs: ['OrgOnly'] },
      { name: 'Mixed', maturity: 'incubating', repos: ['mixed/main'], otherRepos: [], orgs: ['mixed-sdks'] },
    ]);
    const targets = discoverTargets(items, []);
    expect(projectOrganisations(targets, [])).toEqual([]);
    expect(targets.map((t) => t.orgs)).toEqual([['OrgOnly'], ['mixed', 'mixed-sdks']]);
  });

  it('refuses the same project and organisation twice in the data file', () => {
    const row = { project: 'Pi', org: 'shared', scope: 'organisation', reason: 'r', checked: '2026-12-01' };
    expect(projectOrgsSchema.safeParse([row, { ...row, org: 'Shared' }]).success).toBe(false);
  });

  it("give a project the repositories no project names; a shared organisation's to each", () => {
    const spin = target('Spin', ['spin/spin']);
    const kube = target('SpinKube', ['spin/spin-operator']);
    const other = target('Other', ['else/other']);
    for (const t of [spin, kube, other]) t.orgs = [t.repos[0].split('/')[0]];
    other.orgs!.push('missing-org');
    const listings = mergeOwnerListings(
      new Map([
        [
          'spin',
          {
            owner: 'spin',
            sources: ['GitHub API'],
            repos: [{ repo: 'spin/spin' }, { repo: 'spin/sdk-rs', fork: true }],
          },
        ],
      ]),
      new Map([
        [
          'spin',
          {
            owner: 'spin',
            sources: ['bare copies'],
            repos: [{ repo: 'spin/spin-operator' }, { repo: 'Spin/SDK-rs', rsFiles: 9 }],
          },
        ],
      ]),
    );
    expect(listings.get('spin')!.sources).toEqual(['GitHub API', 'bare copies']);
    attachOrganisationRepos([spin, kube, other], listings);
    // Named repositories stay with the project naming them; the others go to both.
    expect(spin.found).toEqual([{ repo: 'spin/sdk-rs', fork: true, rsFiles: 9 }]);
    expect(kube.found).toEqual(spin.found);
    expect(other.found).toEqual([]);
    expect(other.unlistedOrgs).toEqual(['else', 'missing-org']);
  });

  it('leave out forks and mirrors, and archived repositories of a live project only', () => {
    expect(notProjectCode({ maturity: 'graduated' }, { repo: 'o/f', fork: true, note: 'copy of serde' })).toBe(
      "a fork of another repository (copy of serde): not the project's code",
    );
    expect(notProjectCode({ maturity: 'graduated' }, { repo: 'o/m', mirror: true })).toContain('mirror');
    expect(notProjectCode({ maturity: 'graduated' }, { repo: 'o/a', archived: true })).toContain('archived');
    expect(notProjectCode({ maturity: 'archived' }, { repo: 'o/a', archived: true })).toBeUndefined();
    expect(notProjectCode({ maturity: 'sandbox' }, { repo: 'o/x', rsFiles: 3 })).toBeUndefined();
  });
});

describe('rustRole', () => {
  it.each([
    ['src/lib.rs', 'shipped'],
    ['build.rs', 'shipped'],
    ['crates/core/src/testing_utils.rs', 'shipped'],
    ['tests/it.rs', 'tests'],
    ['crates/core/tests/it.rs', 'tests'],
    ['test/sdk/rust/main.rs', 'tests'],
    ['integration-tests/src/main.rs', 'tests'],
    ['e2e/main.rs', 'tests'],
    ['src/foo/tests.rs', 'tests'],
    ['src/foo_test.rs', 'tests'],
    ['examples/hello.rs', 'examples'],
    ['sdk/rust-examples/x.rs', 'examples'],
    ['benches/b.rs', 'benches'],
    ['fuzz/fuzz_targets/f.rs', 'fuzz'],
    // The first directory that says decides.
    ['examples/tests/x.rs', 'examples'],
  ])('%s is %s', (file, role) => {
    expect(rustRole(file)).toBe(role);
  });

  it('adds files to their role', () => {
    const counts = emptyRoleCounts();
    addRustFile(counts, 'src/a.rs', { codeLines: 10 });
    addRustFile(counts, 'tests/b.rs', { codeLines: 4 });
    expect(counts.shipped).toEqual({ files: 1, codeLines: 10 });
    expect(counts.tests).toEqual({ files: 1, codeLines: 4 });
  });
});

describe('runFileText', () => {
  it('is JSON with one repository and one organisation a line', () => {
    const run = {
      runDate: '2026-12-07',
      organisations: [{ owner: 'o', projects: ['P'] }],
      repositories: [
        { project: 'P', repo: 'o/a', state: 'screened' },
        { project: 'P', repo: 'o/b', state: 'screened' },
      ],
      report: { missingEntries: [] },
    };
    const text = runFileText(run);
    expect(JSON.parse(text)).toEqual(run);
    expect(text.split('\n').filter((l) => l.startsWith('    {"project"'))).toHaveLength(2);
    expect(text.endsWith('}\n')).toBe(true);
  });
});
