/**
 * The one reader of the entries for the maintainer tools and the test helpers: which files are
 * entries (`isEntryFile`, the definition the site's content loader uses), how one is split
 * (`readEntry`, the reader validation uses, accepting only fences Astro reads the same way) and
 * how its YAML is parsed (`loadYaml`, with the alias, depth and size limits). A tool that lists
 * or parses entries another way could read a file the site does not build, or miss one it does.
 *
 * Every file is read through `readForEdit` (no symbolic links, regular files only), so a tool
 * that writes entries back can refuse one that changed meanwhile. Anything wrong ends in an
 * `EntryReadError` (exit 2 through `runCli`) naming the file, with one line saying why.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { isEntryFile, entrySlug } from '../../src/schemas/entry-files.ts';
import { projectFrontmatterSchema, type ProjectFrontmatter } from '../../src/schemas/project.ts';
import { readEntry, type EntryParts } from '../../src/validation/entry-file.ts';
import { loadYaml } from '../../src/validation/safe-yaml.ts';
import { CONTENT_MAX_ALIASES } from '../../src/validation/yaml.ts';
import { DEFAULT_MAX_BYTES } from '../../src/validation/text.ts';
import { UsageError, shown } from './cli.ts';
import { describeFsError, readForEdit, type ReadFile } from './safe-write.ts';

/** An entry that cannot be read: the message names the file (exit 2). */
export class EntryReadError extends UsageError {}

export interface EntryFile {
  /** The page slug, from the file name (`chaos-mesh.mdx` → `chaos-mesh`). */
  slug: string;
  /** Absolute path. */
  path: string;
  /** The path as messages show it (relative to the working directory when inside it). */
  file: string;
  /** The file as read, for `writeAll`. */
  read: ReadFile;
  /** Its text (`read.text`), byte for byte. */
  text: string;
  parts: EntryParts;
  /** The frontmatter, parsed with the limits of `loadYaml` (dates stay strings). */
  data: unknown;
}

/** The folder of entries under a content folder. */
export const projectsDir = (contentDir: string): string => path.join(contentDir, 'projects');

/** The entry file names of `<contentDir>/projects`, sorted; other files are validate's business. */
export function entryNames(contentDir: string): string[] {
  const dir = projectsDir(contentDir);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    throw new EntryReadError(`could not read the entries in ${shown(dir)}: ${describeFsError(error)}`);
  }
  return names.filter((n) => isEntryFile(n)).sort();
}

/** Reads and splits one entry file; `maxBytes` as validation's limit for content files. */
export function readEntryFile(file: string, maxBytes = DEFAULT_MAX_BYTES): EntryFile {
  const name = shown(file);
  let read: ReadFile;
  try {
    read = readForEdit(file, maxBytes);
  } catch (error) {
    throw new EntryReadError(`${name}: ${(error as Error).message.replace(`${file} `, '').replace(file, name)}`);
  }
  const parts = readEntry(read.text);
  if ('missing' in parts)
    throw new EntryReadError(`${name}:${parts.line}: ${parts.message} (run \`npm run validate\`)`);
  let data: unknown;
  try {
    data = loadYaml(parts.yaml, { filename: name, maxAliases: CONTENT_MAX_ALIASES });
  } catch (error) {
    throw new EntryReadError(
      `${name}: the frontmatter is not valid YAML: ${(error as Error).message.split('\n')[0]} (run \`npm run validate\`)`,
    );
  }
  return { slug: entrySlug(path.basename(file)), path: file, file: name, read, text: read.text, parts, data };
}

/** Every entry of a content folder, in file name order. */
export function readEntries(contentDir: string, options: { maxBytes?: number } = {}): EntryFile[] {
  const dir = projectsDir(contentDir);
  return entryNames(contentDir).map((n) => readEntryFile(path.join(dir, n), options.maxBytes));
}

export interface ProjectEntry extends Omit<EntryFile, 'data'> {
  /** The frontmatter, checked with the project schema. */
  data: ProjectFrontmatter;
  /** The MDX body (everything after the closing fence). */
  body: string;
}

/** `readEntries`, each checked with the project schema; the first invalid entry stops the run. */
export function readProjectEntries(contentDir: string, options: { maxBytes?: number } = {}): ProjectEntry[] {
  return readEntries(contentDir, options).map((entry) => {
    const result = projectFrontmatterSchema.safeParse(entry.data);
    if (!result.success)
      throw new EntryReadError(
        `${entry.file}: invalid frontmatter: ${result.error.issues
          .slice(0, 3)
          .map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`)
          .join('; ')} (run \`npm run validate\`)`,
      );
    return { ...entry, data: result.data, body: entry.parts.body };
  });
}
