/**
 * Validate a whole content tree, given its files' bytes: the pure core shared by
 * `npm run validate` and the build guard. Reading the disk is in `read-tree.ts`.
 */
import { slugSchema } from '../schemas/common.ts';
import { isEntryFile } from '../schemas/entry-files.ts';
import { duplicateProblems, loaderSlug } from './cross-checks.ts';
import { sortProblems, type Problem } from './problem.ts';
import { checkProjectEntry, type EntrySummary } from './project-entry.ts';
import { TAXONOMY_FILES, checkTaxonomyFile } from './taxonomy-files.ts';
import { DEFAULT_MAX_BYTES, decodeContentFile } from './text.ts';

export interface ContentFile {
  /** Path inside the content root, with `/` separators, e.g. `projects/tikv.mdx`. */
  path: string;
  /** Path shown in problems, e.g. `content/projects/tikv.mdx`. */
  display: string;
  /** Size in bytes. */
  size: number;
  /** The bytes; may be left out when `size` is already over the limit. */
  bytes?: Uint8Array;
}

export interface TreeContext {
  /** File names in `public/logos/`. */
  logos: ReadonlySet<string>;
  /** Display path of a content file that does not exist (for "missing file" problems). */
  display: (path: string) => string;
  maxBytes?: number;
}

const PROJECTS = 'projects/';

export interface ValidationReport {
  /** Every problem, sorted by file and line; empty when the tree is valid. */
  problems: Problem[];
  /** How many files were read, and how many of them were project entries. */
  files: number;
  entries: number;
}

export function validateTree(files: readonly ContentFile[], context: TreeContext): ValidationReport {
  const problems: Problem[] = [];
  const maxBytes = context.maxBytes ?? DEFAULT_MAX_BYTES;
  // `text` normalised (BOM and CR removed) for the YAML files; `raw` as Astro reads it, for entries.
  const texts = new Map<string, { text: string; raw: string }>();

  for (const file of files) {
    // One definition of what an entry is (schemas/entry-files.ts); anything else is an error,
    // hidden files and `_drafts` included: a file skipped here could still reach the build.
    const isEntry = file.path.startsWith(PROJECTS);
    if (isEntry && !isEntryFile(file.path.slice(PROJECTS.length))) {
      problems.push({
        file: file.display,
        line: 1,
        field: 'file:unexpected',
        message:
          'is not an entry file name (expected entries as content/projects/<slug>.mdx, a lower-case slug, directly in that folder; no hidden files, drafts or other files)',
      });
      continue;
    }
    if (!isEntry && !Object.hasOwn(TAXONOMY_FILES, file.path)) {
      problems.push({
        file: file.display,
        line: 1,
        field: 'file:unexpected',
        message: `the site does not read this file (expected only projects/ and ${Object.keys(TAXONOMY_FILES).join(', ')} in content/)`,
      });
      continue;
    }
    if (file.size > maxBytes || !file.bytes) {
      problems.push({
        file: file.display,
        line: 1,
        field: 'file:size',
        message: `file is ${file.size} bytes (expected at most ${maxBytes} bytes; content files are short text)`,
      });
      continue;
    }
    const decoded = decodeContentFile(file.bytes, maxBytes);
    if (!decoded.ok)
      problems.push({ file: file.display, line: decoded.line, field: decoded.rule, message: decoded.message });
    else texts.set(file.path, { text: decoded.text, raw: decoded.raw });
  }

  // Ids each taxonomy file defines; undefined when the file is missing or unreadable.
  const ids: Record<string, Set<string> | undefined> = {};
  for (const [name, spec] of Object.entries(TAXONOMY_FILES)) {
    const text = texts.get(name)?.text;
    if (text === undefined) {
      if (!files.some((f) => f.path === name))
        problems.push({
          file: context.display(name),
          line: 1,
          field: 'file:missing',
          message: `content/${name} does not exist (expected the file; the site reads it)`,
        });
      continue;
    }
    const result = checkTaxonomyFile(files.find((f) => f.path === name)?.display ?? name, spec, text);
    problems.push(...result.problems);
    ids[name] = result.ids;
  }

  const summaries: EntrySummary[] = [];
  const entryContext = {
    categoryIds: ids['categories.yaml'],
    sourceIds: ids['sources.yaml'],
    logoExists: (logo: string) => context.logos.has(logo),
  };
  for (const file of files) {
    const raw = texts.get(file.path)?.raw;
    if (raw === undefined || !file.path.startsWith(PROJECTS)) continue;
    const baseName = file.path.slice(PROJECTS.length).replace(/\.mdx$/, '');
    if (!slugSchema.safeParse(baseName).success)
      problems.push({
        file: file.display,
        line: 1,
        field: 'file:name',
        message: `file name "${baseName}.mdx" is not a slug (expected lower-case words joined by hyphens, e.g. chaos-mesh.mdx)`,
      });
    const result = checkProjectEntry(file.display, loaderSlug(baseName), raw, entryContext);
    problems.push(...result.problems);
    summaries.push(result.summary);
  }
  problems.push(...duplicateProblems(summaries));
  return { problems: sortProblems(problems), files: files.length, entries: summaries.length };
}
