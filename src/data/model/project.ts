/**
 * The catalog's view of one entry: frontmatter with references flattened to ids and Rust
 * totals computed once. Pure, so unit tests can build projects from plain objects.
 */
import type { ProjectFrontmatter, RustRepo } from '../../schemas/project.ts';
import { shownProjectShare, type ShareCoverage } from '../rules/rust-share.ts';

/** An Astro reference (`{ collection, id }`) or the plain id scripts use. */
export type Ref = string | { id: string };

/** An entry's frontmatter as the content layer (references) or the scripts (plain ids) give it. */
export type ProjectData = Omit<ProjectFrontmatter, 'categories' | 'sources'> & { categories: Ref[]; sources: Ref[] };

export interface RustTotals {
  repos: number;
  files: number;
  bytes: number;
  lines: number;
  codeLines: number;
}

export interface CatalogProject extends Omit<ProjectData, 'categories' | 'sources'> {
  slug: string;
  categories: string[];
  sources: string[];
  totals: RustTotals;
  /**
   * Rust's percentage of the programming-language bytes of the project's code (`rustRepos`
   * and `otherRepos`); undefined with no Rust found, and when some known code is not
   * measured (`unmeasuredRepos`): then no share is shown, `shareCoverage` says why.
   */
  rustShare?: number;
  /** The repositories the share is computed over, and the project's code that is not measured. */
  shareCoverage: ShareCoverage;
  /** Counted in Rust totals: every project except `none-found`. */
  countsAsRust: boolean;
}

export const refId = (ref: Ref): string => (typeof ref === 'string' ? ref : ref.id);

export function rustTotals(repos: readonly RustRepo[]): RustTotals {
  return repos.reduce<RustTotals>(
    (sum, { measurement: m }) => ({
      repos: sum.repos + (m.files > 0 ? 1 : 0),
      files: sum.files + m.files,
      bytes: sum.bytes + m.bytes,
      lines: sum.lines + m.lines,
      codeLines: sum.codeLines + m.codeLines,
    }),
    { repos: 0, files: 0, bytes: 0, lines: 0, codeLines: 0 },
  );
}

export function toCatalogProject(slug: string, data: ProjectData): CatalogProject {
  return {
    ...data,
    slug,
    categories: data.categories.map(refId),
    sources: data.sources.map(refId),
    totals: rustTotals(data.rustRepos),
    rustShare: shownProjectShare(
      data.rustRepos.map((r) => r.measurement),
      (data.otherRepos ?? []).map((r) => r.measurement),
      data.unmeasuredRepos ?? [],
    ),
    shareCoverage: {
      measured: [...data.rustRepos, ...(data.otherRepos ?? [])].map((r) => r.repo),
      unmeasured: (data.unmeasuredRepos ?? []).map((r) => ({ repo: r.repo, reason: r.reason })),
    },
    countsAsRust: data.rustUsage !== 'none-found',
  };
}

/** Two names in alphabetical order, ignoring case and accents: the one name order of the site. */
export const compareNames = (a: string, b: string): number => a.localeCompare(b, 'en', { sensitivity: 'base' });

/** Alphabetical by name, case-insensitive, then slug: the one order lists use by default. */
export function byName(a: { name: string; slug: string }, b: { name: string; slug: string }): number {
  return compareNames(a.name, b.name) || a.slug.localeCompare(b.slug);
}

/** Newest and oldest commit dates among the measurements (other code included): the as-of range of the figures. */
export function measurementRange(projects: readonly CatalogProject[]): { oldest: string; newest: string } | undefined {
  const dates = projects
    .flatMap((p) => [...p.rustRepos, ...(p.otherRepos ?? [])].map((r) => r.measurement.commitDate.slice(0, 10)))
    .sort();
  return dates.length ? { oldest: dates[0], newest: dates[dates.length - 1] } : undefined;
}
