/**
 * The Cargo files of a commit, read from git objects (a bare repository or a checkout's
 * `.git`; never a working tree) with the shared reader of `scripts/lib/git-objects.ts`.
 */
import { posix } from 'node:path';
import { BlobReader, GitError, listTree, resolveCommit, SYMLINK_MODE, type TreeEntry } from '../git-objects.ts';

const CARGO_FILE = /(?:^|\/)(?:Cargo\.(?:toml|lock)|rust-toolchain(?:\.toml)?)$/;
/** Links followed from one file before giving up (a loop, or a chain no one writes). */
const MAX_LINKS = 8;

/**
 * Every `Cargo.toml`, `Cargo.lock`, `rust-toolchain` and `rust-toolchain.toml` blob of the
 * commit as text, keyed by path, and the paths of its submodules. A file that is a symbolic
 * link (projects link `rust-toolchain.toml` to a copy under `ci/`) is read where it points
 * when that is a file of the same tree; a link out of the tree, or to nothing, is left out.
 */
export async function readCargoFiles(
  gitDir: string,
  commit: string,
): Promise<{ files: Map<string, string>; submodules: string[] }> {
  const { commit: full } = await resolveCommit(gitDir, commit);
  const tree = await listTree(gitDir, full, false);
  const submodules = tree.filter((e) => e.type === 'commit').map((e) => e.path);
  const byPath = new Map(tree.map((e) => [e.path, e]));
  const reader = new BlobReader(gitDir);
  const text = async (e: TreeEntry): Promise<string> => {
    const blob = await reader.read(e.oid);
    if (!blob) throw new GitError(`${gitDir}: ${e.path} (${e.oid}) at ${full} is not in this copy`);
    return blob.toString('utf8');
  };
  /** The regular file a path names, following links inside the tree. */
  const resolve = async (e: TreeEntry): Promise<TreeEntry | undefined> => {
    for (let hops = 0; e.mode === SYMLINK_MODE; hops++) {
      if (hops === MAX_LINKS) return undefined;
      const target = posix.normalize(posix.join(posix.dirname(e.path), await text(e)));
      if (target.startsWith('../') || target === '..' || posix.isAbsolute(target)) return undefined;
      const next = byPath.get(target);
      if (!next || next.type !== 'blob') return undefined;
      e = next;
    }
    return e;
  };
  try {
    const entries = tree.filter((e) => e.type === 'blob' && CARGO_FILE.test(e.path));
    const files = new Map<string, string>();
    const read = await Promise.all(
      entries.map(async (e) => {
        const target = await resolve(e);
        return target ? await text(target) : undefined;
      }),
    );
    entries.forEach((e, i) => {
      if (read[i] !== undefined) files.set(e.path, read[i]);
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
