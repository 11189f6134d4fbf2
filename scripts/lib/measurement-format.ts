/**
 * Presenting a tree count: the frontmatter `measurement` fields, a notes line, and a
 * plain-text table. Pure.
 */
import type { TreeCount } from './tree-count.ts';
import { programmingMix } from './tree-count.ts';
import type { Measurement } from '../../src/schemas/project.ts';

/** The keys of an entry's `measurement`, in the order entries write them. */
export const MEASUREMENT_KEYS = [
  'commit',
  'commitDate',
  'headDate',
  'files',
  'bytes',
  'lines',
  'codeLines',
  'bytesRaw',
  'rustShare',
  'programmingBytes',
  'languages',
  'notes',
] as const;

/** An entry's `measurement` without its notes: what a count of a tree fills in. */
export type MeasurementFields = Omit<Measurement, 'notes'>;

/** `Go 74.6%, Rust 17.9%, …`: the largest programming languages and their share. */
export function languageLine(count: Pick<TreeCount, 'languages' | 'programmingBytes'>, top = 5): string {
  return programmingMix(count, top)
    .map((l) => `${l.name} ${l.share}%`)
    .join(', ');
}

/**
 * The fields `--update` writes. `headDate` is the committer date of the copy's newest commit
 * (HEAD) when it was measured, given by the caller, who read the repository.
 */
export function measurementFields(m: TreeCount & { headDate?: string }): MeasurementFields {
  const languages = languageLine(m);
  return {
    commit: m.commit,
    commitDate: m.commitDate,
    ...(m.headDate ? { headDate: m.headDate } : {}),
    files: m.rust.files,
    bytes: m.rust.bytes,
    lines: m.rust.lines,
    codeLines: m.rust.codeLines,
    bytesRaw: m.rustRaw.bytes,
    rustShare: m.rustShare,
    programmingBytes: m.programmingBytes,
    ...(languages ? { languages } : {}),
  };
}

/** Bytes as whole KB (1 KB = 1000 bytes); `<1` for a non-zero amount under half a KB. */
export function kb(bytes: number): string {
  const rounded = Math.round(bytes / 1000);
  return rounded === 0 && bytes > 0 ? '<1' : String(rounded);
}

const list = (items: string[], max: number) =>
  (items.length > max ? [...items.slice(0, max), `… ${items.length - max} more`] : items).join(', ');

/**
 * A notes line: what was left out (rule and files), raw Rust totals when they differ,
 * submodules, symlinks, blobs missing from the copy, and the programming-language mix.
 */
export function measurementNotes(m: TreeCount): string {
  const parts: string[] = [];
  if (m.excluded.length > 0)
    parts.push(
      `left out: ${list(
        m.excluded.map((g) => `${g.label} ${g.files} files${g.rustFiles ? ` (${g.rustFiles} .rs)` : ''}`),
        8,
      )}`,
    );
  if (m.rustRaw.files !== m.rust.files)
    parts.push(`Rust incl. left out: ${m.rustRaw.files} files, ${m.rustRaw.lines} lines`);
  if (m.submodules.length > 0) parts.push(`submodules not counted: ${list(m.submodules, 5)}`);
  if (m.symlinks > 0) parts.push(`${m.symlinks} symlinks not followed`);
  const counted = m.missing.filter((x) => !x.leftOut);
  if (counted.length > 0)
    parts.push(
      `missing from the copy, not counted: ${list(
        counted.map((x) => `${x.path} (${x.language})`),
        3,
      )}`,
    );
  if (counted.length < m.missing.length)
    parts.push(`${m.missing.length - counted.length} files that are left out anyway are missing from the copy`);
  const mix = languageLine(m);
  parts.push(`programming languages: ${mix || 'none'}`);
  return parts.join('; ');
}

const COLUMNS = [
  ['repository', 'left'],
  ['commit', 'left'],
  ['commit date', 'left'],
  ['files', 'right'],
  ['bytes', 'right'],
  ['lines', 'right'],
  ['code lines', 'right'],
  ['bytes raw', 'right'],
  ['Rust %', 'right'],
] as const;

/** Aligned columns; `right` columns are padded on the left. */
export function formatColumns(header: readonly (readonly [string, 'left' | 'right'])[], rows: string[][]): string[] {
  const widths = header.map(([h], c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (header[c][1] === 'right' ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join('  ')
      .trimEnd();
  return [line(header.map(([h]) => h)), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

/** One row per measured tree, then each one's notes. */
export function formatMeasurementTable(measurements: TreeCount[], labels: string[]): string {
  const rows = measurements.map((m, i) => [
    labels[i],
    m.commit.slice(0, 12),
    m.commitDate,
    String(m.rust.files),
    String(m.rust.bytes),
    String(m.rust.lines),
    String(m.rust.codeLines),
    String(m.rustRaw.bytes),
    m.rustShare.toFixed(1),
  ]);
  const out = formatColumns(COLUMNS, rows);
  out.push('');
  measurements.forEach((m, i) => out.push(`${labels[i]}: ${measurementNotes(m)}`));
  return out.join('\n');
}
