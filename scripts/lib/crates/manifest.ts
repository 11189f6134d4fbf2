/**
 * One `Cargo.toml` read into what the catalog keeps: the package's name, version and
 * whether it may be published, and its direct dependencies with where each comes from.
 * TOML is parsed by smol-toml; this module only interprets Cargo's keys.
 */
import { posix } from 'node:path';
import { parse, TomlError } from 'smol-toml';
import { LINT_LEVELS, type Dependency, type WorkspaceCrate } from '../../../src/schemas/crates.ts';

type LintLevel = (typeof LINT_LEVELS)[number];

export type Table = Record<string, unknown>;

export class ManifestError extends Error {}

const isTable = (value: unknown): value is Table =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

/** Parses TOML text; the error names the file and smol-toml's line and column. */
export function parseToml(file: string, text: string): Table {
  try {
    return parse(text) as Table;
  } catch (error) {
    const where = error instanceof TomlError ? ` (line ${error.line}, column ${error.column})` : '';
    throw new ManifestError(`${file}: not valid TOML${where}: ${(error as Error).message.split('\n')[0]}`);
  }
}

/** `a/b/../c` → `a/c`; the repository's top is `''`. */
export function joinDir(dir: string, rel: string): string {
  const joined = posix.normalize(posix.join(dir || '.', rel)).replace(/\/+$/, '');
  return joined === '.' ? '' : joined;
}

/** The file name of a directory's manifest, for messages. */
export const manifestPath = (dir: string) => (dir ? `${dir}/Cargo.toml` : 'Cargo.toml');

/** The workspace a member inherits from: its directory and its root manifest. */
export interface WorkspaceContext {
  dir: string;
  manifest: Table;
}

const KIND_TABLES: [Dependency['kind'], string[]][] = [
  ['normal', ['dependencies']],
  ['build', ['build-dependencies', 'build_dependencies']],
  ['dev', ['dev-dependencies', 'dev_dependencies']],
];

function expectString(value: unknown, file: string, what: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '')
    throw new ManifestError(`${file}: expected ${what} as a string, got ${JSON.stringify(value)}`);
  return value;
}

/**
 * One dependency entry. `dir` is the directory path dependencies are relative to (the
 * member's, or the workspace root's for an inherited entry).
 */
function toDependency(
  key: string,
  spec: unknown,
  kind: Dependency['kind'],
  target: string | undefined,
  dir: string,
  file: string,
  ws: WorkspaceContext | undefined,
): Dependency {
  const base = { kind, ...(target ? { target } : {}) };
  if (typeof spec === 'string') return { name: key, ...base, source: 'registry', req: spec };
  if (!isTable(spec))
    throw new ManifestError(
      `${file}: dependency "${key}" should be a version string or a table, got ${JSON.stringify(spec)}`,
    );
  if (spec.workspace === true) {
    const inherited = isTable(ws?.manifest.workspace) ? (ws.manifest.workspace as Table).dependencies : undefined;
    const entry = isTable(inherited) ? inherited[key] : undefined;
    if (!ws || entry === undefined)
      throw new ManifestError(
        `${file}: dependency "${key}" says workspace = true, but ${ws ? manifestPath(ws.dir) : 'no workspace root'} has no [workspace.dependencies] entry "${key}"`,
      );
    const resolved = toDependency(key, entry, kind, target, ws.dir, manifestPath(ws.dir), undefined);
    const optional = spec.optional === true || resolved.optional === true;
    const { optional: _drop, ...rest } = resolved;
    return { ...rest, ...(optional ? { optional } : {}), workspace: true };
  }
  const pkg = expectString(spec.package, file, `the package of dependency "${key}"`);
  const name = pkg ?? key;
  const req = expectString(spec.version, file, `the version of dependency "${key}"`);
  const path = expectString(spec.path, file, `the path of dependency "${key}"`);
  const git = expectString(spec.git, file, `the git URL of dependency "${key}"`);
  const registry = expectString(spec.registry, file, `the registry of dependency "${key}"`);
  const dep: Dependency = {
    name,
    ...(pkg && pkg !== key ? { alias: key } : {}),
    ...base,
    // A path wins over a version: locally Cargo builds the path (the version is for publishing).
    source: path !== undefined ? 'path' : git !== undefined ? 'git' : 'registry',
    ...(req ? { req } : {}),
    ...(path === undefined && git ? { git } : {}),
    ...(path === undefined && git === undefined && registry ? { registry } : {}),
    ...(path !== undefined ? { path: joinDir(dir, path) } : {}),
    ...(spec.optional === true ? { optional: true } : {}),
  };
  return dep;
}

/** Every direct dependency of a manifest: normal, build and dev, each with its target-specific tables after it. */
export function dependencies(manifest: Table, dir: string, ws: WorkspaceContext | undefined): Dependency[] {
  const file = manifestPath(dir);
  const out: Dependency[] = [];
  const targets = isTable(manifest.target) ? Object.entries(manifest.target) : [];
  for (const [kind, names] of KIND_TABLES) {
    const tables: [string | undefined, unknown][] = [];
    for (const n of names) tables.push([undefined, manifest[n]]);
    for (const [spec, table] of targets) if (isTable(table)) for (const n of names) tables.push([spec, table[n]]);
    for (const [target, table] of tables) {
      if (table === undefined) continue;
      if (!isTable(table))
        throw new ManifestError(
          `${file}: expected a table of ${kind} dependencies${target ? ` for target ${target}` : ''}`,
        );
      for (const [key, spec] of Object.entries(table)) out.push(toDependency(key, spec, kind, target, dir, file, ws));
    }
  }
  return out;
}

/** A `package.<field>` that may say `{ workspace = true }`, read from `[workspace.package]` then. */
function packageField(manifest: Table, field: string, ws: WorkspaceContext | undefined, file: string): unknown {
  const pkg = manifest.package as Table;
  const value = pkg[field];
  if (isTable(value) && value.workspace === true) {
    const inherited = isTable(ws?.manifest.workspace) ? (ws.manifest.workspace as Table).package : undefined;
    if (!ws || !isTable(inherited) || inherited[field] === undefined)
      throw new ManifestError(
        `${file}: package.${field} says workspace = true, but ${ws ? manifestPath(ws.dir) : 'no workspace root'} has no [workspace.package] ${field}`,
      );
    return inherited[field];
  }
  return value;
}

/** The package of a manifest, or undefined when it has no `[package]` (a virtual workspace root). */
export function crateOf(manifest: Table, dir: string, ws: WorkspaceContext | undefined): WorkspaceCrate | undefined {
  const file = manifestPath(dir);
  if (manifest.package === undefined) return undefined;
  if (!isTable(manifest.package)) throw new ManifestError(`${file}: expected [package] to be a table`);
  const name = expectString(manifest.package.name, file, 'package.name');
  if (!name) throw new ManifestError(`${file}: [package] has no name`);
  const version = expectString(packageField(manifest, 'version', ws, file), file, 'package.version');
  const publish = packageField(manifest, 'publish', ws, file);
  if (publish !== undefined && typeof publish !== 'boolean' && !Array.isArray(publish))
    throw new ManifestError(
      `${file}: expected package.publish to be true, false or a list of registries, got ${JSON.stringify(publish)}`,
    );
  const edition = expectString(packageField(manifest, 'edition', ws, file), file, 'package.edition');
  if (edition !== undefined && !/^\d{4}$/.test(edition))
    throw new ManifestError(`${file}: expected package.edition to be a year such as "2021", got "${edition}"`);
  const rustVersion = expectString(packageField(manifest, 'rust-version', ws, file), file, 'package.rust-version');
  if (rustVersion !== undefined && !/^\d+(?:\.\d+){0,2}$/.test(rustVersion))
    throw new ManifestError(
      `${file}: expected package.rust-version to be a version such as "1.70", got "${rustVersion}"`,
    );
  const unsafeCodeLint = unsafeCodeLevel(manifest, ws, file);
  return {
    name,
    ...(version ? { version } : {}),
    path: dir,
    publish: publish === undefined ? true : Array.isArray(publish) ? publish.length > 0 : publish,
    ...(edition ? { edition } : {}),
    ...(rustVersion ? { rustVersion } : {}),
    ...(unsafeCodeLint ? { unsafeCodeLint } : {}),
    dependencies: dependencies(manifest, dir, ws),
  };
}

/**
 * The level `[lints.rust] unsafe_code` sets: `"forbid"` or `{ level = "forbid", priority = … }`,
 * read from `[workspace.lints.rust]` when the manifest says `lints.workspace = true` (Cargo
 * then takes the workspace's lints whole).
 */
function unsafeCodeLevel(manifest: Table, ws: WorkspaceContext | undefined, file: string): LintLevel | undefined {
  if (manifest.lints === undefined) return undefined;
  if (!isTable(manifest.lints)) throw new ManifestError(`${file}: expected [lints] to be a table`);
  let lints: Table = manifest.lints;
  let where = file;
  if (lints.workspace === true) {
    const inherited = isTable(ws?.manifest.workspace) ? (ws.manifest.workspace as Table).lints : undefined;
    if (!ws || !isTable(inherited))
      throw new ManifestError(
        `${file}: lints.workspace = true, but ${ws ? manifestPath(ws.dir) : 'no workspace root'} has no [workspace.lints]`,
      );
    lints = inherited;
    where = manifestPath(ws.dir);
  }
  const rust = lints.rust;
  if (rust === undefined) return undefined;
  if (!isTable(rust)) throw new ManifestError(`${where}: expected [lints.rust] to be a table`);
  const setting = rust.unsafe_code;
  if (setting === undefined) return undefined;
  const level = isTable(setting) ? setting.level : setting;
  if (typeof level !== 'string' || !(LINT_LEVELS as readonly string[]).includes(level))
    throw new ManifestError(
      `${where}: expected lints.rust.unsafe_code to be one of ${LINT_LEVELS.join(', ')}, got ${JSON.stringify(level)}`,
    );
  return level as LintLevel;
}

/** `[workspace] members` and `exclude`, or undefined when the manifest has no `[workspace]`. */
export function workspaceOf(manifest: Table, dir: string): { members: string[]; exclude: string[] } | undefined {
  const file = manifestPath(dir);
  if (manifest.workspace === undefined) return undefined;
  if (!isTable(manifest.workspace)) throw new ManifestError(`${file}: expected [workspace] to be a table`);
  const list = (key: string): string[] => {
    const value = (manifest.workspace as Table)[key];
    if (value === undefined) return [];
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
      throw new ManifestError(`${file}: expected workspace.${key} to be a list of paths`);
    return (value as string[])
      .map((v) => v.replace(/^\.\//, '').replace(/\/+$/, ''))
      .filter((v) => v !== '' && v !== '.');
  };
  return { members: list('members'), exclude: list('exclude') };
}
