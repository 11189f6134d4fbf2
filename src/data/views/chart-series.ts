/**
 * What the charts plot, computed from the catalog's projects and groups (never typed).
 * Rust totals leave out `none-found` projects, as every other total on the site does.
 */
import type { Datum } from './charts.ts';
import type { Group } from './groups.ts';
import { compareNames, type CatalogProject } from '../model/project.ts';
import { routes } from '../site/paths.ts';

/** Largest first; equal values by label, so the order never depends on input order. */
export function byValueDescending(a: Datum, b: Datum): number {
  return b.value - a.value || compareNames(a.label, b.label) || a.key.localeCompare(b.key);
}

/** Lines of Rust per project, largest first, projects with no Rust found left out. */
export function rustLinesByProject(projects: readonly CatalogProject[]): Datum[] {
  return projects
    .filter((p) => p.countsAsRust)
    .map((p) => ({ key: p.slug, label: p.name, value: p.totals.lines, href: routes.project(p.slug) }))
    .sort(byValueDescending);
}

/** Code lines of Rust per project, largest first, toned by Rust usage; projects with no Rust found left out. */
export function codeLinesByProject(projects: readonly CatalogProject[]): Datum[] {
  return projects
    .filter((p) => p.countsAsRust)
    .map((p) => ({ key: p.slug, label: p.name, value: p.totals.codeLines, href: routes.project(p.slug), tone: p.rustUsage }))
    .sort(byValueDescending);
}

/**
 * Rust's share of each project's code (percent), largest first, toned by Rust usage: the
 * projects with Rust whose share is given (all their known code measured).
 */
export function rustShareByProject(projects: readonly CatalogProject[]): Datum[] {
  return projects
    .filter((p) => p.countsAsRust && p.rustShare !== undefined)
    .map((p) => ({ key: p.slug, label: p.name, value: Math.round(p.rustShare! * 10) / 10, href: routes.project(p.slug), tone: p.rustUsage }))
    .sort(byValueDescending);
}

/** The projects with Rust that have no share to draw: some of their code is not measured. */
export function shareNotGiven(projects: readonly CatalogProject[]): CatalogProject[] {
  return projects.filter((p) => p.countsAsRust && p.rustShare === undefined);
}

/**
 * Number of projects with Rust in each group, in the groups' own order (e.g. sandbox →
 * archived): the count every page prints. A group that holds only entries with no Rust found
 * (the "No Rust found" usage) has no bar; the page names those entries apart.
 */
export function projectsPerGroup(groups: readonly Group[], href: (id: string) => string, toned = false): Datum[] {
  return groups
    .filter((g) => g.projects.length === 0 || g.projects.some((p) => p.countsAsRust))
    .map((g) => ({
      key: g.term.id,
      label: g.term.name,
      value: g.projects.filter((p) => p.countsAsRust).length,
      href: href(g.term.id),
      ...(toned ? { tone: g.term.id } : {}),
    }));
}

/**
 * Code lines of Rust of the projects in each category, largest first. A project in two
 * categories counts in both, so the bars add up to more than the catalog's total.
 */
export function rustLinesByCategory(groups: readonly Group[]): Datum[] {
  return groups
    .map((g) => ({
      key: g.term.id,
      label: g.term.name,
      value: g.projects.filter((p) => p.countsAsRust).reduce((sum, p) => sum + p.totals.codeLines, 0),
      href: routes.category(g.term.id),
    }))
    .sort(byValueDescending);
}
