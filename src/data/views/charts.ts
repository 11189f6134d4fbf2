/**
 * Geometry of the build-time bar charts: nice tick values, a linear scale and the layout of
 * horizontal bars. Horizontal positions are percentages of the chart's width, so an inline
 * SVG with `width="100%"` and no viewBox stretches its bars to any screen while its text
 * keeps the page's font size; vertical positions are CSS pixels.
 */

/** One bar: what it stands for, its value, and where its label links to (a site path). */
export interface Datum {
  key: string;
  label: string;
  value: number;
  /** Site path (without the base) of the page about this bar, if there is one. */
  href?: string;
  /** Colour family of the bar, e.g. a maturity level; the component maps it to a CSS variable. */
  tone?: string;
}

/** The smallest step of the form 1, 2, 2.5 or 5 × 10^k that is at least `rough`. */
export function niceStep(rough: number): number {
  if (!(rough > 0) || !Number.isFinite(rough)) throw new RangeError(`expected a positive finite step, got ${rough}`);
  const power = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / power;
  // Rounding guards against 0.30000000000000004-style fractions just above a nice value.
  const nice = [1, 2, 2.5, 5, 10].find((n) => n >= Number(fraction.toFixed(9)))!;
  return nice * power;
}

/**
 * Tick values from 0 up to the first nice value that covers `max`, with at most
 * `maxTicks` intervals. Counts (whole numbers) never get fractional ticks.
 */
export function niceTicks(max: number, maxTicks = 4, integer = true): number[] {
  if (!Number.isFinite(max) || max < 0) throw new RangeError(`expected a maximum of 0 or more, got ${max}`);
  if (!Number.isInteger(maxTicks) || maxTicks < 1) throw new RangeError(`expected at least 1 tick interval, got ${maxTicks}`);
  if (max === 0) return [0, 1];
  let step = niceStep(max / maxTicks);
  if (integer) step = Math.max(1, Math.ceil(step));
  const count = Math.ceil(max / step - 1e-9);
  return Array.from({ length: count + 1 }, (_, i) => Number((i * step).toPrecision(12)));
}

/** Maps 0…domainMax onto 0…rangeMax, clamping values outside the domain. */
export function linearScale(domainMax: number, rangeMax = 100): (value: number) => number {
  if (!(domainMax > 0)) throw new RangeError(`expected a positive domain maximum, got ${domainMax}`);
  return (value) => (Math.min(Math.max(value, 0), domainMax) / domainMax) * rangeMax;
}

/** Tick label: compact, without a trailing ".0" (200000 → "200k", 2500000 → "2.5M"). */
export function formatTick(value: number): string {
  const abs = Math.abs(value);
  const [divisor, suffix] = abs >= 1_000_000 ? [1_000_000, 'M'] : abs >= 1_000 ? [1_000, 'k'] : [1, ''];
  const scaled = Number((value / divisor).toFixed(2));
  return `${scaled.toLocaleString('en-US')}${suffix}`;
}

export interface BarOptions {
  /** Height of the line above each bar that holds its label and value (px). */
  labelHeight: number;
  /** Thickness of a bar (px). */
  barHeight: number;
  /** Space after each bar (px). */
  gap: number;
  /** Height of the tick labels under the bars (px). */
  axisHeight: number;
  /** Most tick intervals. */
  maxTicks: number;
  /** Whether values are counts (whole-number ticks). */
  integer: boolean;
  /** Narrowest bar drawn for a value above zero (percent), so small values stay visible. */
  minBarPercent: number;
  /**
   * Narrowest bar for a value above zero in CSS pixels, on any screen: two periods of the
   * usage patterns (6 px), so a small project's pattern shows.
   */
  minBarPx: number;
}

export const DEFAULT_BAR_OPTIONS: BarOptions = {
  labelHeight: 20,
  barHeight: 14,
  gap: 10,
  axisHeight: 22,
  maxTicks: 4,
  integer: true,
  minBarPercent: 0.4,
  minBarPx: 12,
};

export interface BarRow extends Datum {
  /** Baseline of the label and value text (px). */
  textY: number;
  /** Top of the bar (px). */
  barY: number;
  barHeight: number;
  /** Length of the bar, percent of the chart width. */
  widthPercent: number;
  /** Length the bar has at least, in px (drawn as a second, fixed rectangle): 0 for a value of 0. */
  minWidthPx: number;
}

export interface Tick {
  value: number;
  /** Position, percent of the chart width. */
  xPercent: number;
  /** How the tick label is anchored so the outermost labels stay inside the chart. */
  anchor: 'start' | 'middle' | 'end';
}

export interface BarLayout {
  rows: BarRow[];
  ticks: Tick[];
  /** The value at the right edge: the last tick. */
  max: number;
  /** Bottom of the bar area, where grid lines end (px). */
  plotBottom: number;
  /** Baseline of the tick labels (px). */
  axisY: number;
  /** Total height of the chart (px). */
  height: number;
}

/**
 * Layout of a horizontal bar chart with each label above its bar, in the order given.
 * The scale ends at the last nice tick, so grid lines and bars agree.
 */
export function barLayout(data: readonly Datum[], options: Partial<BarOptions> = {}): BarLayout {
  const o = { ...DEFAULT_BAR_OPTIONS, ...options };
  for (const d of data)
    if (!Number.isFinite(d.value) || d.value < 0) throw new RangeError(`expected a value of 0 or more for "${d.label}", got ${d.value}`);
  const ticks = niceTicks(Math.max(0, ...data.map((d) => d.value)), o.maxTicks, o.integer);
  const max = ticks[ticks.length - 1];
  const scale = linearScale(max);
  const pitch = o.labelHeight + o.barHeight + o.gap;
  const rows = data.map((d, i): BarRow => {
    const top = i * pitch;
    const width = scale(d.value);
    return {
      ...d,
      textY: top + o.labelHeight - 5,
      barY: top + o.labelHeight,
      barHeight: o.barHeight,
      widthPercent: round(d.value > 0 ? Math.max(width, o.minBarPercent) : 0),
      minWidthPx: d.value > 0 ? o.minBarPx : 0,
    };
  });
  const plotBottom = data.length * pitch;
  return {
    rows,
    ticks: ticks.map((value, i) => ({
      value,
      xPercent: round(scale(value)),
      anchor: i === 0 ? 'start' : i === ticks.length - 1 ? 'end' : 'middle',
    })),
    max,
    plotBottom,
    axisY: plotBottom + o.axisHeight - 6,
    height: plotBottom + o.axisHeight,
  };
}

const round = (n: number) => Math.round(n * 1000) / 1000;
