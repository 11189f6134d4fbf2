/**
 * `data/crates.json`: the Cargo workspaces of every measured repository, read from its
 * `Cargo.toml` and `Cargo.lock` files at the commit its entry cites (`npm run crates`).
 * The file is an object keyed by repository (`owner/name`, as in the entries' `rustRepos`).
 */
import { z } from 'astro/zod';
import { commitSchema, isoDateSchema } from './common.ts';

/** A crate name as Cargo accepts it (crates.io names are ASCII letters, digits, `-` and `_`). */
export const crateNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, { error: 'expected a crate name (letters, digits, - and _)' });

/** A repository-relative directory, `''` for the repository's top. */
const dirSchema = z.string().regex(/^(?:[^/\0]+(?:\/[^/\0]+)*)?$/, {
  error: 'expected a repository-relative directory without leading or trailing slash',
});

export const DEPENDENCY_KINDS = ['normal', 'dev', 'build'] as const;

/** The levels a lint can be set to, strictest first. */
export const LINT_LEVELS = ['forbid', 'deny', 'warn', 'allow'] as const;
export const DEPENDENCY_SOURCES = ['registry', 'git', 'path'] as const;

/** One dependency as a manifest declares it. */
export const dependencySchema = z.strictObject({
  /** The crate depended on (its `package =` name when renamed). */
  name: crateNameSchema,
  /** The key in the manifest when it differs from the crate's name (`foo = { package = "bar" }`). */
  alias: crateNameSchema.optional(),
  /** `[dependencies]`, `[dev-dependencies]` or `[build-dependencies]`. */
  kind: z.enum(DEPENDENCY_KINDS),
  /** The `cfg(...)` or target triple of a `[target.<spec>.*]` table, when the dependency is target-specific. */
  target: z.string().min(1).optional(),
  /** Where it comes from: a registry (crates.io unless `registry` says otherwise), a git repository, or a path in the repository. */
  source: z.enum(DEPENDENCY_SOURCES),
  /** The version requirement, when one is given. */
  req: z.string().min(1).optional(),
  /** The git URL of a git dependency. */
  git: z.string().min(1).optional(),
  /** The named registry of a registry dependency that is not crates.io. */
  registry: z.string().min(1).optional(),
  /** The repository-relative directory of a path dependency. */
  path: dirSchema.optional(),
  /** Declared `optional = true` (behind a feature). */
  optional: z.boolean().optional(),
  /** Inherited from `[workspace.dependencies]` (`workspace = true`). */
  workspace: z.boolean().optional(),
});
export type Dependency = z.infer<typeof dependencySchema>;

/** One crate (package) of a workspace. */
export const workspaceCrateSchema = z.strictObject({
  name: crateNameSchema,
  /** `package.version`, resolved from `[workspace.package]` when inherited; absent when the manifest has none. */
  version: z.string().min(1).optional(),
  /** Directory of its `Cargo.toml`, relative to the repository. */
  path: dirSchema,
  /** False when the manifest says `publish = false` or `publish = []`: not meant for a registry. */
  publish: z.boolean(),
  /** `package.edition` (from `[workspace.package]` when inherited); absent when the manifest sets none (Cargo then uses 2015). */
  edition: z
    .string()
    .regex(/^\d{4}$/, { error: 'expected an edition year such as 2021' })
    .optional(),
  /** `package.rust-version`, the oldest compiler the crate says it builds with (from `[workspace.package]` when inherited). */
  rustVersion: z
    .string()
    .regex(/^\d+(?:\.\d+){0,2}$/, { error: 'expected a Rust version such as 1.70' })
    .optional(),
  /** The level `[lints.rust] unsafe_code` sets (from `[workspace.lints.rust]` when `lints.workspace = true`). */
  unsafeCodeLint: z.enum(LINT_LEVELS).optional(),
  /** Its direct dependencies, in manifest order (normal, then build, then dev; target tables after each). */
  dependencies: z.array(dependencySchema),
});
export type WorkspaceCrate = z.infer<typeof workspaceCrateSchema>;

/** A package resolved in a `Cargo.lock` that comes from outside the repository. */
export const lockedPackageSchema = z.strictObject({
  name: crateNameSchema,
  version: z.string().min(1),
  /** A registry (crates.io or another) or a git repository. */
  source: z.enum(['registry', 'git']),
  /** The index URL of a registry that is not crates.io; absent for crates.io and for git. */
  registry: z.string().min(1).optional(),
});
export type LockedPackage = z.infer<typeof lockedPackageSchema>;

/** One Cargo workspace (or lone package) found in the repository. */
export const workspaceSchema = z.strictObject({
  /** Directory of its top `Cargo.toml`, `''` for the repository's top. */
  root: dirSchema,
  /** Its `Cargo.lock`, when the repository commits one. */
  lock: z.strictObject({ path: z.string().min(1), version: z.number().int().min(1).max(4) }).optional(),
  /**
   * The `rust-toolchain.toml` or `rust-toolchain` file rustup finds for it (in its directory or
   * the nearest one above), with the channel it pins (`1.80.0`, `stable`, `nightly-2024-05-01`);
   * no channel when the file names only components or targets.
   */
  toolchain: z.strictObject({ path: z.string().min(1), channel: z.string().min(1).optional() }).optional(),
});

export type Workspace = z.infer<typeof workspaceSchema>;

/** The crates of one repository at one commit. */
export const crateRecordSchema = z.strictObject({
  /** The commit the manifests were read at (the one the entry's measurement cites). */
  commit: commitSchema,
  /** When `npm run crates` read it. */
  extracted: isoDateSchema,
  /** The workspaces read; empty when the repository has no Cargo manifest the tool reads. */
  workspaces: z.array(workspaceSchema),
  /** Every crate of those workspaces, sorted by name. */
  crates: z.array(workspaceCrateSchema),
  /** Every package the lock files resolve from outside the repository, sorted by name and version. */
  locked: z.array(lockedPackageSchema),
  /** What the tool noticed: manifests skipped, members not found, a commit not in the copy. */
  notes: z.array(z.string().min(1)).optional(),
});
export type CrateRecord = z.infer<typeof crateRecordSchema>;

/** A GitHub `owner/name`, the key of each record. */
export const repoKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, { error: 'expected a GitHub repository as owner/name' });

/** The whole of `data/crates.json`. */
export const cratesFileSchema = z.record(repoKeySchema, crateRecordSchema);
export type CratesFile = z.infer<typeof cratesFileSchema>;
