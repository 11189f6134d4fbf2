import { describe, expect, it } from 'vitest';
import {
  classificationConflicts,
  dateDifferences,
  figureReadings,
  parseFigure,
  reportCoverage,
  staleMaturities,
  unconfirmedFigures,
} from '../../src/lib/report.ts';
import { measurement, project } from '../helpers/fixtures.ts';

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
    expect(unconfirmedFigures([fig('1.6M'), fig('1,608,007'), fig('~500,000')]).map((f) => f.text)).toEqual(['~500,000']);
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
    reported: reported({ type: ['component'], maturity: 'incubating', dates: { accepted: '2019-05-07', graduated: '2025-01-01' } }),
  });
  const kw = project('kw', { rustUsage: 'component', reported: reported({ type: ['component', 'pure'] }) });
  const bpf = project('bpf', { rustUsage: 'component', reported: reported({ type: ['pure'] }) });
  const fine = project('fine', { reported: reported({}) });
  const absent = project('absent');

  it('finds stale maturities', () => {
    expect(staleMaturities([otel, fine]).map((s) => [s.project.slug, s.reported])).toEqual([['otel', 'incubating']]);
  });
  it('finds dates that differ from the landscape', () => {
    expect(dateDifferences([otel, fine]).map((d) => [d.project.slug, d.field, d.reported, d.landscape])).toEqual([['otel', 'graduated', '2025-01-01', '2026-05-11']]);
  });
  it('finds self-contradictory and wrong classifications, accepting component for an SDK', () => {
    const found = classificationConflicts([otel, kw, bpf, fine, absent]).map((c) => [c.project.slug, c.selfContradictory, c.disagreesWithCatalog]);
    expect(found).toEqual([
      ['kw', true, false],
      ['bpf', false, true],
    ]);
  });
  it('compares printed figures with measured bytes and lines', () => {
    const tikv = project('tikv', {
      rustRepos: [{ repo: 't/t', role: 'r', measurement: measurement({ bytes: 26_000_000, bytesRaw: 26_000_000, lines: 650_000, codeLines: 500_000 }) }],
      reported: reported({ figures: [fig('24,814,809', 24_814_809), fig('24.8M')] }),
    });
    const [reading] = figureReadings([tikv]);
    expect(reading.bytesRatio).toBeCloseTo(0.954, 3);
    expect(reading.linesRatio).toBeCloseTo(38.18, 1);
    expect(figureReadings([tikv])).toHaveLength(1);
  });
  it('counts what the report covers', () => {
    const c = reportCoverage([otel, kw, bpf, fine, absent]);
    expect(c.covered).toBe(4);
    expect(c.firstListedPure).toBe(2);
    expect(c.firstListedOther).toBe(2);
    expect(c.notCovered.map((p) => p.slug)).toEqual(['absent']);
  });
});
