import { describe, expect, it } from 'vitest';
import { barLayout, formatTick, linearScale, niceStep, niceTicks, type Datum } from '../../src/data/views/charts.ts';
import {
  byValueDescending,
  codeLinesByProject,
  projectsPerGroup,
  rustLinesByCategory,
  rustLinesByProject,
  rustShareByProject,
  shareNotGiven,
} from '../../src/data/views/chart-series.ts';
import { groupProjects } from '../../src/data/views/groups.ts';
import { routes } from '../../src/data/site/paths.ts';
import { measurement, project } from '../helpers/fixtures.ts';

describe('niceStep', () => {
  it('rounds a rough step up to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceStep(0.75)).toBe(1);
    expect(niceStep(1)).toBe(1);
    expect(niceStep(1.2)).toBe(2);
    expect(niceStep(2.2)).toBe(2.5);
    expect(niceStep(3.25)).toBe(5);
    expect(niceStep(6)).toBe(10);
    expect(niceStep(167_457)).toBe(200_000);
    expect(niceStep(0.3)).toBeCloseTo(0.5);
  });
  it('does not round a float just above a nice value up to the next one', () => {
    expect(niceStep(0.1 + 0.2 - 0.1)).toBeCloseTo(0.2);
  });
  it('refuses zero, negative and infinite steps', () => {
    expect(() => niceStep(0)).toThrow(RangeError);
    expect(() => niceStep(-1)).toThrow(RangeError);
    expect(() => niceStep(Infinity)).toThrow(RangeError);
  });
});

describe('niceTicks', () => {
  it('starts at 0 and ends at the first nice value covering the maximum', () => {
    expect(niceTicks(17, 4)).toEqual([0, 5, 10, 15, 20]);
    expect(niceTicks(669_829, 4)).toEqual([0, 200_000, 400_000, 600_000, 800_000]);
    expect(niceTicks(1_000_000, 4)).toEqual([0, 250_000, 500_000, 750_000, 1_000_000]);
    expect(niceTicks(20, 4)).toEqual([0, 5, 10, 15, 20]);
  });
  it('never gives fractional ticks to counts, but may to measures', () => {
    expect(niceTicks(3, 4)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(1, 4)).toEqual([0, 1]);
    expect(niceTicks(1, 4, false)).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });
  it('keeps at most maxTicks intervals', () => {
    for (const max of [1, 7, 13, 99, 101, 4321, 2_962_613]) {
      const ticks = niceTicks(max, 5);
      expect(ticks.length - 1, String(max)).toBeLessThanOrEqual(5);
      expect(ticks[ticks.length - 1], String(max)).toBeGreaterThanOrEqual(max);
    }
  });
  it('gives an empty chart a 0…1 axis', () => {
    expect(niceTicks(0)).toEqual([0, 1]);
  });
  it('refuses a negative maximum or no intervals', () => {
    expect(() => niceTicks(-1)).toThrow(RangeError);
    expect(() => niceTicks(10, 0)).toThrow(RangeError);
  });
});

describe('linearScale', () => {
  it('maps the domain onto percentages and clamps', () => {
    const scale = linearScale(200);
    expect(scale(0)).toBe(0);
    expect(scale(50)).toBe(25);
    expect(scale(200)).toBe(100);
    expect(scale(400)).toBe(100);
    expect(scale(-5)).toBe(0);
    expect(linearScale(10, 300)(5)).toBe(150);
  });
  it('refuses an empty domain', () => {
    expect(() => linearScale(0)).toThrow(RangeError);
  });
});

describe('formatTick', () => {
  it('writes compact tick labels without a trailing .0', () => {
    expect(formatTick(0)).toBe('0');
    expect(formatTick(15)).toBe('15');
    expect(formatTick(2_500)).toBe('2.5k');
    expect(formatTick(200_000)).toBe('200k');
    expect(formatTick(1_000_000)).toBe('1M');
    expect(formatTick(1_250_000)).toBe('1.25M');
  });
});

describe('barLayout', () => {
  const data: Datum[] = [
    { key: 'a', label: 'A', value: 170 },
    { key: 'b', label: 'B', value: 40 },
    { key: 'c', label: 'C', value: 0 },
  ];
  it('stacks one row per datum, label line above each bar, in the given order', () => {
    const layout = barLayout(data, { labelHeight: 20, barHeight: 10, gap: 6, axisHeight: 20, maxTicks: 4 });
    expect(layout.rows.map((r) => r.key)).toEqual(['a', 'b', 'c']);
    expect(layout.rows.map((r) => r.barY)).toEqual([20, 56, 92]);
    expect(layout.rows.map((r) => r.textY)).toEqual([15, 51, 87]);
    expect(layout.plotBottom).toBe(108);
    expect(layout.height).toBe(128);
    expect(layout.axisY).toBe(122);
  });
  it('scales bars to the last tick, so bars and grid lines agree', () => {
    const layout = barLayout(data, { maxTicks: 4 });
    expect(layout.max).toBe(200);
    expect(layout.ticks.map((t) => t.value)).toEqual([0, 50, 100, 150, 200]);
    expect(layout.ticks.map((t) => t.xPercent)).toEqual([0, 25, 50, 75, 100]);
    expect(layout.rows.map((r) => r.widthPercent)).toEqual([85, 20, 0]);
  });
  it('anchors the outer tick labels inside the chart', () => {
    expect(barLayout(data).ticks.map((t) => t.anchor)).toEqual(['start', 'middle', 'middle', 'middle', 'end']);
  });
  it('keeps a tiny value visible and a zero value empty', () => {
    const layout = barLayout(
      [
        { key: 'big', label: 'Big', value: 1_000_000 },
        { key: 'tiny', label: 'Tiny', value: 12 },
        { key: 'zero', label: 'Zero', value: 0 },
      ],
      { minBarPercent: 0.5 },
    );
    expect(layout.rows[1].widthPercent).toBe(0.5);
    expect(layout.rows[2].widthPercent).toBe(0);
    // However narrow the screen, a bar above zero is at least 12 px long: its pattern shows.
    expect(layout.rows.map((r) => r.minWidthPx)).toEqual([12, 12, 0]);
  });
  it('keeps every datum field for the component (href, tone)', () => {
    const [row] = barLayout([{ key: 'x', label: 'X', value: 3, href: '/x/', tone: 'graduated' }]).rows;
    expect(row).toMatchObject({ key: 'x', label: 'X', value: 3, href: '/x/', tone: 'graduated' });
  });
  it('lays out an empty chart', () => {
    expect(barLayout([])).toMatchObject({ rows: [], max: 1, plotBottom: 0 });
  });
  it('refuses negative or non-numeric values, naming the bar', () => {
    expect(() => barLayout([{ key: 'n', label: 'Neg', value: -1 }])).toThrow(/"Neg"/);
    expect(() => barLayout([{ key: 'n', label: 'NaN', value: Number.NaN }])).toThrow(/"NaN"/);
  });
});

describe('chart series', () => {
  const tikv = project('tikv', {
    name: 'TiKV',
    rustRepos: [
      { repo: 'tikv/tikv', role: 'Main', measurement: measurement({ lines: 600, codeLines: 500, rustShare: 50 }) },
    ],
    categories: ['storage'],
  });
  const linkerd = project('linkerd', {
    name: 'Linkerd',
    maturity: 'graduated',
    rustUsage: 'component',
    categories: ['service-mesh', 'storage'],
    rustRepos: [
      { repo: 'linkerd/a', role: 'Proxy', measurement: measurement({ lines: 100, codeLines: 80 }) },
      { repo: 'linkerd/b', role: 'Policy', measurement: measurement({ lines: 50, codeLines: 40 }) },
    ],
  });
  const none = project('paralus', {
    name: 'Paralus',
    rustUsage: 'none-found',
    categories: ['storage'],
    rustRepos: [
      {
        repo: 'p/p',
        role: 'Main',
        measurement: measurement({ files: 0, bytes: 0, lines: 0, codeLines: 0, bytesRaw: 0, rustShare: 0 }),
      },
    ],
  });
  const tie = project('aaa', {
    name: 'Aaa',
    categories: ['service-mesh'],
    rustRepos: [{ repo: 'a/a', role: 'Main', measurement: measurement({ lines: 150, codeLines: 120 }) }],
  });
  const projects = [linkerd, none, tikv, tie];

  it('plots lines per project largest first, ties by name, none-found left out', () => {
    expect(rustLinesByProject(projects).map((d) => [d.key, d.value])).toEqual([
      ['tikv', 600],
      ['aaa', 150],
      ['linkerd', 150],
    ]);
    expect(rustLinesByProject(projects)[0]).toMatchObject({ label: 'TiKV', href: routes.project('tikv') });
  });

  it('plots code lines per project largest first, toned by Rust usage, none-found left out', () => {
    expect(codeLinesByProject(projects).map((d) => [d.key, d.value, d.tone])).toEqual([
      ['tikv', 500, 'pure'],
      ['aaa', 120, 'pure'],
      ['linkerd', 120, 'component'],
    ]);
    expect(codeLinesByProject(projects)[0]).toMatchObject({ label: 'TiKV', href: routes.project('tikv') });
  });

  it('plots Rust share per project largest first, none-found left out', () => {
    const shares = rustShareByProject(projects).map((d) => [d.key, d.value]);
    expect(shares[shares.length - 1]).toEqual(['tikv', 50]);
    expect(shares.map(([k]) => k)).not.toContain('paralus');
  });

  it('leaves a project with Rust but no share given out of the share chart, and names it apart', () => {
    const incomplete = projects.map((p) => (p.slug === 'tikv' ? { ...p, rustShare: undefined } : p));
    expect(rustShareByProject(incomplete).map((d) => d.key)).not.toContain('tikv');
    expect(shareNotGiven(incomplete).map((p) => p.slug)).toEqual(['tikv']);
    expect(shareNotGiven(projects)).toEqual([]);
  });

  it('counts projects with Rust per group in the groups’ order, with tones when asked', () => {
    const terms = [
      { id: 'sandbox', name: 'Sandbox', description: '' },
      { id: 'graduated', name: 'Graduated', description: '' },
      { id: 'archived', name: 'Archived', description: '' },
    ];
    const groups = groupProjects(terms, projects, (p) => [p.maturity]);
    expect(projectsPerGroup(groups, routes.maturity, true)).toEqual([
      // Paralus (no Rust found) is in sandbox, and not in its count.
      { key: 'sandbox', label: 'Sandbox', value: 2, href: '/maturity/sandbox/', tone: 'sandbox' },
      { key: 'graduated', label: 'Graduated', value: 1, href: '/maturity/graduated/', tone: 'graduated' },
      { key: 'archived', label: 'Archived', value: 0, href: '/maturity/archived/', tone: 'archived' },
    ]);
    expect(projectsPerGroup(groups, routes.maturity)[0]).not.toHaveProperty('tone');
    const usage = groupProjects(
      ['pure', 'component', 'none-found'].map((id) => ({ id, name: id, description: '' })),
      projects,
      (p) => [p.rustUsage],
    );
    expect(projectsPerGroup(usage, routes.rustUsage).map((d) => [d.key, d.value])).toEqual([
      ['pure', 2],
      ['component', 1],
    ]);
  });

  it('sums code lines per category over Rust projects, a project in two categories counted in both', () => {
    const terms = [
      { id: 'service-mesh', name: 'Service mesh', description: '' },
      { id: 'storage', name: 'Storage', description: '' },
      { id: 'edge', name: 'Edge', description: '' },
    ];
    const groups = groupProjects(terms, projects, (p) => p.categories);
    expect(rustLinesByCategory(groups).map((d) => [d.key, d.value, d.href])).toEqual([
      ['storage', 620, '/categories/storage/'],
      ['service-mesh', 240, '/categories/service-mesh/'],
      ['edge', 0, '/categories/edge/'],
    ]);
  });

  it('orders equal values by label, then key', () => {
    const sorted = [
      { key: 'b', label: 'Same', value: 1 },
      { key: 'a', label: 'Same', value: 1 },
      { key: 'z', label: 'Alpha', value: 1 },
      { key: 'y', label: 'Top', value: 2 },
    ].sort(byValueDescending);
    expect(sorted.map((d) => d.key)).toEqual(['y', 'z', 'a', 'b']);
  });
});
