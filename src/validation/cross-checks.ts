/** Checks that need every entry at once: the same slug, name or landscape name twice. */
import type { EntrySummary } from './project-entry.ts';
import type { Problem } from './problem.ts';
import { nameSkeleton } from '../schemas/text-safety.ts';

/** The id Astro's glob loader would give a file name (it lower-cases and slugifies). */
export function loaderSlug(fileName: string): string {
  return fileName
    .replace(/\.mdx$/i, '')
    .toLowerCase()
    .trim()
    .replace(/\s+/g, '-')
    .replace(/[^a-z0-9_-]/g, '');
}

export function duplicateProblems(entries: readonly EntrySummary[]): Problem[] {
  const problems: Problem[] = [];
  const sorted = [...entries].sort((a, b) => a.file.localeCompare(b.file));
  const slugs = new Map<string, EntrySummary>();
  const names = new Map<string, { file: string; line: number; value: string }>();
  const landscapeNames = new Map<string, { file: string; line: number; value: string }>();
  for (const entry of sorted) {
    const first = slugs.get(entry.slug);
    if (first)
      problems.push({
        file: entry.file,
        line: 1,
        field: 'slug',
        message: `slug "${entry.slug}" is also the slug of ${first.file} (expected one file per project; file names give the page URL)`,
      });
    else slugs.set(entry.slug, entry);
    for (const [field, value, seen] of [
      ['name', entry.name, names],
      ['landscapeName', entry.landscapeName, landscapeNames],
    ] as const) {
      if (!value || value.value === '') continue;
      // Compared by skeleton: NFKC, case, Cyrillic/Greek look-alikes, spaces and punctuation.
      const key = nameSkeleton(value.value);
      const earlier = seen.get(key);
      if (earlier)
        problems.push({
          file: entry.file,
          line: value.line,
          field,
          message: `"${value.value}" is already the ${field} of ${earlier.file}:${earlier.line}${earlier.value === value.value ? '' : ` ("${earlier.value}", which it reads as after Unicode normalisation and look-alike letters)`} (expected each project once)`,
        });
      else seen.set(key, { file: entry.file, line: value.line, value: value.value });
    }
  }
  return problems;
}
