/**
 * Taxonomy pages: turn projects into ordered `{ key, label, description, projects }` groups,
 * one per term, that feed `getStaticPaths` and the index pages.
 */
import { byName, compareNames, type CatalogProject } from '../model/project.ts';

export interface Term {
  id: string;
  name: string;
  description: string;
}

export interface Group<T extends Term = Term> {
  term: T;
  projects: CatalogProject[];
}

/**
 * One group per term, in the terms' order, each with the projects whose `keysOf` includes the
 * term's id, sorted by name. Terms with no project are kept (their page says so).
 */
export function groupProjects<T extends Term>(
  terms: readonly T[],
  projects: readonly CatalogProject[],
  keysOf: (p: CatalogProject) => readonly string[],
): Group<T>[] {
  return terms.map((term) => ({
    term,
    projects: projects.filter((p) => keysOf(p).includes(term.id)).sort(byName),
  }));
}

/** Terms sorted by name, for taxonomies that have no natural order (categories). */
export function sortTermsByName<T extends Term>(terms: readonly T[]): T[] {
  return [...terms].sort((a, b) => compareNames(a.name, b.name) || a.id.localeCompare(b.id));
}
