/**
 * Writing `data/crates.json`: records sorted by repository, small objects (a dependency, a
 * locked package) on one line each so the file stays reviewable in a diff, and the date of
 * an unchanged record kept so a rerun that finds nothing new changes nothing.
 */
import { cratesFileSchema, type CrateRecord, type CratesFile } from '../../../src/schemas/crates.ts';

const ONE_LINE = 160;

/** JSON with two-space indents where an object or array would not fit on one line. */
export function formatJson(value: unknown, indent = ''): string {
  const flat = JSON.stringify(value);
  if (flat === undefined) throw new Error('cannot format undefined as JSON');
  if (typeof value !== 'object' || value === null || flat.length + indent.length <= ONE_LINE) return flat;
  const inner = `${indent}  `;
  if (Array.isArray(value))
    return value.length ? `[\n${value.map((v) => inner + formatJson(v, inner)).join(',\n')}\n${indent}]` : '[]';
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${formatJson(v, inner)}`).join(',\n')}\n${indent}}`;
}

const sameContent = (a: CrateRecord, b: CrateRecord) =>
  JSON.stringify({ ...a, extracted: '' }) === JSON.stringify({ ...b, extracted: '' });

/** The new record, dated as the previous one when nothing but the date differs. */
export function keepDate(next: CrateRecord, previous: CrateRecord | undefined): CrateRecord {
  return previous && sameContent(next, previous) ? { ...next, extracted: previous.extracted } : next;
}

/** Validated, sorted by repository (case-insensitive), formatted with a final newline. */
export function serializeCratesFile(records: CratesFile): string {
  const checked = cratesFileSchema.parse(records);
  const sorted = Object.fromEntries(
    Object.entries(checked).sort(([a], [b]) => a.toLowerCase().localeCompare(b.toLowerCase()) || a.localeCompare(b)),
  );
  return `${formatJson(sorted)}\n`;
}

/** Parses and validates the file; the error names it and the first problem's path. */
export function parseCratesFile(file: string, text: string): CratesFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  const result = cratesFileSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`${file}: ${issue.path.join('.') || '(top)'}: ${issue.message}`);
  }
  return result.data;
}
