import { defineCollection, reference } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { makeProjectSchema } from './schemas/project.ts';
import { MATURITY_LEVELS, RUST_USAGES, categorySchema, termSchema } from './schemas/taxonomy.ts';
import { sourceSchema } from './schemas/source.ts';
import { crateRecordSchema } from './schemas/crates.ts';
import { advisoriesFileSchema } from './schemas/advisories.ts';
import { unsafeRecordSchema } from './schemas/unsafe.ts';
import { projectHistorySchema } from './schemas/history.ts';
import { ENTRIES_BASE, ENTRY_GLOB } from './schemas/entry-files.ts';
import { leftOutSchema } from './schemas/left-out.ts';

const projects = defineCollection({
  loader: glob({ base: ENTRIES_BASE, pattern: ENTRY_GLOB }),
  schema: makeProjectSchema(reference('categories'), reference('sources')),
});

const categories = defineCollection({
  loader: file('./content/categories.yaml'),
  schema: categorySchema,
});

const sources = defineCollection({
  loader: file('./content/sources.yaml'),
  schema: sourceSchema,
});

const leftOut = defineCollection({
  loader: file('./content/left-out.yaml'),
  schema: leftOutSchema,
});

const maturity = defineCollection({
  loader: file('./content/maturity.yaml'),
  schema: termSchema(MATURITY_LEVELS),
});

const rustUsage = defineCollection({
  loader: file('./content/rust-usage.yaml'),
  schema: termSchema(RUST_USAGES),
});

/** Rust through time (`npm run history`): one record per entry. */
const history = defineCollection({
  loader: file('./data/history.json'),
  schema: projectHistorySchema,
});

/** Cargo workspaces of every measured repository (`npm run crates`), keyed by owner/name. */
const crates = defineCollection({
  loader: file('./data/crates.json'),
  schema: crateRecordSchema,
});

/**
 * RustSec advisories matched against the lock files (`npm run advisories`): the file is one
 * document (the database read, the advisories, the repositories), loaded as one entry.
 */
const advisories = defineCollection({
  loader: file('./data/advisories.json', {
    parser: (text) => ({ rustsec: JSON.parse(text) as Record<string, unknown> }),
  }),
  schema: advisoriesFileSchema,
});

/** Unsafe code of every measured repository (`npm run unsafe`), keyed by owner/name. */
const unsafe = defineCollection({
  loader: file('./data/unsafe.json'),
  schema: unsafeRecordSchema,
});

export const collections = {
  projects,
  categories,
  sources,
  leftOut,
  maturity,
  rustUsage,
  history,
  crates,
  advisories,
  unsafe,
};
