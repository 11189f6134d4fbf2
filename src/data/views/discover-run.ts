/**
 * "How we looked": the last full run of `npm run discover`, shaped for the data-notes page.
 * Pure: takes the parsed data file.
 */
import type { DiscoverRun } from '../../schemas/discover-run.ts';

export interface DiscoverSummary {
  runDate: string;
  projects: number;
  /** Distinct repositories, by what happened to them. */
  measured: number;
  screened: number;
  notLookedAt: number;
  /** Projects whose measured repositories hold Rust, most Rust code lines first. */
  withRust: { project: string; entry?: string; codeLines: number; repos: number }[];
  minCodeLines: number;
}

export function summarizeDiscoverRun(run: DiscoverRun): DiscoverSummary {
  const byRepo = new Map<string, DiscoverRun['repositories'][number]>();
  for (const r of run.repositories) byRepo.set(r.repo.toLowerCase(), r);
  const states = [...byRepo.values()].map((r) => r.state);
  const projects = new Map<string, { project: string; entry?: string; codeLines: number; repos: number }>();
  for (const r of run.repositories) {
    const lines = r.state === 'measured' ? (r.measurement?.rustCodeLines ?? 0) : 0;
    if (lines === 0) continue;
    const p = projects.get(r.project) ?? { project: r.project, ...(r.entry ? { entry: r.entry } : {}), codeLines: 0, repos: 0 };
    p.codeLines += lines;
    p.repos++;
    projects.set(r.project, p);
  }
  return {
    runDate: run.runDate,
    projects: run.projects,
    measured: states.filter((s) => s === 'measured').length,
    screened: states.filter((s) => s === 'screened').length,
    notLookedAt: states.filter((s) => s === 'not-looked-at').length,
    withRust: [...projects.values()].sort((a, b) => b.codeLines - a.codeLines || a.project.localeCompare(b.project)),
    minCodeLines: run.rule.minCodeLines,
  };
}
