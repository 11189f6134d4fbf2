import { describe, expect, it } from 'vitest';
import {
  QUIET_MONTHS,
  copiesAsOf,
  isQuiet,
  lastCommitDate,
  monthsBefore,
  projectActivity,
  quietRule,
  upstreamFromRun,
} from '../../src/data/views/activity.ts';

const m = (commitDate: string, headDate?: string) => ({ commitDate, ...(headDate ? { headDate } : {}) });

describe('activity', () => {
  it("takes the copy's newest commit as the last one, the counted commit when no newer is recorded", () => {
    expect(lastCommitDate(m('2024-01-02T00:00:00Z', '2025-03-04T05:06:07+02:00'))).toBe('2025-03-04T05:06:07+02:00');
    expect(lastCommitDate(m('2024-01-02T00:00:00Z'))).toBe('2024-01-02T00:00:00Z');
  });

  it('dates the copies by the newest last commit among them', () => {
    expect(copiesAsOf([m('2024-01-02T00:00:00Z', '2026-08-22T07:25:52-07:00'), m('2026-08-21T00:00:00Z')])).toBe(
      '2026-08-22',
    );
    expect(copiesAsOf([])).toBeUndefined();
  });

  it('goes back whole calendar months, the 31st of a shorter month becoming its last day', () => {
    expect(monthsBefore('2026-08-22', 12)).toBe('2025-08-22');
    expect(monthsBefore('2026-03-31', 1)).toBe('2026-02-28');
    expect(monthsBefore('2024-03-31', 1)).toBe('2024-02-29');
    expect(monthsBefore('2026-01-15', 1)).toBe('2025-12-15');
  });

  it(`calls a repository quiet after ${QUIET_MONTHS} months without a commit, not a day sooner`, () => {
    const asOf = '2026-08-22';
    expect(isQuiet('2025-08-22T23:00:00Z', asOf)).toBe(false);
    expect(isQuiet('2025-08-21T23:59:59Z', asOf)).toBe(true);
    expect(isQuiet('2024-10-23T16:46:38+00:00', asOf)).toBe(true);
    expect(isQuiet('2026-06-11T00:54:46+02:00', asOf)).toBe(false);
    expect(isQuiet('2026-02-01T00:00:00Z', asOf, 6)).toBe(true);
  });

  it('calls a project quiet only when every repository is, and names its newest', () => {
    const asOf = '2026-08-22';
    const repos = [
      { repo: 'o/old', measurement: m('2022-04-17T07:43:32+08:00') },
      { repo: 'o/new', measurement: m('2024-07-07T00:00:00Z', '2025-01-23T13:34:17+08:00') },
    ];
    expect(projectActivity(repos, asOf)).toEqual({
      lastCommit: '2025-01-23T13:34:17+08:00',
      repo: 'o/new',
      quiet: true,
    });
    const active = [...repos, { repo: 'o/live', measurement: m('2026-08-20T00:00:00Z') }];
    expect(projectActivity(active, asOf)).toMatchObject({ repo: 'o/live', quiet: false });
    expect(projectActivity([], asOf)).toBeUndefined();
  });

  it('states the rule with the day it works out to', () => {
    expect(quietRule('2026-08-22')).toContain(`in the ${QUIET_MONTHS} months before the newest commit`);
    expect(quietRule('2026-08-22')).toContain('no commit since 2025-08-22');
  });

  it('knows the upstream only of repositories a discover run cloned afresh', () => {
    const upstream = upstreamFromRun({
      runDate: '2026-12-02',
      repositories: [
        { repo: 'A/Cloned', source: 'cloned', measurement: { commitDate: '2026-11-30T10:00:00Z' } },
        { repo: 'a/local', source: 'local copy', measurement: { commitDate: '2026-08-21T10:00:00Z' } },
        { repo: 'a/screened' },
      ],
    });
    expect([...upstream]).toEqual([['a/cloned', { lastCommit: '2026-11-30T10:00:00Z', checked: '2026-12-02' }]]);
  });
});
