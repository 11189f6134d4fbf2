/**
 * `data/unsafe.json` written and read back: validated, sorted by repository, small objects on
 * one line (the layout of `data/crates.json`).
 */
import { unsafeFileSchema, type UnsafeFile } from '../../../src/schemas/unsafe.ts';
import { formatJson } from '../crates/crates-file.ts';

/** Each record dated as before when nothing but its date changed, so a rerun that finds nothing new changes nothing. */
export function keepCountedDate(next: UnsafeFile, previous: UnsafeFile): UnsafeFile {
  const undated = (r: UnsafeFile[string]) => JSON.stringify({ ...r, counted: '' });
  return Object.fromEntries(
    Object.entries(next).map(([repo, r]) => [
      repo,
      previous[repo] && undated(previous[repo]) === undated(r) ? previous[repo] : r,
    ]),
  );
}

export function serializeUnsafeFile(records: UnsafeFile): string {
  const checked = unsafeFileSchema.parse(records);
  const sorted = Object.fromEntries(
    Object.entries(checked).sort(
      ([a], [b]) => a.toLowerCase().localeCompare(b.toLowerCase()) || (a < b ? -1 : a > b ? 1 : 0),
    ),
  );
  return `${formatJson(sorted)}\n`;
}

export function parseUnsafeFile(name: string, text: string): UnsafeFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${name}: not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  const result = unsafeFileSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`${name}: ${issue.path.join('.') || '(top)'}: ${issue.message}`);
  }
  return result.data;
}
