/**
 * The Cargo files of a commit, read from git objects (a bare repository or a checkout's
 * `.git`; never a working tree) with the shared reader of `scripts/lib/git-objects.ts`.
 * Sizes come from the tree listing and are checked before any blob is read: a 50 MB
 * Cargo.toml once took `npm run crates` to 3.5 GB of memory and a 178 MB data file.
 */
import { posix } from 'node:path';
import { InputLimitError, rethrowTimeout } from '../bounded.ts';
import { BlobReader, GitError, listTree, resolveCommit, SYMLINK_MODE, type TreeEntry } from '../git-objects.ts';

/** Largest Cargo.toml (or rust-toolchain file) read (real ones are a few KB). */
export const MAX_MANIFEST_BYTES = 1024 * 1024;
/** Largest Cargo.lock read (the largest in the catalog is under 1 MB). */
export const MAX_LOCKFILE_BYTES = 8 * 1024 * 1024;
/** Most bytes of Cargo files read from one commit. */
export const MAX_CARGO_BYTES = 32 * 1024 * 1024;

const CARGO_FILE = /(?:^|\/)(?:Cargo\.(?:toml|lock)|rust-toolchain(?:\.toml)?)$/;
/** Links followed from one file before giving up (a loop, or a chain no one writes). */
const MAX_LINKS = 8;

const limitOf = (path: string) => (path.endsWith('.lock') ? MAX_LOCKFILE_BYTES : MAX_MANIFEST_BYTES);

/**
 * Every `Cargo.toml`, `Cargo.lock`, `rust-toolchain` and `rust-toolchain.toml` blob of the
 * commit as text, keyed by path, and the paths of its submodules. A file that is a symbolic
 * link (projects link `rust-toolchain.toml` to a copy under `ci/`) is read where it points
 * when that is a file of the same tree; a link out of the tree, or to nothing, is left out.
 * `name` (the repository, for messages) defaults to the git directory. Throws
 * InputLimitError naming the file when one is over its limit, or all are together.
 */
export async function readCargoFiles(
  gitDir: string,
  commit: string,
  name = gitDir,
): Promise<{ files: Map<string, string>; submodules: string[] }> {
  const { commit: full } = await resolveCommit(gitDir, commit);
  const tree = await listTree(gitDir, full, true);
  const submodules = tree.filter((e) => e.type === 'commit').map((e) => e.path);
  const byPath = new Map(tree.map((e) => [e.path, e]));
  const overLimit = (e: TreeEntry, limit: number) =>
    new InputLimitError(`${name}: ${e.path} at ${full.slice(0, 12)} is ${e.size} bytes (expected at most ${limit})`);
  const entries = tree.filter((e) => e.type === 'blob' && CARGO_FILE.test(e.path));
  let total = 0;
  for (const e of entries) {
    const limit = limitOf(e.path);
    if (typeof e.size === 'number' && e.size > limit) throw overLimit(e, limit);
    total += e.size ?? 0;
  }
  if (total > MAX_CARGO_BYTES)
    throw new InputLimitError(
      `${name}: the ${entries.length} Cargo files at ${full.slice(0, 12)} are ${total} bytes (expected at most ${MAX_CARGO_BYTES})`,
    );
  const reader = new BlobReader(gitDir);
  const text = async (e: TreeEntry): Promise<string> => {
    const blob = await reader.read(e.oid);
    if (!blob) throw new GitError(`${gitDir}: ${e.path} (${e.oid}) at ${full} is not in this copy`);
    return blob.toString('utf8');
  };
  /** The regular file a path names, following links inside the tree. */
  const resolve = async (from: TreeEntry): Promise<TreeEntry | undefined> => {
    let e = from;
    for (let hops = 0; e.mode === SYMLINK_MODE; hops++) {
      if (hops === MAX_LINKS) return undefined;
      const target = posix.normalize(posix.join(posix.dirname(e.path), await text(e)));
      if (target.startsWith('../') || target === '..' || posix.isAbsolute(target)) return undefined;
      const next = byPath.get(target);
      if (!next || next.type !== 'blob') return undefined;
      e = next;
    }
    // A link's target is held to the limit of the file the link stands for.
    const limit = limitOf(from.path);
    if (typeof e.size === 'number' && e.size > limit) throw overLimit(e, limit);
    return e;
  };
  try {
    const files = new Map<string, string>();
    const read = await Promise.all(
      entries.map(async (e) => {
        const target = await resolve(e);
        return target ? await text(target) : undefined;
      }),
    );
    entries.forEach((e, i) => {
      const content = read[i];
      if (content !== undefined) files.set(e.path, content);
    });
    return { files, submodules };
  } finally {
    await reader.close();
  }
}

/** Whether the commit is in the copy (no fetch is ever attempted). */
export async function hasCommit(gitDir: string, commit: string): Promise<boolean> {
  try {
    await resolveCommit(gitDir, commit);
    return true;
  } catch (error) {
    rethrowTimeout(error);
    return false;
  }
}
