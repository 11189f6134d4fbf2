/**
 * Benchmark of `npm run history` on one repository (default: tikv/tikv, the catalog's largest),
 * all in one run: one snapshot counted cold; the whole history (yearly points and CNCF dates)
 * counted cold with the blob cache; the same history again with the cache warm; and, for
 * comparison, every point counted on its own with an empty cache (what it would cost without
 * the cache). Prints a Markdown table for BENCHMARKS.md.
 *
 *   npm run bench:history -- [--repo owner/name] [--repos <dir>] [--no-naive]
 *
 * --repos: the git copies, as for `npm run history` (default $CATALOG_REPOS, else `.repos/`).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createTreeCounter } from './lib/history/counter.ts';
import { locateRepo } from './lib/history/git.ts';
import { repoHistory } from './lib/history/repo-history.ts';
import { readEntries } from './lib/history/run.ts';
import { reposDir as resolveReposDir } from './lib/repos-dir.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    repo: { type: 'string', default: 'tikv/tikv' },
    repos: { type: 'string' },
    'no-naive': { type: 'boolean', default: false },
  },
});
const repo = values.repo!;
const reposDir = resolveReposDir(values.repos);
const gitDir = locateRepo(reposDir, repo);
if (!gitDir) {
  console.error(`bench:history: no copy of ${repo} under ${reposDir} (--repos)`);
  process.exit(2);
}
const entry = (await readEntries(path.join(root, 'content'))).find((e) => e.repos.some((r) => r.repo === repo));
if (!entry) {
  console.error(`bench:history: no entry lists ${repo}`);
  process.exit(2);
}
const measured = entry.repos.find((r) => r.repo === repo)!.commit;

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const started = performance.now();
  const value = await run();
  return { value, seconds: (performance.now() - started) / 1000 };
}

const snapshotCounter = await createTreeCounter();
const snapshot = await timed(() => snapshotCounter.count(gitDir, measured));
await snapshotCounter.flush();

const counter = await createTreeCounter();
const history = await timed(() => repoHistory({ gitDir, repo, measuredCommit: measured, dates: entry.dates, counter }));
const coldBlobs = counter.blobsRead;
const warm = await timed(() => repoHistory({ gitDir, repo, measuredCommit: measured, dates: entry.dates, counter }));
await counter.flush();

const commits = [
  ...new Set([
    ...history.value.years.map((y) => y.point.commit),
    ...history.value.events.flatMap((e) => (e.point ? [e.point.commit] : [])),
  ]),
];
let naive: { seconds: number; blobs: number } | undefined;
if (!values['no-naive']) {
  naive = { seconds: 0, blobs: 0 };
  for (const commit of commits) {
    const alone = await createTreeCounter();
    naive.seconds += (await timed(() => alone.count(gitDir, commit))).seconds;
    naive.blobs += alone.blobsRead;
    await alone.flush();
  }
}

const s = (n: number) => `${n.toFixed(1)} s`;
const x = (n: number) => `${(n / snapshot.seconds).toFixed(1)}×`;
const points = history.value.years.length + history.value.events.length;
console.log(
  `${repo} at ${measured.slice(0, 7)}: ${history.value.years.length} yearly points (${history.value.years[0].year}–${history.value.years.at(-1)!.year}) and ${history.value.events.length} CNCF dates, ${commits.length} distinct commits; ${snapshot.value.codeLines.toLocaleString('en-US')} Rust code lines at the measured commit.\n`,
);
console.log('| run | time | × one snapshot | Rust blobs read |');
console.log('|---|---:|---:|---:|');
console.log(
  `| one snapshot (measured commit), cold | ${s(snapshot.seconds)} | 1.0× | ${snapshotCounter.blobsRead.toLocaleString('en-US')} |`,
);
console.log(
  `| whole history (${points} points), cold, blob cache | ${s(history.seconds)} | ${x(history.seconds)} | ${coldBlobs.toLocaleString('en-US')} |`,
);
console.log(`| whole history again, cache warm | ${s(warm.seconds)} | ${x(warm.seconds)} | 0 |`);
if (naive)
  console.log(
    `| each of the ${commits.length} commits alone, no shared cache | ${s(naive.seconds)} | ${x(naive.seconds)} | ${naive.blobs.toLocaleString('en-US')} |`,
  );
