/**
 * Activity: when each repository last had a commit, as far as the catalog knows, and the one
 * rule that calls a project quiet. The date of a counted commit says how old a figure is, not
 * whether the project is alive; the last commit of the catalog's copy (`headDate`, recorded
 * when the copy was measured) and, where a discover run cloned the repository afresh, the
 * upstream's say that. Pure.
 */

/** A repository quiet this long before the catalog's copies were taken has gone quiet. */
export const QUIET_MONTHS = 12;

/** What activity needs of a measurement. */
export interface Dated {
  commitDate: string;
  headDate?: string;
}

/** The last commit the catalog knows of in a copy: its HEAD when measured, else the counted commit. */
export const lastCommitDate = (m: Dated): string => m.headDate ?? m.commitDate;

/** The calendar day of an ISO timestamp as written ("2026-08-21T11:03:02-04:00" → "2026-08-21"). */
const day = (iso: string) => iso.slice(0, 10);

/**
 * The day the catalog's copies stand for: the newest last commit among all of them (every
 * copy was taken at or after it). Undefined without measurements.
 */
export function copiesAsOf(measurements: readonly Dated[]): string | undefined {
  return measurements.map((m) => day(lastCommitDate(m))).sort().at(-1);
}

/** `asOf` minus whole calendar months, as YYYY-MM-DD (the 31st of a shorter month becomes its last day). */
export function monthsBefore(asOf: string, months: number): string {
  const [y, m, d] = asOf.slice(0, 10).split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 - months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last))).toISOString().slice(0, 10);
}

/**
 * The quiet rule, the only one on the site: a repository is quiet when its last commit is
 * more than `QUIET_MONTHS` months older than the day the catalog's copies stand for; a project
 * is quiet when every one of its measured repositories is.
 */
export function isQuiet(lastCommit: string, asOf: string, months = QUIET_MONTHS): boolean {
  return day(lastCommit) < monthsBefore(asOf, months);
}

/** The rule in words, for the data-notes page. */
export function quietRule(asOf: string | undefined, months = QUIET_MONTHS): string {
  const since = asOf ? ` (for these copies: no commit since ${monthsBefore(asOf, months)})` : '';
  return `A project is called quiet when none of the catalog's copies of its measured repositories has a commit in the ${months} months before the newest commit of any of the catalog's copies${since}. A copy can lag its upstream (each was taken on or after its own last commit, some long after), so quiet says what the catalog's copies show: a project quiet in them can be active upstream, and where a discover run read the upstream's last commit, the project page gives it.`;
}

export interface ProjectActivity {
  /** The newest last commit among the project's repositories (ISO timestamp). */
  lastCommit: string;
  /** Its repository. */
  repo: string;
  /** No repository of the project has a commit in the quiet window. */
  quiet: boolean;
}

/** A project's activity from its measured repositories; undefined when it has none. */
export function projectActivity(
  repos: readonly { repo: string; measurement: Dated }[],
  asOf: string,
  months = QUIET_MONTHS,
): ProjectActivity | undefined {
  const newest = [...repos].sort((a, b) =>
    Date.parse(lastCommitDate(b.measurement)) - Date.parse(lastCommitDate(a.measurement)),
  )[0];
  if (!newest) return undefined;
  const lastCommit = lastCommitDate(newest.measurement);
  return { lastCommit, repo: newest.repo, quiet: isQuiet(lastCommit, asOf, months) };
}

/** What a discover run knows of a repository's upstream: its newest commit on the day of the run. */
export interface Upstream {
  /** Committer date of the upstream's newest commit (ISO timestamp). */
  lastCommit: string;
  /** The day of the run that cloned it (YYYY-MM-DD). */
  checked: string;
}

/**
 * The upstream's last commit of each repository a discover run cloned afresh (`source:
 * "cloned"`), by owner/name in lower case. A repository measured from the local copy tells
 * nothing about upstream, so it is not in the map.
 */
export function upstreamFromRun(run: {
  runDate: string;
  repositories: readonly { repo: string; source?: unknown; measurement?: { commitDate: string } }[];
}): Map<string, Upstream> {
  const map = new Map<string, Upstream>();
  for (const r of run.repositories)
    if (r.source === 'cloned' && r.measurement)
      map.set(r.repo.toLowerCase(), { lastCommit: r.measurement.commitDate, checked: run.runDate });
  return map;
}
