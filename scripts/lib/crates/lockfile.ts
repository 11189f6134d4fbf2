/**
 * A `Cargo.lock` read into the packages it resolves from outside the repository. Every
 * format Cargo has written is read: v1 (checksums in `[metadata]`), v2 (checksums inline, no
 * `version` key), v3 and v4 (`version = 3` / `4`). Packages without a `source` are the
 * workspace's own crates and path dependencies, and are left out.
 */
import type { LockedPackage } from '../../../src/schemas/crates.ts';
import { ManifestError, parseToml, type Table } from './manifest.ts';

export interface Lockfile {
  /** The format version: the `version` key, else 1 when `[metadata]` holds checksums, else 2. */
  version: number;
  /** Packages from a registry or a git repository, sorted by name then version, each once. */
  packages: LockedPackage[];
}

/** The two ways a lock file names crates.io: its git index and its sparse index. */
export const CRATES_IO_SOURCES: ReadonlySet<string> = new Set([
  'registry+https://github.com/rust-lang/crates.io-index',
  'sparse+https://index.crates.io/',
]);

/** `registry+…` and `sparse+…` are registries; `git+…` is a git repository. */
export function sourceKind(source: string): LockedPackage['source'] | undefined {
  if (source.startsWith('registry+') || source.startsWith('sparse+')) return 'registry';
  if (source.startsWith('git+')) return 'git';
  return undefined;
}

export function parseLockfile(file: string, text: string): Lockfile {
  const lock = parseToml(file, text);
  const declared = lock.version;
  if (
    declared !== undefined &&
    (typeof declared !== 'number' || !Number.isInteger(declared) || declared < 1 || declared > 4)
  )
    throw new ManifestError(
      `${file}: expected a Cargo.lock format version from 1 to 4, got ${JSON.stringify(declared)}`,
    );
  const version =
    (declared as number | undefined) ?? (typeof lock.metadata === 'object' && lock.metadata !== null ? 1 : 2);
  const list = lock.package ?? [];
  if (!Array.isArray(list)) throw new ManifestError(`${file}: expected [[package]] entries`);
  const seen = new Map<string, LockedPackage>();
  list.forEach((entry: Table, i) => {
    const { name, version: v, source } = entry ?? {};
    if (typeof name !== 'string' || typeof v !== 'string')
      throw new ManifestError(`${file}: package ${i + 1} has no name or version`);
    if (source === undefined) return;
    if (typeof source !== 'string')
      throw new ManifestError(`${file}: package ${name} ${v} has a source that is not a string`);
    const kind = sourceKind(source);
    if (!kind) throw new ManifestError(`${file}: package ${name} ${v} has a source Cargo does not write: ${source}`);
    // Another registry's crate may share a name with a crates.io one: keep where it comes from.
    const registry =
      kind === 'registry' && !CRATES_IO_SOURCES.has(source) ? source.replace(/^(?:registry|sparse)\+/, '') : undefined;
    seen.set(lockedKey({ name, version: v, source: kind, registry }), {
      name,
      version: v,
      source: kind,
      ...(registry ? { registry } : {}),
    });
  });
  return { version, packages: sortLocked([...seen.values()]) };
}

/** What makes a locked package distinct: name, version, source and registry. */
export const lockedKey = (p: LockedPackage) => `${p.name}\0${p.version}\0${p.source}\0${p.registry ?? ''}`;

/** By name, then version (numerically where the parts are numbers), then source and registry. */
export function sortLocked(packages: LockedPackage[]): LockedPackage[] {
  const collator = new Intl.Collator('en', { numeric: true });
  return packages.sort((a, b) =>
    a.name < b.name
      ? -1
      : a.name > b.name
        ? 1
        : collator.compare(a.version, b.version) ||
          a.source.localeCompare(b.source) ||
          (a.registry ?? '').localeCompare(b.registry ?? ''),
  );
}
