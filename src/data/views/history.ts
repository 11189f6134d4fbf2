/**
 * Rust through time, shaped for the pages from `data/history.json`: a project's yearly series
 * and CNCF moves, the sentence that tells it, and the catalog's totals by year. Pure.
 */
import { CNCF_EVENTS, type CncfEvent, type HistoryPoint, type ProjectHistory, type RepoHistory } from '../../schemas/history.ts';
import { formatDate, formatInt } from './format.ts';

export interface Figures {
  files: number;
  bytes: number;
  lines: number;
  codeLines: number;
}

const ZERO: Figures = { files: 0, bytes: 0, lines: 0, codeLines: 0 };
const add = (a: Figures, p: Figures | null | undefined): Figures =>
  p ? { files: a.files + p.files, bytes: a.bytes + p.bytes, lines: a.lines + p.lines, codeLines: a.codeLines + p.codeLines } : a;

/** A project's Rust at the end of one year, summed over its repositories. */
export interface YearFigures extends Figures {
  year: number;
  /** Repositories with Rust at that point. */
  reposWithRust: number;
}

/**
 * The point of one repository for a year: none before its history starts, its yearly point
 * inside it, and its last point (the measured commit) after it ends.
 */
export function repoPointInYear(repo: RepoHistory, year: number): HistoryPoint | undefined {
  const first = repo.years[0];
  if (!first || year < first.year) return undefined;
  return (repo.years.find((y) => y.year === year) ?? repo.years.at(-1)!).point;
}

/** The years a project's history covers: from its first repository's first year to the last's last. */
export function yearRange(repos: readonly RepoHistory[]): number[] {
  const firsts = repos.filter((r) => r.years.length).map((r) => r.years[0].year);
  const lasts = repos.filter((r) => r.years.length).map((r) => r.years.at(-1)!.year);
  if (!firsts.length) return [];
  const [from, to] = [Math.min(...firsts), Math.max(...lasts)];
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** A project's Rust by year, summed over its repositories. */
export function projectSeries(history: ProjectHistory): YearFigures[] {
  return yearRange(history.repos).map((year) => {
    const points = history.repos.map((r) => repoPointInYear(r, year));
    return { year, ...points.reduce(add, ZERO), reposWithRust: points.filter((p) => p && p.bytes > 0).length };
  });
}

/** One CNCF move of a project, with its repositories' Rust on that day. */
export interface EventFigures extends Figures {
  event: CncfEvent;
  date: string;
  /** Each repository's point; null when the repository had no commit yet. */
  repos: { repo: string; point: HistoryPoint | null }[];
}

/** The project's CNCF moves in order, each with the Rust its repositories had that day. */
export function projectEvents(history: ProjectHistory): EventFigures[] {
  return CNCF_EVENTS.flatMap((event) => {
    const found = history.repos.flatMap((r) => r.events.filter((e) => e.event === event).map((e) => ({ repo: r.repo, date: e.date, point: e.point })));
    if (!found.length) return [];
    return [{ event, date: found[0].date, ...found.map((f) => f.point).reduce(add, ZERO), repos: found.map(({ repo, point }) => ({ repo, point })) }];
  });
}

const yearOf = (date: string) => Number(date.slice(0, 4));
const lines = (n: number) => `${formatInt(n)} line${n === 1 ? '' : 's'} of Rust code`;

/**
 * One sentence telling a project's Rust over time, from the data: from what it had when it
 * joined the CNCF to its latest count. Undefined without history.
 */
export function historySentence(series: readonly YearFigures[], events: readonly EventFigures[], repoCount = 1): string | undefined {
  const last = series.at(-1);
  if (!last) return undefined;
  const [its, they] = repoCount > 1 ? ['Its repositories', 'they'] : ['Its repository', 'it'];
  const firstWithRust = series.find((y) => y.codeLines > 0);
  if (!firstWithRust)
    return `No Rust code was counted in ${its.toLowerCase()} ${series.length === 1 ? `in ${last.year}` : `at any point from ${series[0].year} to ${last.year}`}.`;
  const accepted = events.find((e) => e.event === 'accepted');
  const joined = accepted ? yearOf(accepted.date) : undefined;
  const to = (n: number) => (last.year === joined ? `${formatInt(n)} at the latest count, later that year` : `${formatInt(n)} in ${last.year}`);
  if (accepted && accepted.codeLines > 0) return `From ${lines(accepted.codeLines)} when it joined the CNCF in ${joined} to ${to(last.codeLines)}.`;
  if (!accepted) return series.length === 1 ? `${lines(last.codeLines)} in ${last.year}.` : `From ${lines(firstWithRust.codeLines)} in ${firstWithRust.year} to ${formatInt(last.codeLines)} in ${last.year}.`;
  // The day it joined and "by the end of" the year: a yearly point of the joining year is
  // later than the joining day, so "none in 2019: 5,037 lines in 2019" must not be read as both at once.
  const arrived = series.find((y) => y.year >= joined! && y.codeLines > 0) ?? firstWithRust;
  const none = `${its} had no Rust code when the project joined the CNCF on ${formatDate(accepted.date)}`;
  if (arrived.year === last.year) return `${none}; by ${last.year} ${they} had ${lines(last.codeLines)}.`;
  return `${none}; by the end of ${arrived.year} ${they} had ${lines(arrived.codeLines)}, and ${formatInt(last.codeLines)} in ${last.year}.`;
}

/** The catalog's Rust in one year. */
export interface CatalogYear {
  year: number;
  /** Projects whose repositories had Rust at that year's point. */
  projectsWithRust: number;
  /** Their Rust code lines. */
  codeLines: number;
  /** Of those projects, the ones accepted into the CNCF by the end of the year. */
  inCncf: number;
  /** Their Rust code lines. */
  inCncfCodeLines: number;
}

/**
 * Totals by year over every project's series: a project counts in a year when its
 * repositories had Rust at that year's point; after its last point its measured figures
 * stand (it is the latest count the catalog has).
 */
export function catalogByYear(projects: readonly { history: ProjectHistory; accepted: string }[]): CatalogYear[] {
  const all = projects.map((p) => ({ series: projectSeries(p.history), joined: yearOf(p.accepted) }));
  const years = all.flatMap((p) => p.series.map((y) => y.year));
  if (!years.length) return [];
  const [from, to] = [Math.min(...years), Math.max(...years)];
  return Array.from({ length: to - from + 1 }, (_, i) => from + i).map((year) => {
    const row: CatalogYear = { year, projectsWithRust: 0, codeLines: 0, inCncf: 0, inCncfCodeLines: 0 };
    for (const p of all) {
      const at = p.series.find((y) => y.year === year) ?? (p.series.length && year > p.series.at(-1)!.year ? p.series.at(-1) : undefined);
      if (!at || at.bytes === 0) continue;
      row.projectsWithRust++;
      row.codeLines += at.codeLines;
      if (p.joined <= year) {
        row.inCncf++;
        row.inCncfCodeLines += at.codeLines;
      }
    }
    return row;
  });
}

/** Entries whose Rust repositories lack a history at their measured commit, with what is missing. */
export function missingHistory(
  projects: readonly { slug: string; rustRepos: readonly { repo: string; measurement: { commit: string } }[] }[],
  histories: readonly ProjectHistory[],
): { slug: string; repo: string; reason: string }[] {
  return projects.flatMap((p) => {
    const history = histories.find((h) => h.id === p.slug);
    return p.rustRepos.flatMap(({ repo, measurement }) => {
      const found = history?.repos.find((r) => r.repo === repo);
      if (!found) return [{ slug: p.slug, repo, reason: 'no history' }];
      if (found.measuredCommit !== measurement.commit)
        return [{ slug: p.slug, repo, reason: `history ends at ${found.measuredCommit.slice(0, 7)}, the entry measures ${measurement.commit.slice(0, 7)}` }];
      return [];
    });
  });
}

/** A project's history as its page shows it. */
export interface ProjectTimeline {
  history: ProjectHistory;
  series: YearFigures[];
  events: EventFigures[];
  sentence: string | undefined;
}

/** Everything the pages need from the history data, computed once per build by the catalog. */
export function catalogHistory(
  projects: readonly { slug: string; dates: { accepted: string }; rustRepos: readonly { repo: string; measurement: { commit: string } }[] }[],
  histories: readonly ProjectHistory[],
) {
  const byProject = new Map<string, ProjectTimeline>();
  for (const p of projects) {
    const history = histories.find((h) => h.id === p.slug);
    if (!history) continue;
    const series = projectSeries(history);
    const events = projectEvents(history);
    byProject.set(p.slug, { history, series, events, sentence: historySentence(series, events, history.repos.length) });
  }
  const withHistory = projects.filter((p) => byProject.has(p.slug));
  return {
    byProject,
    byYear: catalogByYear(withHistory.map((p) => ({ history: byProject.get(p.slug)!.history, accepted: p.dates.accepted }))),
    missing: missingHistory(projects, histories),
  };
}
