/**
 * Which commits a repository's history is counted at: pure, over the first-parent log of the
 * measured commit (newest first), so every edge case is a unit test.
 */
import { isCommitHash } from '../../../src/schemas/common.ts';
import type { CncfEvent } from '../../../src/schemas/history.ts';

/** One commit of the first-parent line. */
export interface LogCommit {
  commit: string;
  /** Committer time, seconds since the epoch. */
  time: number;
  /** Committer date as git prints it (`%cI`). */
  date: string;
}

export interface Selection {
  /** One commit per year, oldest first; the last is the measured commit. */
  years: { year: number; commit: LogCommit }[];
  /** One entry per CNCF date given; null when no commit of the line is that old. */
  events: { event: CncfEvent; date: string; commit: LogCommit | null }[];
}

const utcYear = (time: number) => new Date(time * 1000).getUTCFullYear();
/** The last second of a year, UTC. */
const endOfYear = (year: number) => Date.UTC(year + 1, 0, 1) / 1000 - 1;
/** The last second of a `YYYY-MM-DD` day, UTC. */
export const endOfDay = (date: string) => Date.parse(`${date}T23:59:59Z`) / 1000;

/**
 * The newest commit of the line at or before `time`, walking back from the tip as
 * `git rev-list --first-parent --until` does (committer dates need not be monotonic).
 */
export function lastAtOrBefore(log: readonly LogCommit[], time: number): LogCommit | undefined {
  return log.find((c) => c.time <= time);
}

/**
 * Yearly points from the year of the first Rust commit (the measured year when there is none)
 * to the measured commit's year, whose point is the measured commit itself; and the commit
 * nearest each CNCF date, at or before the end of that day.
 */
export function selectPoints(
  log: readonly LogCommit[],
  options: { firstRust: LogCommit | null; events: readonly { event: CncfEvent; date: string }[] },
): Selection {
  const measured = log[0];
  if (!measured) throw new Error('expected the first-parent log of the measured commit, got no commits');
  const lastYear = utcYear(measured.time);
  const firstYear = Math.min(options.firstRust ? utcYear(options.firstRust.time) : lastYear, lastYear);
  const years: Selection['years'] = [];
  for (let year = firstYear; year < lastYear; year++) {
    const commit = lastAtOrBefore(log, endOfYear(year));
    // Only possible before the first commit of the line (a first Rust commit dated before its parents).
    if (commit) years.push({ year, commit });
  }
  years.push({ year: lastYear, commit: measured });
  const events = options.events.map(({ event, date }) => ({
    event,
    date,
    commit: lastAtOrBefore(log, endOfDay(date)) ?? null,
  }));
  return { years: fillGaps(years), events };
}

/** Years are consecutive: a year missing from the front (odd dates) takes the next year's commit. */
function fillGaps(years: Selection['years']): Selection['years'] {
  const out: Selection['years'] = [];
  for (const y of years) {
    const previous = out.at(-1);
    if (previous) for (let year = previous.year + 1; year < y.year; year++) out.push({ year, commit: previous.commit });
    out.push(y);
  }
  return out;
}

/** Parses `git log --format=%H%x09%ct%x09%cI` output. */
export function parseLog(text: string): LogCommit[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [commit, time, date] = line.split('\t');
      if (!isCommitHash(commit) || !/^\d+$/.test(time ?? '') || !date)
        throw new Error(`unexpected git log line: ${JSON.stringify(line)}`);
      return { commit, time: Number(time), date };
    });
}
