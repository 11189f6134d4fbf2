/**
 * Geometry of the build-time column charts of values by year, with dated markers (a
 * project's CNCF moves). Like the bar charts of src/data/views/charts.ts: horizontal positions are
 * percentages of the chart's width (an inline SVG with `width="100%"` and no viewBox), vertical
 * positions are CSS pixels, so text keeps the page's font size on any screen.
 */
import { niceTicks } from './charts.ts';

export interface Column {
  key: string;
  /** Axis label, e.g. "2021". */
  label: string;
  value: number;
  /** A part of the value drawn inside the column (e.g. projects already in the CNCF). */
  part?: number;
}

export interface Marker {
  key: string;
  label: string;
  /** Where it falls, in columns from the left edge (0 … number of columns). */
  position: number;
}

export interface ColumnOptions {
  /** Height of the plot area (px). */
  plotHeight: number;
  /** Height of one marker label row above the plot (px). */
  markerRow: number;
  /** Height of the axis labels under the plot (px). */
  axisHeight: number;
  maxTicks: number;
  /** Most axis labels; beyond it, every other year is labelled (always the last). */
  maxLabels: number;
}

export const DEFAULT_COLUMN_OPTIONS: ColumnOptions = { plotHeight: 140, markerRow: 16, axisHeight: 22, maxTicks: 4, maxLabels: 8 };

const round = (n: number) => Math.round(n * 1000) / 1000;

/** Baseline of a tick label below its line: a 0.8rem label's capitals start about 3 px under the line. */
export const TICK_LABEL_DROP = 13;

export function columnLayout(columns: readonly Column[], markers: readonly Marker[] = [], options: Partial<ColumnOptions> = {}) {
  const o = { ...DEFAULT_COLUMN_OPTIONS, ...options };
  for (const c of columns)
    if (!Number.isFinite(c.value) || c.value < 0 || (c.part !== undefined && (c.part < 0 || c.part > c.value)))
      throw new RangeError(`expected a value of 0 or more (and a part within it) for "${c.label}", got ${c.value}/${c.part}`);
  const n = Math.max(columns.length, 1);
  const ticks = niceTicks(Math.max(0, ...columns.map((c) => c.value)), o.maxTicks);
  const max = ticks[ticks.length - 1];
  const top = markers.length * o.markerRow + (markers.length ? 4 : 16);
  const plotBottom = top + o.plotHeight;
  const height = (v: number) => round((v / max) * o.plotHeight);
  const slot = 100 / n;
  const every = columns.length > o.maxLabels ? 2 : 1;
  return {
    columns: columns.map((c, i) => ({
      ...c,
      xPercent: round(i * slot + slot * 0.15),
      widthPercent: round(slot * 0.7),
      centerPercent: round(i * slot + slot / 2),
      y: round(plotBottom - height(c.value)),
      height: height(c.value),
      partY: c.part === undefined ? undefined : round(plotBottom - height(c.part)),
      partHeight: c.part === undefined ? undefined : height(c.part),
      /** Whether the axis shows this column's label. */
      labelled: (columns.length - 1 - i) % every === 0,
    })),
    markers: markers.map((m, i) => {
      const xPercent = round(Math.min(Math.max(m.position / n, 0), 1) * 100);
      return { ...m, xPercent, labelY: i * o.markerRow + o.markerRow - 4, anchor: xPercent > 50 ? ('end' as const) : ('start' as const) };
    }),
    ticks: ticks.map((value) => ({ value, y: round(plotBottom - height(value)) })),
    /**
     * How far below its grid line a tick's label sits (its baseline, px): inside the plot,
     * under the line, so it never reaches the marker labels above the plot.
     */
    tickLabelDrop: TICK_LABEL_DROP,
    max,
    top,
    plotBottom,
    axisY: plotBottom + o.axisHeight - 6,
    height: plotBottom + o.axisHeight,
  };
}

export type ColumnLayout = ReturnType<typeof columnLayout>;

/**
 * Where a date falls on a chart whose first column is `firstYear` and whose columns are
 * years: the year's offset plus the fraction of that year gone by (UTC).
 */
export function datePosition(date: string, firstYear: number): number {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number);
  const start = Date.UTC(y, 0, 1);
  const fraction = (Date.UTC(y, m - 1, d) - start) / (Date.UTC(y + 1, 0, 1) - start);
  return y - firstYear + fraction;
}
