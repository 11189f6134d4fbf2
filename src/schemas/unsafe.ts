/**
 * `data/unsafe.json`: unsafe Rust in every measured repository at the commit its entry
 * cites, counted on the syntax tree (`npm run unsafe`). Keyed by `owner/name`, as
 * `data/crates.json`.
 */
import { z } from 'astro/zod';
import { isoDateSchema, commitSchema } from './common.ts';
import { crateNameSchema, repoKeySchema } from './crates.ts';

const count = z.number().int().nonnegative();
const repoPath = z.string().min(1).max(500);

/** The five kinds of unsafe code the catalog counts. */
export const unsafeCountsSchema = z.strictObject({
  /** `unsafe { … }` blocks. */
  blocks: count,
  /** `unsafe fn` items, with or without a body. */
  functions: count,
  /** `unsafe impl` items. */
  impls: count,
  /** `unsafe trait` items. */
  traits: count,
  /** `extern` blocks (`extern "C" { … }`, `unsafe extern "C" { … }`). */
  externBlocks: count,
});
export type UnsafeCountsData = z.infer<typeof unsafeCountsSchema>;

export const unsafeRecordSchema = z.strictObject({
  /** The commit read (the one the entry's measurement cites). */
  commit: commitSchema,
  /** When `npm run unsafe` counted it. */
  counted: isoDateSchema,
  /** The grammar and its version, e.g. `tree-sitter-rust 0.24.0`. */
  grammar: z.string().min(1),
  /** Rust files parsed: the files the line counts count. */
  files: count,
  /** Their bytes. */
  bytes: count,
  unsafe: unsafeCountsSchema,
  /** `unsafe` tokens inside macro definitions and invocations (token trees the grammar does not parse): not in `unsafe`. */
  inMacros: count,
  /** Files with at least one of the five kinds. */
  filesWithUnsafe: count,
  /** Files the parser could not fit wholly to the grammar (counted as far as it could). */
  parseErrors: count,
  /** The files with the most unsafe code, most first (at most three). */
  hotspots: z.array(z.strictObject({ path: repoPath, unsafe: count.min(1) })).max(3),
  /** Crates of the workspaces whose root file was found and read. */
  crateRoots: count,
  /** Crates whose root file sets `#![forbid(unsafe_code)]` or `#![deny(unsafe_code)]`. */
  crates: z.array(
    z.strictObject({
      name: crateNameSchema,
      /** Directory of its Cargo.toml. */
      path: z.string(),
      /** The root file read. */
      root: repoPath,
      lint: z.enum(['forbid', 'deny']),
    }),
  ),
});
export type UnsafeRecord = z.infer<typeof unsafeRecordSchema>;

export const unsafeFileSchema = z.record(repoKeySchema, unsafeRecordSchema);
export type UnsafeFile = z.infer<typeof unsafeFileSchema>;
