/**
 * "How we looked": the last full run of `npm run discover`, shaped for the data-notes page.
 * Pure: takes the parsed data file.
 */
import type { DiscoverRun } from '../../schemas/discover-run.ts';

export interface DiscoverSummary {
  runDate: string;
  projects: number;
  /** Organisations screened, and how many of them some source listed. */
  organisations: number;
  organisationsListed: number;
  /** Distinct repositories in the run. */
  repositories: number;
  /** Distinct repositories, by what happened to them. */
  measured: number;
  screened: number;
  notLookedAt: number;
  /** Repositories of the organisations that are not the project's code (forks, mirrors, archived). */
  notProjectCode: number;
  /** How the organisations were listed, and the dates of the file listings. */
  listingVia: string[];
  listingDates?: { first: string; last: string };
  /** Projects whose measured repositories hold Rust, most Rust code lines first. */
  withRust: { project: string; entry?: string; codeLines: number; repos: number }[];
  /** Projects with Rust and neither an entry nor a written reason, or a stale class: the run's open decisions. */
  undecided: string[];
  minCodeLines: number;
}

export function summarizeDiscoverRun(run: DiscoverRun): DiscoverSummary {
  const byRepo = new Map<string, DiscoverRun['repositories'][number]>();
  for (const r of run.repositories) {
    const key = r.repo.toLowerCase();
    // A repository that is one project's code counts as such, whichever project listed it first.
    if (!byRepo.has(key) || (byRepo.get(key)!.notProjectCode && !r.notProjectCode)) byRepo.set(key, r);
  }
  const distinct = [...byRepo.values()];
  const projects = new Map<string, { project: string; entry?: string; codeLines: number; repos: number }>();
  for (const r of run.repositories) {
    const lines = r.state === 'measured' && !r.notProjectCode ? (r.measurement?.rustCodeLines ?? 0) : 0;
    if (lines === 0) continue;
    const p = projects.get(r.project) ?? {
      project: r.project,
      ...(r.entry ? { entry: r.entry } : {}),
      codeLines: 0,
      repos: 0,
    };
    p.codeLines += lines;
    p.repos++;
    projects.set(r.project, p);
  }
  const report = run.report ?? {};
  const undecided = [
    ...new Set(
      [report.missingEntries, report.belowRule, report.unmeasuredRust, report.staleEntries].flatMap(
        (list) => list?.map((x) => x.name) ?? [],
      ),
    ),
  ].sort((a, b) => a.localeCompare(b));
  const sources = new Set((run.organisations ?? []).flatMap((o) => o.sources.map((s) => s.replace(/ \(.*$/, ''))));
  return {
    runDate: run.runDate,
    projects: run.projects,
    organisations: run.organisations?.length ?? 0,
    organisationsListed: run.organisations?.filter((o) => o.listed !== null).length ?? 0,
    repositories: distinct.length,
    measured: distinct.filter((r) => r.state === 'measured').length,
    screened: distinct.filter((r) => r.state === 'screened').length,
    notLookedAt: distinct.filter((r) => r.state === 'not-looked-at').length,
    notProjectCode: distinct.filter((r) => r.notProjectCode).length,
    listingVia: [...new Set([...(run.listing?.via ?? []), ...[...sources].filter((s) => s !== 'file listing')])].sort(),
    ...(run.listing?.checkedAt ? { listingDates: run.listing.checkedAt } : {}),
    withRust: [...projects.values()].sort((a, b) => b.codeLines - a.codeLines || a.project.localeCompare(b.project)),
    undecided,
    minCodeLines: run.rule.minCodeLines,
  };
}
