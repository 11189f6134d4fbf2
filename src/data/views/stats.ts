/** Headline figures of the catalog, computed from the projects (never typed). */
import { MATURITY_LEVELS, RUST_USAGES, type Maturity, type RustUsage } from '../../schemas/taxonomy.ts';
import type { CatalogProject, RustTotals } from '../model/project.ts';

export interface CatalogStats {
  projects: number;
  rustProjects: number;
  /** Measured repositories of every entry, none-found ones and the code without Rust (`otherRepos`) included. */
  repositories: number;
  byMaturity: Record<Maturity, number>;
  byUsage: Record<RustUsage, number>;
  /** Projects that count as Rust per maturity level: adds up to `rustProjects`. */
  rustByMaturity: Record<Maturity, number>;
  /** Sum over projects that count as Rust (none-found excluded). */
  totals: RustTotals;
}

function countBy<K extends string>(keys: readonly K[], values: readonly K[]): Record<K, number> {
  const counts = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const v of values) counts[v] += 1;
  return counts;
}

export function sumTotals(projects: readonly CatalogProject[]): RustTotals {
  return projects.reduce<RustTotals>(
    (s, p) => ({
      repos: s.repos + p.totals.repos,
      files: s.files + p.totals.files,
      bytes: s.bytes + p.totals.bytes,
      lines: s.lines + p.totals.lines,
      codeLines: s.codeLines + p.totals.codeLines,
    }),
    { repos: 0, files: 0, bytes: 0, lines: 0, codeLines: 0 },
  );
}

export function catalogStats(projects: readonly CatalogProject[]): CatalogStats {
  const rust = projects.filter((p) => p.countsAsRust);
  return {
    projects: projects.length,
    rustProjects: rust.length,
    repositories: projects.reduce((n, p) => n + p.rustRepos.length + (p.otherRepos?.length ?? 0), 0),
    byMaturity: countBy(MATURITY_LEVELS, projects.map((p) => p.maturity)),
    byUsage: countBy(RUST_USAGES, projects.map((p) => p.rustUsage)),
    rustByMaturity: countBy(MATURITY_LEVELS, rust.map((p) => p.maturity)),
    totals: sumTotals(rust),
  };
}
