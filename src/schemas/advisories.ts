/**
 * `data/advisories.json`: the RustSec advisories that the lock files of every measured
 * repository resolve to, at the commit its entry cites (`npm run advisories -- --db <dir>`).
 * Only advisories that match somewhere are kept, with the advisory database's commit and date.
 */
import { z } from 'astro/zod';
import { commitSchema, isoDateSchema, isoDateTimeSchema } from './common.ts';
import { crateNameSchema, repoKeySchema } from './crates.ts';
import { unsafeCharacters } from './text-safety.ts';

const count = z.number().int().nonnegative();

/** Text from the database as the site shows it: one line, no control or invisible characters. */
const lineOfText = z
  .string()
  .min(1)
  .max(300)
  .refine((text) => !/[\r\n]/.test(text) && unsafeCharacters(text) === undefined, {
    error: 'expected one line of text without control, bidirectional or invisible characters',
  });

export const advisoryIdSchema = z
  .string()
  .regex(/^RUSTSEC-\d{4}-\d{4,}$/, { error: 'expected a RustSec id such as RUSTSEC-2023-0071' });

/**
 * What an advisory reports: a vulnerability, or one of the database's informational kinds
 * (`unsound`: a soundness bug; `unmaintained`: nobody maintains the crate; `notice`: anything else).
 */
export const ADVISORY_KINDS = ['vulnerability', 'unsound', 'unmaintained', 'notice'] as const;
export type AdvisoryKind = (typeof ADVISORY_KINDS)[number];

/** A version requirement as the database writes it (Cargo's syntax: `>= 1.2.3, < 1.3`, `^0.7`). */
const requirementSchema = z.string().min(1).max(200);

export const advisorySchema = z.strictObject({
  /** The crate it is about (a crates.io name). */
  package: crateNameSchema,
  /** When it was disclosed (the database's `date`). */
  date: isoDateSchema,
  kind: z.enum(ADVISORY_KINDS),
  /** The advisory's title, the first heading of its Markdown. */
  title: lineOfText,
  /** Other ids of the same issue (CVE, GHSA). */
  aliases: z.array(z.string().min(1).max(100)).optional(),
  /** Versions that have the fix; empty when there is none. */
  patched: z.array(requirementSchema),
  /** Versions that never had the problem. */
  unaffected: z.array(requirementSchema).optional(),
  /** Only these operating systems are affected (`[affected] os`). */
  os: z.array(z.string().min(1).max(40)).optional(),
  /** Only these CPU architectures are affected (`[affected] arch`). */
  arch: z.array(z.string().min(1).max(40)).optional(),
  /** How many functions `[affected.functions]` names as the affected code. */
  functions: count.optional(),
});
export type Advisory = z.infer<typeof advisorySchema>;

/** One locked package an advisory affects. */
export const advisoryMatchSchema = z.strictObject({
  advisory: advisoryIdSchema,
  /** The crate's name (the advisory's package). */
  crate: crateNameSchema,
  /** The version the lock file resolves. */
  version: z.string().min(1),
});
export type AdvisoryMatch = z.infer<typeof advisoryMatchSchema>;

/** One repository at the commit its entry cites. */
export const advisoryRepositorySchema = z.strictObject({
  commit: commitSchema,
  /** Every (advisory, locked version) pair, sorted by advisory then version. */
  matches: z.array(advisoryMatchSchema),
});
export type AdvisoryRepository = z.infer<typeof advisoryRepositorySchema>;

export const advisoryDatabaseSchema = z.strictObject({
  /** The GitHub repository of the database. */
  repository: repoKeySchema,
  /** The commit read. */
  commit: commitSchema,
  /** Its committer date: advisories published after it are not in this file. */
  commitDate: isoDateTimeSchema,
  /** When `npm run advisories` ran. */
  read: isoDateSchema,
  /** Crate advisories read from it (withdrawn ones included). */
  advisories: count,
  /** Of them, withdrawn, and so left out. */
  withdrawn: count,
});
export type AdvisoryDatabase = z.infer<typeof advisoryDatabaseSchema>;

export const advisoriesFileSchema = z.strictObject({
  database: advisoryDatabaseSchema,
  /** The advisories that match at least one repository, by id. */
  advisories: z.record(advisoryIdSchema, advisorySchema),
  /** Every measured repository, by `owner/name`, with what its lock files resolve to. */
  repositories: z.record(repoKeySchema, advisoryRepositorySchema),
});
export type AdvisoriesFile = z.infer<typeof advisoriesFileSchema>;
