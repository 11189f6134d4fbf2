import { describe, expect, it } from 'vitest';
import {
  classificationConflicts,
  dateDifferences,
  figureReadings,
  coveredRepos,
  parseFigure,
  reportCoverage,
  reportedAcceptances,
  staleMaturities,
  unconfirmedFigures,
} from '../../src/data/views/report.ts';
import { measurement, project } from '../helpers/fixtures.ts';
import { projectFrontmatterSchema, type ReportedFigure } from '../../src/schemas/project.ts';

const fig = (text: string, bytes?: number) => ({ text, where: 'somewhere', ...(bytes ? { bytes } : {}) });

describe('parseFigure', () => {
  it('reads the report formats', () => {
    expect(parseFigure('24.8M')).toBe(24_800_000);
    expect(parseFigure('24.8M LOC')).toBe(24_800_000);
    expect(parseFigure('949k')).toBe(949_000);
    expect(parseFigure('~200,000')).toBe(200_000);
    expect(parseFigure('24,814,809')).toBe(24_814_809);
    expect(parseFigure('122 crates')).toBeUndefined();
  });
});

describe('unconfirmedFigures', () => {
  it('flags a figure that no other figure backs (a dropped thousands group)', () => {
    const figures = [fig('24.8M'), fig('24,814,809', 24_814_809), fig('24,814')];
    expect(unconfirmedFigures(figures).map((f) => f.text)).toEqual(['24,814']);
  });
  it('flags a summary figure far from the detailed one', () => {
    expect(unconfirmedFigures([fig('1.6M'), fig('1,608,007'), fig('~500,000')]).map((f) => f.text)).toEqual([
      '~500,000',
    ]);
  });
  it('accepts a total with its per-repository parts', () => {
    expect(unconfirmedFigures([fig('1,207,012'), fig('335k'), fig('400k'), fig('471k')])).toEqual([]);
    expect(unconfirmedFigures([fig('~200,000'), fig('156k'), fig('~20k'), fig('~15k'), fig('~10k')])).toEqual([]);
  });
  it('has nothing to confirm for a single figure or other units', () => {
    expect(unconfirmedFigures([fig('122 crates')])).toEqual([]);
    expect(unconfirmedFigures([fig('1,485,071')])).toEqual([]);
    expect(unconfirmedFigures([fig('1,485,071'), fig('122 crates')])).toEqual([]);
  });
});

describe('reconciliation', () => {
  const reported = (over: object) => ({ type: ['pure' as const], maturity: 'sandbox' as const, figures: [], ...over });
  const otel = project('otel', {
    maturity: 'graduated',
    rustUsage: 'sdk',
    dates: { accepted: '2019-05-07', incubating: '2021-08-26', graduated: '2026-05-11' },
    reported: reported({
      type: ['component'],
      maturity: 'incubating',
      dates: { accepted: '2019-05-07', graduated: '2025-01-01' },
    }),
  });
  const kw = project('kw', { rustUsage: 'component', reported: reported({ type: ['component', 'pure'] }) });
  const bpf = project('bpf', { rustUsage: 'component', reported: reported({ type: ['pure'] }) });
  const fine = project('fine', { reported: reported({}) });
  const absent = project('absent');

  it('finds stale maturities', () => {
    expect(staleMaturities([otel, fine]).map((s) => [s.project.slug, s.reported])).toEqual([['otel', 'incubating']]);
  });
  it('finds dates that differ from the landscape', () => {
    expect(dateDifferences([otel, fine]).map((d) => [d.project.slug, d.field, d.reported, d.landscape])).toEqual([
      ['otel', 'graduated', '2025-01-01', '2026-05-11'],
    ]);
  });
  it('finds self-contradictory and wrong classifications, accepting component for an SDK', () => {
    const found = classificationConflicts([otel, kw, bpf, fine, absent]).map((c) => [
      c.project.slug,
      c.selfContradictory,
      c.disagreesWithCatalog,
    ]);
    expect(found).toEqual([
      ['kw', true, false],
      ['bpf', false, true],
    ]);
  });
  it('compares printed figures with measured bytes and lines', () => {
    const tikv = project('tikv', {
      rustRepos: [
        {
          repo: 't/t',
          role: 'r',
          measurement: measurement({ bytes: 26_000_000, bytesRaw: 26_000_000, lines: 650_000, codeLines: 500_000 }),
        },
      ],
      reported: reported({ figures: [fig('24,814,809', 24_814_809), fig('24.8M')] }),
    });
    const [reading] = figureReadings([tikv]);
    expect(reading.bytesRatio).toBeCloseTo(0.954, 3);
    expect(reading.linesRatio).toBeCloseTo(38.18, 1);
    expect(figureReadings([tikv])).toHaveLength(1);
  });
  it('compares a figure only with the repositories it names', () => {
    const proxy = {
      repo: 'l/proxy',
      role: 'r',
      measurement: measurement({ bytes: 3_000_000, bytesRaw: 3_000_000, lines: 100_000, codeLines: 80_000 }),
    };
    const control = {
      repo: 'l/control',
      role: 'r',
      measurement: measurement({ bytes: 1_000_000, bytesRaw: 1_000_000, lines: 40_000, codeLines: 30_000 }),
    };
    const named: ReportedFigure = { text: '1,500,000', where: 'table', bytes: 1_500_000, repos: ['L/Proxy'] };
    const all: ReportedFigure = { text: '2,000,000', where: 'table', bytes: 2_000_000 };
    const p = project('l', { rustRepos: [proxy, control], reported: reported({ figures: [named, all] }) });
    expect(coveredRepos(p, named).map((r) => r.repo)).toEqual(['l/proxy']);
    expect(coveredRepos(p, all).map((r) => r.repo)).toEqual(['l/proxy', 'l/control']);
    const [one, both] = figureReadings([p]);
    expect([one.measured.bytes, one.bytesRatio, one.linesRatio]).toEqual([3_000_000, 0.5, 15]);
    expect([both.measured.bytes, both.bytesRatio]).toEqual([4_000_000, 0.5]);
  });
  it('finds the projects the report says were accepted in a year, oldest first', () => {
    const a = project('a', { reported: reported({ dates: { accepted: '2025-04-15' } }) });
    const b = project('b', { reported: reported({ dates: { accepted: '2025-01-21' } }) });
    const c = project('c', { reported: reported({ dates: { accepted: '2024-09-10' } }) });
    expect(reportedAcceptances([a, b, c, absent], 2025).map((x) => [x.project.slug, x.accepted])).toEqual([
      ['b', '2025-01-21'],
      ['a', '2025-04-15'],
    ]);
  });
  it('counts what the report covers', () => {
    const c = reportCoverage([otel, kw, bpf, fine, absent]);
    expect(c.covered).toBe(4);
    expect(c.firstListedPure).toBe(2);
    expect(c.firstListedOther).toBe(2);
    expect(c.notCovered.map((p) => p.slug)).toEqual(['absent']);
  });
});

describe('reported figure repositories', () => {
  const entry = (repos: string[]) => ({
    name: 'X',
    landscapeName: 'X',
    summary: 'X does things.',
    maturity: 'sandbox',
    dates: { accepted: '2021-01-01' },
    landscape: { category: 'Runtime', subcategory: 'Container Runtime' },
    homepage: 'https://x.example.org',
    repository: 'https://github.com/x/x',
    logo: 'x.svg',
    rustUsage: 'pure',
    categories: ['storage'],
    rationale: 'Because.',
    sources: ['cncf-landscape'],
    updated: '2026-11-30',
    rustRepos: [{ repo: 'x/x', role: 'Main repository', measurement: measurement() }],
    reported: { type: ['pure'], maturity: 'sandbox', figures: [{ text: '1,000', where: 'table', bytes: 1000, repos }] },
  });
  it('accepts repositories of the entry and refuses others', () => {
    expect(projectFrontmatterSchema.safeParse(entry(['x/x'])).success).toBe(true);
    const bad = projectFrontmatterSchema.safeParse(entry(['x/other']));
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['reported.figures.0.repos.0', "expected one of the entry's rustRepos; x/other is not listed there"],
    ]);
  });
});
