import { describe, expect, it } from 'vitest';
import {
  MILESTONE_KINDS,
  MILESTONE_LABELS,
  MILESTONE_SHORT_LABELS,
  compareMilestones,
  milestones,
  rustThatDay,
  timelineByYear,
} from '../../src/data/views/timeline.ts';
import { project } from '../helpers/fixtures.ts';

const linkerd = project('linkerd', {
  name: 'Linkerd',
  maturity: 'graduated',
  dates: { accepted: '2017-01-23', incubating: '2018-04-06', graduated: '2021-07-28' },
});
const tikv = project('tikv', {
  name: 'TiKV',
  maturity: 'graduated',
  dates: { accepted: '2018-08-28', incubating: '2018-08-28', graduated: '2020-09-02' },
});
const krustlet = project('krustlet', {
  name: 'Krustlet',
  maturity: 'archived',
  dates: { accepted: '2021-07-13', archived: '2024-09-30' },
});
const krator = project('krator', {
  name: 'Krator',
  maturity: 'archived',
  dates: { accepted: '2021-07-13', archived: '2024-01-31' },
});
const projects = [linkerd, tikv, krustlet, krator];

describe('milestones', () => {
  it('lists every dated step of every project, oldest first', () => {
    expect(milestones(projects).map((m) => `${m.date} ${m.kind} ${m.slug}`)).toEqual([
      '2017-01-23 accepted linkerd',
      '2018-04-06 incubating linkerd',
      '2018-08-28 accepted tikv',
      '2020-09-02 graduated tikv',
      '2021-07-13 accepted krator',
      '2021-07-13 accepted krustlet',
      '2021-07-28 graduated linkerd',
      '2024-01-31 archived krator',
      '2024-09-30 archived krustlet',
    ]);
  });
  it('folds a same-day acceptance and incubation into one "accepted at incubating" milestone', () => {
    const tikvSteps = milestones([tikv]);
    expect(tikvSteps.filter((m) => m.kind === 'incubating')).toEqual([]);
    expect(tikvSteps[0]).toMatchObject({ kind: 'accepted', enteredAt: 'incubating' });
    expect(milestones([linkerd])[0]).not.toHaveProperty('enteredAt');
  });
  it('orders milestones of one day by kind, then name', () => {
    const a = { kind: 'graduated' as const, date: '2020-01-01', slug: 'a', name: 'A' };
    const b = { kind: 'accepted' as const, date: '2020-01-01', slug: 'b', name: 'B' };
    expect([a, b].sort(compareMilestones).map((m) => m.slug)).toEqual(['b', 'a']);
  });
});

describe('timelineByYear', () => {
  it('groups by calendar year, newest year first by default', () => {
    const years = timelineByYear(projects);
    expect(years.map((y) => y.year)).toEqual([2024, 2021, 2020, 2018, 2017]);
    expect(timelineByYear(projects, 'oldest-first').map((y) => y.year)).toEqual([2017, 2018, 2020, 2021, 2024]);
  });
  it('splits each year by kind, every kind present even when empty', () => {
    const y2021 = timelineByYear(projects).find((y) => y.year === 2021)!;
    expect(Object.keys(y2021.byKind)).toEqual([...MILESTONE_KINDS]);
    expect(y2021.byKind.accepted.map((m) => m.name)).toEqual(['Krator', 'Krustlet']);
    expect(y2021.byKind.graduated.map((m) => m.name)).toEqual(['Linkerd']);
    expect(y2021.byKind.incubating).toEqual([]);
    expect(y2021.milestones).toHaveLength(3);
  });
  it('puts each project under the year it was accepted', () => {
    for (const p of projects) {
      const year = Number(p.dates.accepted.slice(0, 4));
      const y = timelineByYear(projects).find((t) => t.year === year)!;
      expect(y.byKind.accepted.map((m) => m.slug)).toContain(p.slug);
    }
  });
  it('is empty for no projects', () => {
    expect(timelineByYear([])).toEqual([]);
  });
  it('has a heading and a short column label for every kind', () => {
    for (const k of MILESTONE_KINDS) {
      expect(MILESTONE_LABELS[k]).toBeTruthy();
      expect(MILESTONE_SHORT_LABELS[k].length).toBeLessThanOrEqual(MILESTONE_LABELS[k].length);
    }
  });
});

describe('rustThatDay', () => {
  const events = new Map([
    [
      'linkerd',
      [
        { event: 'accepted', codeLines: 0, repos: [{ point: null }, { point: null }] },
        { event: 'incubating', codeLines: 24_224, repos: [{ point: {} }, { point: null }] },
        { event: 'graduated', codeLines: 0, repos: [{ point: {} }] },
      ],
    ],
  ]);
  const of = (slug: string) => events.get(slug);

  it("gives the project's Rust on the day of each move, none when no repository had a commit yet", () => {
    expect(rustThatDay({ slug: 'linkerd', kind: 'accepted' }, of)).toEqual({ codeLines: null });
    expect(rustThatDay({ slug: 'linkerd', kind: 'incubating' }, of)).toEqual({ codeLines: 24_224 });
    expect(rustThatDay({ slug: 'linkerd', kind: 'graduated' }, of)).toEqual({ codeLines: 0 });
  });

  it('knows nothing of a move or a project the history lacks', () => {
    expect(rustThatDay({ slug: 'linkerd', kind: 'archived' }, of)).toBeUndefined();
    expect(rustThatDay({ slug: 'tikv', kind: 'accepted' }, of)).toBeUndefined();
  });
});
