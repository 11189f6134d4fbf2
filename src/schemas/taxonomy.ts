import { z } from 'astro/zod';
import { lineSchema, slugSchema } from './common.ts';

/** CNCF maturity levels, in the order a project moves through them. */
export const MATURITY_LEVELS = ['sandbox', 'incubating', 'graduated', 'archived'] as const;
export type Maturity = (typeof MATURITY_LEVELS)[number];
export const maturitySchema = z.enum(MATURITY_LEVELS, {
  error: `expected one of ${MATURITY_LEVELS.join(', ')}`,
});

/** How much of a project is Rust, from most to least. */
export const RUST_USAGES = ['pure', 'component', 'sdk', 'none-found'] as const;
export type RustUsage = (typeof RUST_USAGES)[number];
export const rustUsageSchema = z.enum(RUST_USAGES, {
  error: `expected one of ${RUST_USAGES.join(', ')}`,
});

/**
 * What a measured repository's Rust is for its project: `main` deliverable, a shipped
 * `component`, an `sdk` for users, or `tooling` that is not shipped (tests, examples, tools).
 */
export const REPO_KINDS = ['main', 'component', 'sdk', 'tooling'] as const;
export type RepoKind = (typeof REPO_KINDS)[number];

/** One entry of `content/categories.yaml`: what a group of projects does. */
export const categorySchema = z.strictObject({
  /** URL slug and the value entries use in `categories`. */
  id: slugSchema,
  /** Display name, e.g. "Service mesh". */
  name: lineSchema('a category name', 60),
  /** One or two sentences saying what belongs in the category. */
  description: lineSchema('a description', 400),
});
export type Category = z.infer<typeof categorySchema>;

/** One entry of `content/maturity.yaml` or `content/rust-usage.yaml`: a defined term. */
export const termSchema = <T extends readonly [string, ...string[]]>(ids: T) =>
  z.strictObject({
    /** The term's value as used in entries. */
    id: z.enum(ids, { error: `expected one of ${ids.join(', ')}` }),
    /** Display name. */
    name: lineSchema('a name', 40),
    /** The definition shown on the site. */
    description: lineSchema('a definition', 600),
  });
