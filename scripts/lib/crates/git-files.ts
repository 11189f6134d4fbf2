/**
 * The Cargo files of a commit, read from git objects (a bare repository or a checkout's
 * `.git`; never a working tree) with the shared reader of `scripts/lib/git-objects.ts`.
 * Sizes come from the tree listing and are checked before any blob is read: a 50 MB
 * Cargo.toml once took `npm run crates` to 3.5 GB of memory and a 178 MB data file.
 */
import { InputLimitError, rethrowTimeout } from '../bounded.ts';
import { BlobReader, GitError, listTree, resolveCommit } from '../git-objects.ts';

/** Largest Cargo.toml read (real ones are a few KB). */
export const MAX_MANIFEST_BYTES = 1024 * 1024;
/** Largest Cargo.lock read (the largest in the catalog is under 1 MB). */
export const MAX_LOCKFILE_BYTES = 8 * 1024 * 1024;
/** Most bytes of Cargo files read from one commit. */
export const MAX_CARGO_BYTES = 32 * 1024 * 1024;

/**
 * Every `Cargo.toml` and `Cargo.lock` blob of the commit as text, keyed by path, and the paths
 * of its submodules. `name` (the repository, for messages) defaults to the git directory.
 * Throws InputLimitError naming the file when one is over its limit, or all are together.
 */
export async function readCargoFiles(
  gitDir: string,
  commit: string,
  name = gitDir,
): Promise<{ files: Map<string, string>; submodules: string[] }> {
  const { commit: full } = await resolveCommit(gitDir, commit);
  const tree = await listTree(gitDir, full, true);
  const submodules = tree.filter((e) => e.type === 'commit').map((e) => e.path);
  const entries = tree.filter((e) => e.type === 'blob' && /(?:^|\/)Cargo\.(?:toml|lock)$/.test(e.path));
  let total = 0;
  for (const e of entries) {
    const limit = e.path.endsWith('.lock') ? MAX_LOCKFILE_BYTES : MAX_MANIFEST_BYTES;
    if (typeof e.size === 'number' && e.size > limit)
      throw new InputLimitError(
        `${name}: ${e.path} at ${full.slice(0, 12)} is ${e.size} bytes (expected at most ${limit})`,
      );
    total += e.size ?? 0;
  }
  if (total > MAX_CARGO_BYTES)
    throw new InputLimitError(
      `${name}: the ${entries.length} Cargo files at ${full.slice(0, 12)} are ${total} bytes (expected at most ${MAX_CARGO_BYTES})`,
    );
  const reader = new BlobReader(gitDir);
  try {
    const blobs = await Promise.all(entries.map((e) => reader.read(e.oid)));
    const files = new Map<string, string>();
    entries.forEach((e, i) => {
      const blob = blobs[i];
      if (!blob) throw new GitError(`${gitDir}: ${e.path} (${e.oid}) at ${full} is not in this copy`);
      files.set(e.path, blob.toString('utf8'));
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
