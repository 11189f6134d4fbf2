/** Orders of projects by their Rust, for the home page's list and the charts. */
import type { CatalogProject } from '../model/project.ts';

/** Most code lines first; equal counts by name, so the order never depends on input order. */
export function byCodeLinesDescending(a: CatalogProject, b: CatalogProject): number {
  return b.totals.codeLines - a.totals.codeLines || a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || a.slug.localeCompare(b.slug);
}

/** The `count` projects with the most Rust code lines, projects with no Rust found left out. */
export function mostRust(projects: readonly CatalogProject[], count: number): CatalogProject[] {
  return projects.filter((p) => p.countsAsRust).sort(byCodeLinesDescending).slice(0, count);
}
