/**
 * Rust through time: counts every entry's Rust repositories at the last commit of each year
 * (first-parent line of the measured commit) and at the entry's CNCF dates, into
 * data/history.json.
 *
 *   npm run history -- [--repos <dir>] [--content <dir>] [--out <file>] [--cache <dir>]
 *
 * --repos: a directory of git copies, `<owner>+<name>/repo` (bare or with .git), default
 * $CATALOG_REPOS, else `.repos/` in the repository (scripts/lib/repos-dir.ts). Counting is measure:rust's (scripts/lib/tree-count.ts); Rust
 * blob counts are cached by object id in the --cache file (default
 * node_modules/.cache/cncf-rust-catalog/blob-counts.txt, the format of measure:rust --cache),
 * across commits, repositories and runs.
 * A repository with no copy, without its measured commit or lacking blobs is listed; its earlier history at
 * the same commit is kept. Exit codes: 0 every repository has its history; 1 some have none
 * (the rest is written); 2 error (nothing written).
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runCli } from './lib/cli.ts';
import { reposDir as resolveReposDir } from './lib/repos-dir.ts';
import { createTreeCounter } from './lib/history/counter.ts';
import { readEntries, readPrevious, runHistory } from './lib/history/run.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      repos: { type: 'string' },
      content: { type: 'string' },
      out: { type: 'string' },
      cache: { type: 'string' },
    },
  });
  const reposDir = resolveReposDir(values.repos);
  const out = path.resolve(values.out ?? path.join(root, 'data', 'history.json'));
  const cacheFile = path.resolve(
    values.cache ?? path.join(root, 'node_modules', '.cache', 'cncf-rust-catalog', 'blob-counts.txt'),
  );
  const entries = await readEntries(path.resolve(values.content ?? path.join(root, 'content')));
  const counter = await createTreeCounter({ cacheFile });
  const incomplete = new Set<string>();
  counter.onIncomplete = (message) => incomplete.add(message.replace(/ at [0-9a-f]{7} /, ' '));
  const started = Date.now();
  let result;
  try {
    result = await runHistory({
      entries,
      reposDir,
      counter,
      previous: await readPrevious(out),
      log: (line) => console.error(line),
    });
  } finally {
    await counter.flush();
  }
  const { records, gaps, repos } = result;
  await writeFile(out, `${JSON.stringify(records, null, 1)}\n`);
  const points = records.reduce((n, r) => n + r.repos.reduce((m, h) => m + h.years.length + h.events.length, 0), 0);
  console.log(
    `history: ${repos} repositories counted, ${points} points in ${records.length} entries, ${counter.blobsRead} blobs read, ` +
      `${((Date.now() - started) / 1000).toFixed(1)} s → ${path.relative(process.cwd(), out) || out}`,
  );
  for (const message of incomplete) console.log(`note: ${message}`);
  if (gaps.length === 0) return 0;
  console.log(`\n${gaps.length} repositories without a new history:`);
  for (const g of gaps)
    console.log(`  ${g.slug}: ${g.reason}${g.kept ? ' (earlier history at the same commit kept)' : ' (no history)'}`);
  return 1;
}

runCli('history', main, import.meta);
