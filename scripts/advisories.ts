/**
 * Regenerate `data/advisories.json`: the RustSec advisories the `Cargo.lock` packages of
 * every entry's repositories resolve to, at the commits the entries cite.
 *
 *   npm run advisories -- --db <dir> [--rev <rev>] [--content <dir>] [--crates <file>] [--out <file>]
 *
 * --db: a copy of rustsec/advisory-db (bare, or a checkout), read from git objects at --rev
 * (default HEAD); its commit and date go into the file. The locked packages come from
 * `data/crates.json` (`npm run crates`), which must hold every entry's repository at the
 * cited commit. Nothing is fetched. Exit codes: 0 written; 2 usage or input error (nothing
 * written).
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runCli, shown, UsageError } from './lib/cli.ts';
import { parseCratesFile } from './lib/crates/crates-file.ts';
import { openRepository } from './lib/git-objects.ts';
import { readEntries } from './lib/history/run.ts';
import { readAdvisoryDatabase } from './lib/advisories/database.ts';
import { buildAdvisoriesFile } from './lib/advisories/run.ts';
import { keepReadDate, parseAdvisoriesFile, serializeAdvisoriesFile } from './lib/advisories/advisories-file.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const USAGE =
  'usage: npm run advisories -- --db <advisory-db copy> [--rev <rev>] [--content <dir>] [--crates <file>] [--out <file>]';

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string' },
      rev: { type: 'string' },
      content: { type: 'string' },
      crates: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.db) throw new UsageError(`--db is required (a copy of rustsec/advisory-db)\n${USAGE}`);
  const dbDir = path.resolve(values.db);
  if (!existsSync(dbDir)) throw new UsageError(`no directory at ${dbDir}`);
  const cratesFile = path.resolve(values.crates ?? path.join(root, 'data', 'crates.json'));
  const out = path.resolve(values.out ?? path.join(root, 'data', 'advisories.json'));
  const entries = await readEntries(path.resolve(values.content ?? path.join(root, 'content')));
  const crates = parseCratesFile(shown(cratesFile), await readFile(cratesFile, 'utf8'));
  const { gitDir } = await openRepository(dbDir);
  const database = await readAdvisoryDatabase(gitDir, values.rev);
  const previous = existsSync(out) ? parseAdvisoriesFile(shown(out), await readFile(out, 'utf8')) : undefined;
  const file = keepReadDate(
    buildAdvisoriesFile(entries, crates, database, new Date().toISOString().slice(0, 10)),
    previous,
  );
  await writeFile(out, serializeAdvisoriesFile(file));

  const repos = Object.entries(file.repositories);
  const touched = repos.filter(([, r]) => r.matches.length > 0);
  const pairs = repos.reduce((n, [, r]) => n + r.matches.length, 0);
  console.log(
    `Advisory database ${file.database.commit.slice(0, 12)} of ${file.database.commitDate.slice(0, 10)}: ${file.database.advisories} crate advisories, ${file.database.withdrawn} withdrawn (left out)`,
  );
  for (const [repo, r] of touched)
    console.log(`  ${repo}: ${r.matches.length} (${new Set(r.matches.map((m) => m.advisory)).size} advisories)`);
  console.log(
    `\nWrote ${shown(out)}: ${Object.keys(file.advisories).length} advisories, ${pairs} matches in ${touched.length} of ${repos.length} repositories`,
  );
  return 0;
}

runCli('advisories', main);
