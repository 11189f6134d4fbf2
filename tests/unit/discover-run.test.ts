import { describe, expect, it } from 'vitest';
import { summarizeDiscoverRun } from '../../src/data/views/discover-run.ts';
import { discoverRunSchema } from '../../src/schemas/discover-run.ts';

const m = (rustCodeLines: number) => ({
  commit: 'a'.repeat(40),
  commitDate: '2026-11-30T00:00:00Z',
  rustFiles: rustCodeLines ? 1 : 0,
  rustCodeLines,
  rustBytes: rustCodeLines * 10,
  rustShare: rustCodeLines ? 50 : 0,
});

const run = {
  runDate: '2026-12-01',
  rule: { minCodeLines: 1000, pureShare: 50 },
  projects: 4,
  repositories: [
    { project: 'Alpha', repo: 'o/a', state: 'measured', measurement: m(5000) },
    { project: 'Alpha', repo: 'o/a-sdk', state: 'measured', measurement: m(20) },
    { project: 'Beta', entry: 'beta', repo: 'o/b', state: 'measured', measurement: m(9000) },
    { project: 'Gamma', repo: 'o/g', state: 'measured', measurement: m(0) },
    { project: 'Delta', repo: 'o/d', state: 'screened', reason: 'no .rs files in a file listing, as of 2026-11-30' },
    { project: 'Delta', repo: 'o/d2', state: 'not-looked-at', reason: 'no copy' },
    // The same repository listed by two projects counts once.
    { project: 'Beta', entry: 'beta', repo: 'O/G', state: 'measured', measurement: m(0) },
    // A fork an organisation holds is listed, not counted as anyone's Rust.
    {
      project: 'Alpha',
      repo: 'o/crate-fork',
      via: 'organisation',
      notProjectCode: "a fork of another repository: not the project's code",
      state: 'measured',
      measurement: m(700),
    },
  ],
  listing: {
    files: ['listing.json'],
    via: ['find_repos+find_files (stored index)'],
    checkedAt: { first: '2026-11-29', last: '2026-11-30' },
  },
  organisations: [
    { owner: 'o', projects: ['Alpha', 'Beta'], listed: 5, sources: ['file listing (…)', 'bare copies'] },
    { owner: 'x', projects: ['Delta'], listed: null, sources: [] },
  ],
  report: { missingEntries: [{ name: 'Alpha' }], belowRule: [{ name: 'Gamma' }], unmeasuredRust: [{ name: 'Alpha' }] },
};

describe('discover run data file', () => {
  it('validates, and keeps fields it does not know', () => {
    const parsed = discoverRunSchema.parse(run);
    expect(parsed.report).toEqual(run.report);
    // Runs written before organisations were screened still read.
    const { listing: _l, organisations: _o, report: _r, ...older } = run;
    expect(discoverRunSchema.safeParse(older).success).toBe(true);
    expect(discoverRunSchema.safeParse({ ...run, runDate: 'yesterday' }).success).toBe(false);
    expect(
      discoverRunSchema.safeParse({ ...run, repositories: [{ project: 'x', repo: 'o/x', state: 'fetched' }] }).success,
    ).toBe(false);
  });

  it('counts repositories once by state and lists projects with Rust, most code first', () => {
    expect(summarizeDiscoverRun(discoverRunSchema.parse(run))).toEqual({
      runDate: '2026-12-01',
      projects: 4,
      organisations: 2,
      organisationsListed: 1,
      repositories: 7,
      measured: 5,
      screened: 1,
      notLookedAt: 1,
      notProjectCode: 1,
      listingVia: ['bare copies', 'find_repos+find_files (stored index)'],
      listingDates: { first: '2026-11-29', last: '2026-11-30' },
      withRust: [
        { project: 'Beta', entry: 'beta', codeLines: 9000, repos: 1 },
        { project: 'Alpha', codeLines: 5020, repos: 2 },
      ],
      undecided: ['Alpha', 'Gamma'],
      minCodeLines: 1000,
    });
  });
});
