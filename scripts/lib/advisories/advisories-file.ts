/**
 * `data/advisories.json` written and read back: validated, keys sorted, small objects on one
 * line (the layout of `data/crates.json`), and the run's date kept when nothing else changed,
 * so a rerun that finds nothing new leaves the file as it was.
 */
import { advisoriesFileSchema, type AdvisoriesFile } from '../../../src/schemas/advisories.ts';
import { formatJson } from '../crates/crates-file.ts';

const byKey = <T>(record: Record<string, T>): Record<string, T> =>
  Object.fromEntries(
    Object.entries(record).sort(
      ([a], [b]) => a.toLowerCase().localeCompare(b.toLowerCase()) || (a < b ? -1 : a > b ? 1 : 0),
    ),
  );

/** The new file, dated as the previous one when nothing but the date differs. */
export function keepReadDate(next: AdvisoriesFile, previous: AdvisoriesFile | undefined): AdvisoriesFile {
  if (!previous) return next;
  const undated = (f: AdvisoriesFile) => JSON.stringify({ ...f, database: { ...f.database, read: '' } });
  return undated(next) === undated(previous)
    ? { ...next, database: { ...next.database, read: previous.database.read } }
    : next;
}

export function serializeAdvisoriesFile(file: AdvisoriesFile): string {
  const checked = advisoriesFileSchema.parse(file);
  return `${formatJson({ database: checked.database, advisories: byKey(checked.advisories), repositories: byKey(checked.repositories) })}\n`;
}

/** Parses and validates the file; the error names it and the first problem's path. */
export function parseAdvisoriesFile(name: string, text: string): AdvisoriesFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${name}: not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  const result = advisoriesFileSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`${name}: ${issue.path.join('.') || '(top)'}: ${issue.message}`);
  }
  return result.data;
}
