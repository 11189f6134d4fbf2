/** One repository's history: select the commits, count each once, shape the record. */
import {
  CNCF_EVENTS,
  repoHistorySchema,
  type CncfEvent,
  type HistoryPoint,
  type RepoHistory,
} from '../../../src/schemas/history.ts';
import type { TreeCounter } from './counter.ts';
import { firstParentLog, firstRustCommit } from './git.ts';
import { selectPoints, type LogCommit } from './select.ts';

export interface RepoHistoryInput {
  gitDir: string;
  repo: string;
  measuredCommit: string;
  /** The entry's CNCF dates (`dates` of its frontmatter). */
  dates: Partial<Record<CncfEvent, string>>;
  counter: TreeCounter;
  /** The first Rust commit of this measured commit's line, when an earlier run found it (it cannot change). */
  knownFirstRust?: LogCommit | null;
}

export async function repoHistory(input: RepoHistoryInput): Promise<RepoHistory> {
  const { gitDir, repo, measuredCommit, dates, counter } = input;
  const log = await counter.remember(`log ${gitDir} ${measuredCommit}`, () => firstParentLog(gitDir, measuredCommit));
  const firstRust =
    input.knownFirstRust !== undefined
      ? input.knownFirstRust
      : await counter.remember(`first-rust ${gitDir} ${measuredCommit}`, () =>
          firstRustCommit(gitDir, measuredCommit, log),
        );
  const events = CNCF_EVENTS.filter((e) => dates[e]).map((event) => ({ event, date: dates[event]! }));
  const selection = selectPoints(log, { firstRust, events });
  // A commit can stand for several points (a year without commits, a CNCF date): count it once.
  const points = new Map<string, Promise<HistoryPoint>>();
  const pointAt = (c: LogCommit) => {
    let p = points.get(c.commit);
    if (!p) {
      p = counter.count(gitDir, c.commit).then((f) => ({ commit: c.commit, commitDate: c.date, ...f }));
      points.set(c.commit, p);
    }
    return p;
  };
  const years = [];
  for (const y of selection.years) years.push({ year: y.year, point: await pointAt(y.commit) });
  const eventPoints = [];
  for (const e of selection.events)
    eventPoints.push({ event: e.event, date: e.date, point: e.commit ? await pointAt(e.commit) : null });
  return repoHistorySchema.parse({
    repo,
    measuredCommit,
    firstRust: firstRust ? { commit: firstRust.commit, commitDate: firstRust.date } : null,
    years,
    events: eventPoints,
  });
}
