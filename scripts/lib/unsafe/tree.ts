/**
 * Unsafe Rust in one repository at one commit, read from git objects: the Rust files the line
 * counter counts (linguist's language table, `.gitattributes` and the default path rules of
 * `src/data/rules/linguist-rules.ts`: vendored, generated and documentation files stay out), each
 * parsed with tree-sitter-rust; and, for each crate of the workspaces, whether its root file
 * (the library's, else the main binary's) sets `#![forbid(unsafe_code)]` or `#![deny(unsafe_code)]`.
 */
import { posix } from 'node:path';
import type { Parser } from 'web-tree-sitter';
import type { UnsafeRecord } from '../../../src/schemas/unsafe.ts';
import { exclusionOf, type AttributeValues } from '../../../src/data/rules/linguist-rules.ts';
import { ManifestError, parseToml, type Table } from '../crates/manifest.ts';
import {
  BlobReader,
  GitError,
  REGULAR_MODES,
  SYMLINK_MODE,
  checkAttributesOf,
  listTree,
  resolveCommit,
  type TreeEntry,
} from '../git-objects.ts';
import { languageByAlias, languageOf, loadLinguistTable } from '../languages.ts';
import { countUnsafe, emptyCounts, totalUnsafe, UNSAFE_KINDS, type FileUnsafe } from './count.ts';

/** Files read from git at a time: enough to keep cat-file busy, few enough to hold in memory. */
const BATCH = 64;
/** Files named as where most of a repository's unsafe code is. */
const HOTSPOTS = 3;

export interface CrateAt {
  name: string;
  /** Directory of its Cargo.toml. */
  path: string;
}

const isTable = (value: unknown): value is Table =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

/**
 * The root file of a crate whose lints apply to the whole crate: `[lib] path`, else
 * `src/lib.rs`; for a crate without a library, the first `[[bin]] path`, else `src/main.rs`.
 */
export function crateRoot(dir: string, manifest: Table, exists: (path: string) => boolean): string | undefined {
  const join = (rel: string) => (dir ? posix.join(dir, rel) : posix.normalize(rel));
  const lib =
    isTable(manifest.lib) && typeof manifest.lib.path === 'string' ? join(manifest.lib.path) : join('src/lib.rs');
  if (exists(lib)) return lib;
  const bins = Array.isArray(manifest.bin) ? manifest.bin : [];
  const first = bins.find((b): b is Table => isTable(b) && typeof b.path === 'string');
  const main = first ? join(first.path as string) : join('src/main.rs');
  return exists(main) ? main : undefined;
}

export async function unsafeOfTree(options: {
  gitDir: string;
  commit: string;
  parser: Parser;
  crates: readonly CrateAt[];
  today: string;
  grammar: string;
}): Promise<UnsafeRecord> {
  const { gitDir, parser } = options;
  const { commit } = await resolveCommit(gitDir, options.commit);
  const table = await loadLinguistTable();
  const entries = await listTree(gitDir, commit, false);
  const blobs = entries.filter((e) => e.type === 'blob' && REGULAR_MODES.has(e.mode));
  const byPath = new Map(entries.filter((e) => e.type === 'blob').map((e) => [e.path, e]));
  const gitattributes = blobs.filter((b) => b.path === '.gitattributes' || b.path.endsWith('/.gitattributes'));
  const attributes: AttributeValues[] =
    gitattributes.length > 0
      ? await checkAttributesOf(
          gitDir,
          gitattributes,
          blobs.map((b) => b.raw),
        )
      : [];
  const counted: TreeEntry[] = [];
  blobs.forEach((blob, i) => {
    const attrs = attributes[i] ?? {};
    const forced = attrs['linguist-language'] ? languageByAlias(attrs['linguist-language'], table) : undefined;
    const language = forced ?? languageOf(blob.path, table);
    if (language?.name === 'Rust' && !exclusionOf(blob.path, attrs)) counted.push(blob);
  });

  const reader = new BlobReader(gitDir);
  const perFile = new Map<string, FileUnsafe>();
  let bytes = 0;
  try {
    const read = async (e: TreeEntry): Promise<Buffer> => {
      const blob = await reader.read(e.oid);
      if (!blob) throw new GitError(`${gitDir}: ${e.path} (${e.oid}) at ${commit} is not in this copy`);
      return blob;
    };
    for (let i = 0; i < counted.length; i += BATCH) {
      const batch = counted.slice(i, i + BATCH);
      const contents = await Promise.all(batch.map(read));
      batch.forEach((e, j) => {
        bytes += contents[j].length;
        perFile.set(e.path, countUnsafe(parser, contents[j].toString('utf8')));
      });
    }

    // Each crate's root file, read even when the counts leave it out (a vendored copy, say).
    const crates: UnsafeRecord['crates'] = [];
    let rootsFound = 0;
    for (const c of options.crates) {
      const manifestPath = c.path ? `${c.path}/Cargo.toml` : 'Cargo.toml';
      const manifestEntry = byPath.get(manifestPath);
      if (!manifestEntry || manifestEntry.mode === SYMLINK_MODE) continue;
      let manifest: Table;
      try {
        manifest = parseToml(manifestPath, (await read(manifestEntry)).toString('utf8'));
      } catch (error) {
        if (error instanceof ManifestError) continue;
        throw error;
      }
      const root = crateRoot(
        c.path,
        manifest,
        (p) => byPath.get(p)?.mode !== undefined && REGULAR_MODES.has(byPath.get(p)!.mode),
      );
      if (!root) continue;
      rootsFound++;
      const file = perFile.get(root) ?? countUnsafe(parser, (await read(byPath.get(root)!)).toString('utf8'));
      if (file.lint) crates.push({ name: c.name, path: c.path, root, lint: file.lint });
    }

    const unsafe = emptyCounts();
    let inMacros = 0;
    let parseErrors = 0;
    let filesWithUnsafe = 0;
    const hot: { path: string; unsafe: number }[] = [];
    for (const [path, f] of perFile) {
      for (const k of UNSAFE_KINDS) unsafe[k] += f[k];
      inMacros += f.inMacros;
      if (f.parseErrors) parseErrors++;
      const total = totalUnsafe(f);
      if (total > 0) {
        filesWithUnsafe++;
        hot.push({ path, unsafe: total });
      }
    }
    hot.sort((a, b) => b.unsafe - a.unsafe || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return {
      commit,
      counted: options.today,
      grammar: options.grammar,
      files: perFile.size,
      bytes,
      unsafe,
      inMacros,
      filesWithUnsafe,
      parseErrors,
      hotspots: hot.slice(0, HOTSPOTS),
      crateRoots: rootsFound,
      crates: crates.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.path.localeCompare(b.path))),
    };
  } finally {
    await reader.close();
  }
}
