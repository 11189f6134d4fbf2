/**
 * `npm run advisories` without the command line: the advisories every entry's repositories
 * resolve to, from the crate records of `data/crates.json` (read at the commits the entries
 * cite) and an advisory database already read.
 */
import type { AdvisoriesFile, Advisory } from '../../../src/schemas/advisories.ts';
import type { CratesFile } from '../../../src/schemas/crates.ts';
import { UsageError } from '../cli.ts';
import { matchAdvisories } from './advisory.ts';
import type { AdvisoryDatabaseRead } from './database.ts';

export interface EntryRepos {
  slug: string;
  repos: readonly { repo: string; commit: string }[];
}

/** The repository name the file records for the database (the only format read is RustSec's). */
export const ADVISORY_DATABASE_REPO = 'rustsec/advisory-db';

/**
 * The whole file. Throws a UsageError naming every entry repository that `crates` has no
 * record of at the cited commit: the lock files must be read first (`npm run crates`).
 */
export function buildAdvisoriesFile(
  entries: readonly EntryRepos[],
  crates: Readonly<CratesFile>,
  database: AdvisoryDatabaseRead,
  today: string,
): AdvisoriesFile {
  const stale: string[] = [];
  const repositories: AdvisoriesFile['repositories'] = {};
  const matched = new Set<string>();
  for (const entry of entries)
    for (const { repo, commit } of entry.repos) {
      if (repositories[repo]) continue; // listed by two entries: matched once
      const record = crates[repo];
      if (!record || record.commit !== commit) {
        stale.push(
          `${repo} (${entry.slug}): ${record ? `data/crates.json read it at ${record.commit}, the entry cites ${commit}` : 'no record in data/crates.json'}`,
        );
        continue;
      }
      const matches = matchAdvisories(database.advisories, record.locked);
      matches.forEach((m) => matched.add(m.advisory));
      repositories[repo] = { commit, matches };
    }
  if (stale.length)
    throw new UsageError(
      `data/crates.json does not hold the cited commits; run \`npm run crates\` first:\n${stale.map((s) => `  ${s}`).join('\n')}`,
    );
  const advisories: Record<string, Advisory> = {};
  for (const { id, withdrawn: _withdrawn, ...advisory } of database.advisories)
    if (matched.has(id)) advisories[id] = advisory;
  return {
    database: {
      repository: ADVISORY_DATABASE_REPO,
      commit: database.commit,
      commitDate: database.commitDate,
      read: today,
      advisories: database.advisories.length,
      withdrawn: database.advisories.filter((a) => a.withdrawn).length,
    },
    advisories,
    repositories,
  };
}
