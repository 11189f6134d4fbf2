/**
 * `npm run history` without the command line: every entry's Rust repositories, counted at
 * yearly points and CNCF dates, into the records of `data/history.json`.
 */
import { existsSync } from 'node:fs';
import { MAX_DATA_BYTES, readBounded } from '../bounded.ts';
import { readProjectEntries } from '../entries.ts';
import { CNCF_EVENTS, historyFileSchema, type ProjectHistory, type RepoHistory } from '../../../src/schemas/history.ts';
import { IncompleteCopyError, type TreeCounter } from './counter.ts';
import { HistoryGitError, hasCommit, locateRepo } from './git.ts';
import { GitError } from '../git-objects.ts';
import { repoHistory } from './repo-history.ts';

export interface HistoryEntry {
  slug: string;
  dates: Partial<Record<(typeof CNCF_EVENTS)[number], string>>;
  repos: { repo: string; commit: string }[];
}

/** Every entry of `<content>/projects/` (validated), sorted by slug: the tools' one entry reader. */
export async function readEntries(contentDir: string): Promise<HistoryEntry[]> {
  return readProjectEntries(contentDir).map(({ slug, data: { dates, rustRepos } }) => ({
    slug,
    dates,
    repos: rustRepos.map((r) => ({ repo: r.repo, commit: r.measurement.commit })),
  }));
}

/** The records of an existing history file, or none when it is absent or no longer valid. */
export async function readPrevious(file: string): Promise<ProjectHistory[]> {
  if (!existsSync(file)) return [];
  const text = await readBounded(file, MAX_DATA_BYTES);
  try {
    const parsed = historyFileSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

export interface Gap {
  slug: string;
  repo: string;
  reason: string;
  /** Whether an earlier record at the same commit was kept in its place. */
  kept: boolean;
}

export interface HistoryRun {
  records: ProjectHistory[];
  gaps: Gap[];
  /** Repositories counted in this run. */
  repos: number;
}

const sameEvents = (r: RepoHistory, entry: HistoryEntry) =>
  JSON.stringify(r.events.map((e) => [e.event, e.date])) ===
  JSON.stringify(CNCF_EVENTS.filter((e) => entry.dates[e]).map((e) => [e, entry.dates[e]]));

export async function runHistory(options: {
  entries: HistoryEntry[];
  reposDir: string;
  counter: TreeCounter;
  previous?: ProjectHistory[];
  log?: (line: string) => void;
}): Promise<HistoryRun> {
  const { entries, reposDir, counter, previous = [], log = () => {} } = options;
  const gaps: Gap[] = [];
  const records: ProjectHistory[] = [];
  let repos = 0;
  for (const entry of entries) {
    const record: ProjectHistory = { id: entry.slug, repos: [] };
    for (const { repo, commit } of entry.repos) {
      const gitDir = locateRepo(reposDir, repo);
      const reason = !gitDir
        ? `no copy of ${repo} under ${reposDir}`
        : !(await hasCommit(gitDir, commit))
          ? `${repo} has no commit ${commit} (fetch it again)`
          : undefined;
      if (reason) {
        const old = previous
          .find((p) => p.id === entry.slug)
          ?.repos.find((r) => r.repo === repo && r.measuredCommit === commit && sameEvents(r, entry));
        if (old) record.repos.push(old);
        gaps.push({ slug: entry.slug, repo, reason, kept: old !== undefined });
        log(`${entry.slug}: ${reason}${old ? ' (kept the earlier history at the same commit)' : ''}`);
        continue;
      }
      const started = Date.now();
      let history;
      try {
        // The first Rust commit of a line never changes: an earlier record at the same commit knows it.
        const earlier = previous
          .find((p) => p.id === entry.slug)
          ?.repos.find((r) => r.repo === repo && r.measuredCommit === commit);
        const knownFirstRust = earlier
          ? earlier.firstRust && {
              commit: earlier.firstRust.commit,
              time: Date.parse(earlier.firstRust.commitDate) / 1000,
              date: earlier.firstRust.commitDate,
            }
          : undefined;
        history = await repoHistory({
          gitDir: gitDir!,
          repo,
          measuredCommit: commit,
          dates: entry.dates,
          counter,
          knownFirstRust,
        });
      } catch (error) {
        // One unreadable copy (missing blobs, a git failure) must not cost the other repositories.
        if (!(error instanceof IncompleteCopyError || error instanceof HistoryGitError || error instanceof GitError))
          throw error;
        const old = previous
          .find((p) => p.id === entry.slug)
          ?.repos.find((r) => r.repo === repo && r.measuredCommit === commit && sameEvents(r, entry));
        if (old) record.repos.push(old);
        gaps.push({ slug: entry.slug, repo, reason: error.message, kept: old !== undefined });
        log(`${entry.slug}: ${error.message}`);
        continue;
      }
      record.repos.push(history);
      repos++;
      log(
        `${entry.slug}: ${repo}, ${history.years.length} years from ${history.years[0].year}, ${history.events.length} CNCF dates (${((Date.now() - started) / 1000).toFixed(1)} s)`,
      );
    }
    records.push(record);
  }
  return { records: historyFileSchema.parse(records), gaps, repos };
}
