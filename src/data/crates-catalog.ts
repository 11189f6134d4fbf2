/**
 * The query module of the crate views: reads the `crates` collection once, checks it against
 * the entries (a record per listed repository, at the commit the entry cites, and none for a
 * repository no entry lists: otherwise the build fails), and shapes what the pages show.
 */
import { getCollection } from 'astro:content';
import { catalog, type CatalogProject } from './catalog.ts';
import type { CratesFile } from '../schemas/crates.ts';
import { CRATE_PAGE_MIN_PROJECTS, builtWith, cratesWithPages, crateRecordProblems, extractionRange, projectCrates, sharedCrates } from './views/crates.ts';

async function load() {
  const [{ projects }, entries] = await Promise.all([catalog(), getCollection('crates')]);
  const records: CratesFile = Object.fromEntries(entries.map((e) => [e.id, e.data]));
  const problems = crateRecordProblems(projects, records);
  if (problems.length)
    throw new Error(`data/crates.json does not match the entries; run \`npm run crates\` to regenerate it:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  const perProject = projects.map((p) => projectCrates(p, records));
  const shared = sharedCrates(perProject);
  const withPages = cratesWithPages(shared, CRATE_PAGE_MIN_PROJECTS);
  const pageNames = new Set(withPages.map((s) => s.name));
  return {
    records,
    perProject,
    byProject: new Map(perProject.map((pc) => [pc.project.slug, pc])),
    /** Projects with at least one workspace read. */
    extractedProjects: perProject.filter((pc) => pc.extracted.length > 0),
    repositories: { all: Object.keys(records).length, read: Object.values(records).filter((r) => r.workspaces.length > 0).length },
    shared,
    withPages,
    /** The same, by name: the index of crate pages. */
    pagesByName: [...withPages].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    hasPage: (name: string) => pageNames.has(name),
    builtWith: builtWith(perProject),
    extracted: extractionRange(records),
  };
}

let cached: ReturnType<typeof load> | undefined;

/** Every crate view, loaded and checked once per build. */
export function crateCatalog() {
  cached ??= load();
  return cached;
}

export type CrateCatalog = Awaited<ReturnType<typeof load>>;
export type { CatalogProject };
export { CRATE_PAGE_MIN_PROJECTS };
