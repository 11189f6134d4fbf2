/**
 * The query module of the safety views: reads the `advisories` and `unsafe` collections once,
 * checks them against the entries (a record per listed repository, at the commit the entry
 * cites, and none for a repository no entry lists: otherwise the build fails), and shapes
 * what /safety/, the project pages and the exports show.
 */
import { getCollection } from 'astro:content';
import { catalog } from './catalog.ts';
import { crateCatalog } from './crates-catalog.ts';
import type { UnsafeFile } from '../schemas/unsafe.ts';
import {
  editionTotals,
  medianDensity,
  projectAdvisories,
  projectToolchains,
  projectUnsafe,
  rankAdvisories,
  safetyRecordProblems,
} from './views/safety.ts';

async function load() {
  const [{ projects }, { records: crates }, advisoryEntries, unsafeEntries] = await Promise.all([
    catalog(),
    crateCatalog(),
    getCollection('advisories'),
    getCollection('unsafe'),
  ]);
  const advisories = advisoryEntries.find((e) => e.id === 'rustsec')?.data;
  const unsafe: UnsafeFile = Object.fromEntries(unsafeEntries.map((e) => [e.id, e.data]));
  const problems = safetyRecordProblems(projects, advisories, unsafe);
  if (problems.length || !advisories)
    throw new Error(
      `data/advisories.json or data/unsafe.json does not match the entries; run \`npm run advisories -- --db <dir>\` and \`npm run unsafe -- --repos <dir>\` to regenerate them:\n${problems.map((p) => `  ${p}`).join('\n')}`,
    );
  const withRust = projects.filter((p) => p.rustRepos.length > 0);
  const perProject = withRust.map((p) => projectAdvisories(p, advisories, crates));
  const unsafeRows = withRust.map((p) => projectUnsafe(p, unsafe, crates));
  const toolchainRows = withRust.map((p) => projectToolchains(p, crates));
  const counted = unsafeEntries.map((e) => e.data.counted).sort();
  return {
    database: advisories.database,
    advisories,
    unsafe,
    crates,
    perProject,
    byProject: new Map(perProject.map((pa) => [pa.project.slug, pa])),
    ranked: rankAdvisories(perProject),
    unsafeRows,
    unsafeByProject: new Map(unsafeRows.map((u) => [u.project.slug, u])),
    medianDensity: medianDensity(unsafeRows),
    toolchainRows,
    toolchainsByProject: new Map(toolchainRows.map((t) => [t.project.slug, t])),
    editions: editionTotals(toolchainRows),
    /** Oldest and newest dates `npm run unsafe` counted the records. */
    unsafeCounted: counted.length ? { oldest: counted[0], newest: counted[counted.length - 1] } : undefined,
    grammar: [...new Set(unsafeEntries.map((e) => e.data.grammar))].sort().join(', '),
  };
}

let cached: ReturnType<typeof load> | undefined;

/** Every safety view, loaded and checked once per build. */
export function safetyCatalog() {
  cached ??= load();
  return cached;
}

export type SafetyCatalog = Awaited<ReturnType<typeof load>>;

/**
 * A project's safety figures, all three or none: its advisories, its unsafe code and its
 * editions and toolchains. A project page has a safety section exactly when this is defined.
 */
export async function projectSafety(slug: string) {
  const s = await safetyCatalog();
  const advisories = s.byProject.get(slug);
  const unsafe = s.unsafeByProject.get(slug);
  const toolchains = s.toolchainsByProject.get(slug);
  return advisories && unsafe && toolchains ? { catalog: s, advisories, unsafe, toolchains } : undefined;
}
