/**
 * Presenting a checkout measurement: the frontmatter `measurement` fields, a notes line in the
 * style of `data/rust-code/measurements.csv`, and a plain-text table. Pure.
 */
import { SOURCE_KINDS } from './rust-count.ts';
import type { CheckoutMeasurement } from './rust-measure.ts';
import type { Measurement } from '../../src/schemas/project.ts';

/** The keys of an entry's `measurement`, in the order entries write them. */
export const MEASUREMENT_KEYS = [
  'commit',
  'commitDate',
  'files',
  'bytes',
  'lines',
  'codeLines',
  'bytesRaw',
  'rustShare',
  'notes',
] as const;

/** An entry's `measurement` without its notes: what a count of a checkout can fill in. */
export type MeasurementFields = Omit<Measurement, 'notes'>;

/** The fields `--update` writes; needs a git checkout with a commit. */
export function measurementFields(m: CheckoutMeasurement): MeasurementFields {
  if (!m.commit || !m.commitDate) throw new Error(`${m.path} has no HEAD commit: a measurement records the commit it was read at`);
  return {
    commit: m.commit,
    commitDate: m.commitDate,
    files: m.files,
    bytes: m.bytes,
    lines: m.lines,
    codeLines: m.codeLines,
    bytesRaw: m.bytesRaw,
    rustShare: m.rustShare,
  };
}

/** Bytes as whole KB (1 KB = 1000 bytes); `<1` for a non-zero amount under half a KB. */
export function kb(bytes: number): string {
  const rounded = Math.round(bytes / 1000);
  return rounded === 0 && bytes > 0 ? '<1' : String(rounded);
}

/**
 * A notes line like the data set's: what was excluded, the raw totals when they differ, and
 * the source mix in KB, e.g. `top-level examples/ excluded; raw incl. excluded dirs: 312
 * files, 106853 lines; source KB: rs 3975, go 602, ts/js 64`.
 */
export function measurementNotes(m: CheckoutMeasurement): string {
  const parts: string[] = [];
  const excluded = Object.keys(m.excluded).sort();
  const top = excluded.filter((d) => ['examples/', 'samples/', 'docs/'].includes(d));
  const anywhere = excluded.filter((d) => !top.includes(d));
  if (top.length > 0) parts.push(`top-level ${top.join(', ')} excluded`);
  if (anywhere.length > 0) parts.push(`${anywhere.join(', ')} excluded`);
  if (m.raw.files !== m.files) parts.push(`raw incl. excluded dirs: ${m.raw.files} files, ${m.raw.lines} lines`);
  if (m.skipped.submodules.length > 0) parts.push(`submodules not counted: ${m.skipped.submodules.join(', ')}`);
  const mix = SOURCE_KINDS.filter((k) => m.sourceBytes[k] > 0).map((k) => `${k} ${kb(m.sourceBytes[k])}`);
  parts.push(`source KB: ${mix.length > 0 ? mix.join(', ') : 'none'}`);
  return parts.join('; ');
}

const COLUMNS = [
  ['checkout', 'left'],
  ['commit', 'left'],
  ['commit date', 'left'],
  ['files', 'right'],
  ['bytes', 'right'],
  ['lines', 'right'],
  ['code lines', 'right'],
  ['bytes raw', 'right'],
  ['Rust %', 'right'],
] as const;

/** One row per checkout, columns aligned, then each checkout's notes. */
export function formatMeasurementTable(measurements: CheckoutMeasurement[], labels?: string[]): string {
  const rows = measurements.map((m, i) => [
    labels?.[i] ?? m.path,
    m.commit ? m.commit.slice(0, 12) : '(no commit)',
    m.commitDate ?? '',
    String(m.files),
    String(m.bytes),
    String(m.lines),
    String(m.codeLines),
    String(m.bytesRaw),
    m.rustShare.toFixed(1),
  ]);
  const header = COLUMNS.map(([title]) => title);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (COLUMNS[c][1] === 'right' ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join('  ')
      .trimEnd();
  const out = [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
  out.push('');
  measurements.forEach((m, i) => {
    out.push(`${labels?.[i] ?? m.path}: ${measurementNotes(m)}`);
    const skipped = [];
    if (m.skipped.symlinks > 0) skipped.push(`${m.skipped.symlinks} symlinks not followed`);
    if (m.skipped.missing.length > 0) skipped.push(`${m.skipped.missing.length} indexed files missing from the working tree`);
    if (!m.git) skipped.push('not a git checkout: the directory was walked, no commit recorded');
    if (skipped.length > 0) out.push(`  (${skipped.join('; ')})`);
  });
  return out.join('\n');
}
