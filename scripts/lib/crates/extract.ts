/**
 * The Cargo workspaces of one repository tree, from the text of its `Cargo.toml`,
 * `Cargo.lock` and rust-toolchain files (keyed by repository path). Pure: the git side is in `git-files.ts`.
 *
 * Which manifests count:
 * - with a `Cargo.toml` at the top, that one: its `[workspace] members` (globs as Cargo
 *   reads them) minus `exclude`, path dependencies inside the workspace (Cargo makes them
 *   members too), and its own `[package]`; or the lone package;
 * - without one, each outermost `Cargo.toml` (no manifest in a directory above it), except
 *   those under example, test, fixture, benchmark or vendored directories, read the same way.
 */
import { posix } from 'node:path';
import type { CrateRecord, LockedPackage, WorkspaceCrate } from '../../../src/schemas/crates.ts';
import {
  crateOf,
  dependencies,
  joinDir,
  manifestPath,
  ManifestError,
  parseToml,
  workspaceOf,
  type Table,
  type WorkspaceContext,
} from './manifest.ts';
import { lockedKey, parseLockfile, sortLocked } from './lockfile.ts';
import { toolchainFor } from './toolchain.ts';

export type Extracted = Pick<CrateRecord, 'workspaces' | 'crates' | 'locked'> & { notes: string[] };

/** Directory segments whose manifests are not the project's own crates when there is no top manifest. */
export const SKIPPED_SEGMENT =
  /^(?:examples?|tests?|.*test-?data|fixtures?|benches|3rd-?party|third[-_]party|vendor(?:ed)?)$/i;

const dirOf = (file: string) => {
  const d = posix.dirname(file);
  return d === '.' ? '' : d;
};

const inside = (dir: string, root: string) => root === '' || dir === root || dir.startsWith(`${root}/`);
const relative = (dir: string, root: string) => (root === '' ? dir : dir === root ? '' : dir.slice(root.length + 1));

/**
 * `files`: the text of every `Cargo.toml`, `Cargo.lock` and rust-toolchain file of the tree, by path;
 * `submodules`: the paths of its git submodules (their content is another repository's).
 */
export function extractCrates(files: ReadonlyMap<string, string>, submodules: readonly string[] = []): Extracted {
  const manifestDirs = [...files.keys()]
    .filter((f) => posix.basename(f) === 'Cargo.toml')
    .map(dirOf)
    .sort();
  const parsed = new Map<string, Table>();
  const manifest = (dir: string): Table => {
    let m = parsed.get(dir);
    if (!m) parsed.set(dir, (m = parseToml(manifestPath(dir), files.get(manifestPath(dir))!)));
    return m;
  };
  const notes: string[] = [];
  let roots: string[];
  if (manifestDirs.includes('')) roots = [''];
  else {
    const outermost = manifestDirs.filter((d) => !manifestDirs.some((o) => o !== d && inside(d, o)));
    roots = outermost.filter((d) => !d.split('/').some((s) => SKIPPED_SEGMENT.test(s)));
    const skipped = outermost.length - roots.length;
    if (roots.length)
      notes.push(
        `No Cargo.toml at the top: read ${roots.length === 1 ? 'the outermost manifest' : `the ${roots.length} outermost manifests`} (${roots.join(', ')})`,
      );
    if (skipped)
      notes.push(
        `Skipped ${skipped} outermost manifest${skipped === 1 ? '' : 's'} under example, test, fixture or vendored directories`,
      );
  }

  const crates: WorkspaceCrate[] = [];
  const workspaces: Extracted['workspaces'] = [];
  const locked: LockedPackage[] = [];
  for (const root of roots) {
    const top = manifest(root);
    const ws = workspaceOf(top, root);
    const context: WorkspaceContext | undefined = ws ? { dir: root, manifest: top } : undefined;
    const members = new Set<string>();
    if (crateOf(top, root, context)) members.add(root);
    if (ws) {
      const under = (dir: string, prefix: string) => {
        const r = relative(dir, root);
        return r === prefix || r.startsWith(`${prefix}/`);
      };
      // As in Cargo, `exclude` does not apply under a member listed by its literal path.
      const literal = ws.members.filter((m) => !/[*?[]/.test(m));
      const excluded = (dir: string) => ws.exclude.some((e) => under(dir, e)) && !literal.some((m) => under(dir, m));
      for (const pattern of ws.members) {
        const glob = /[*?[]/.test(pattern);
        const found = manifestDirs.filter(
          (d) =>
            d !== root &&
            inside(d, root) &&
            (glob ? !excluded(d) && posix.matchesGlob(relative(d, root), pattern) : relative(d, root) === pattern),
        );
        if (!found.length) {
          const dir = joinDir(root, pattern);
          const sub = submodules.find((m) => dir === m || dir.startsWith(`${m}/`));
          notes.push(
            `${manifestPath(root)}: workspace member "${pattern}" ${sub ? `is in the git submodule ${sub}, not read` : 'matches no Cargo.toml'}`,
          );
        }
        found.forEach((d) => members.add(d));
      }
      // Path dependencies inside the workspace are members too, as Cargo treats them.
      const queue = [...members];
      while (queue.length) {
        const dir = queue.pop()!;
        for (const dep of dependencies(manifest(dir), dir, context))
          if (
            dep.source === 'path' &&
            !members.has(dep.path!) &&
            inside(dep.path!, root) &&
            !excluded(dep.path!) &&
            manifestDirs.includes(dep.path!)
          ) {
            members.add(dep.path!);
            queue.push(dep.path!);
          }
      }
    }
    for (const dir of [...members].sort()) {
      const own = crateOf(manifest(dir), dir, context);
      if (own) crates.push(own);
      else if (dir !== root) throw new ManifestError(`${manifestPath(dir)}: a workspace member without [package]`);
    }
    const lockFile = root ? `${root}/Cargo.lock` : 'Cargo.lock';
    const lockText = files.get(lockFile);
    const toolchain = toolchainFor(root, files);
    const pinned = toolchain ? { toolchain } : {};
    if (lockText !== undefined) {
      const lock = parseLockfile(lockFile, lockText);
      locked.push(...lock.packages);
      workspaces.push({ root, lock: { path: lockFile, version: lock.version }, ...pinned });
    } else workspaces.push({ root, ...pinned });
  }
  if (!manifestDirs.length) notes.push('No Cargo.toml in the tree');
  else if (!roots.length) notes.push('Every Cargo.toml is under example, test, fixture or vendored directories');
  if (workspaces.length && workspaces.every((w) => !w.lock))
    notes.push('No Cargo.lock committed: only direct dependencies are known');

  const unique = new Map(locked.map((p) => [lockedKey(p), p]));
  return {
    workspaces,
    crates: crates.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.path.localeCompare(b.path))),
    locked: sortLocked([...unique.values()]),
    notes,
  };
}
