/**
 * Which files are entries: the one definition the content config (its glob loader) and
 * validation share. An entry is `content/projects/<slug>.mdx`, directly in that folder, its
 * name a slug. Every other file under content/ that is not a taxonomy file (a dotfile, an
 * `_draft.mdx`, a `.md`, a nested folder) is a validation error, never skipped: the glob
 * below loads no such file, and validate refuses each one, so nothing is built that was not
 * checked.
 */

/** The folder of entries, relative to the project root. */
export const ENTRIES_BASE = './content/projects';

/**
 * The glob loader's pattern, relative to ENTRIES_BASE: one level, names starting with a
 * lower-case letter or digit (so never a dotfile or `_draft`), `.mdx`.
 */
export const ENTRY_GLOB = '[a-z0-9]*.mdx';

const ENTRY_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*\.mdx$/;

/** Whether `name` (a path relative to content/projects/, `/`-separated) is an entry file. */
export function isEntryFile(name: string): boolean {
  return ENTRY_NAME.test(name);
}

/** The slug of an entry file name (`chaos-mesh.mdx` → `chaos-mesh`). */
export const entrySlug = (name: string): string => name.replace(/\.mdx$/, '');
