/**
 * The Cargo files of a commit, read from git objects (a bare repository or a checkout's
 * `.git`; never a working tree) with the shared reader of `scripts/lib/git-objects.ts`.
 */
import { BlobReader, GitError, listTree, resolveCommit } from '../git-objects.ts';

/** Every `Cargo.toml` and `Cargo.lock` blob of the commit as text, keyed by path, and the paths of its submodules. */
export async function readCargoFiles(
  gitDir: string,
  commit: string,
): Promise<{ files: Map<string, string>; submodules: string[] }> {
  const { commit: full } = await resolveCommit(gitDir, commit);
  const tree = await listTree(gitDir, full, false);
  const submodules = tree.filter((e) => e.type === 'commit').map((e) => e.path);
  const entries = tree.filter((e) => e.type === 'blob' && /(?:^|\/)Cargo\.(?:toml|lock)$/.test(e.path));
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
  } catch {
    return false;
  }
}
