/**
 * Benchmark of `npm run history` on one repository (default: tikv/tikv, the catalog's largest),
 * all in one run, repeated (--runs, default 3) and reported as medians:
 *
 * - the git floor of one snapshot: `git ls-tree -r` of the measured commit, its `.rs` blobs
 *   through `git cat-file --batch`, newlines counted by `wc -l`;
 * - one snapshot counted cold (a new counter: no blob or tree cache);
 * - the git floor of the history: `ls-tree -r` of every point and every distinct `.rs` blob of
 *   them through `cat-file --batch` once;
 * - the whole history (yearly points and CNCF dates) counted cold, with one counter;
 * - the same history again with that counter (warm: blob counts and tree figures in memory);
 * - a rerun as `npm run history` does it: a new counter with the blob counts from the cache
 *   file the cold run wrote and the first Rust commit from the earlier record (trees walked again);
 * - with --naive, every point counted alone with an empty cache (what history would cost without caches).
 *
 * Wall clock and CPU (this process and its git children, from /proc) for each; prints a Markdown
 * table for BENCHMARKS.md with the machine's load.
 *
 *   npm run bench:history -- [--repo owner/name] [--repos <dir>] [--runs 3] [--naive]
 *
 * --repos: the git copies, as for `npm run history` (default $CATALOG_REPOS, else `.repos/`).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
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
    runs: { type: 'string', default: '3' },
    naive: { type: 'boolean', default: false },
  },
});
const repo = values.repo!;
const runs = Math.max(1, Number(values.runs));
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

/** CPU seconds (user + system) of this process and its reaped children, from /proc. */
function cpuSeconds(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  // utime, stime, cutime, cstime are fields 14–17 of stat(5); here offset by the two skipped.
  const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
  return ticks / 100;
}

interface Timing {
  wall: number;
  cpu: number;
}
async function timed<T>(run: () => Promise<T>): Promise<{ value: T } & Timing> {
  const c0 = cpuSeconds();
  const started = performance.now();
  const value = await run();
  return { value, wall: (performance.now() - started) / 1000, cpu: cpuSeconds() - c0 };
}

/** Runs a shell pipeline (the git floors); its CPU is counted as a reaped child's. */
function shell(script: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', script], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`floor pipeline failed (exit ${code})`))));
  });
}
const q = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;
const g = `git --git-dir=${q(gitDir)}`;
const rsBlobs = `awk '$4 ~ /\\.rs$/ {print $3}'`;

const cacheDir = mkdtempSync(path.join(tmpdir(), 'bench-history-'));
const rows = new Map<string, { wall: number[]; cpu: number[]; note: string }>();
const record = (label: string, t: Timing, note = '') => {
  const row = rows.get(label) ?? { wall: [], cpu: [], note };
  row.wall.push(t.wall);
  row.cpu.push(t.cpu);
  row.note = note || row.note;
  rows.set(label, row);
};
let summary = '';
const loads: number[] = [loadavg()[0]];
try {
  for (let run = 0; run < runs; run++) {
    record(
      'git floor: one snapshot',
      await timed(() => shell(`${g} ls-tree -r ${measured} | ${rsBlobs} | ${g} cat-file --batch | wc -l`)),
    );

    const snapshotCounter = await createTreeCounter();
    // Each timing includes `flush()`: it ends the git processes (whose CPU is then counted) and saves the cache.
    const snapshot = await timed(async () => {
      const figures = await snapshotCounter.count(gitDir, measured);
      await snapshotCounter.flush();
      return figures;
    });
    record(
      'one snapshot (measured commit), cold',
      snapshot,
      `${snapshotCounter.blobsRead.toLocaleString('en-US')} blobs read`,
    );

    const cacheFile = path.join(cacheDir, `blob-counts-${run}.txt`);
    const counter = await createTreeCounter({ cacheFile });
    const cold = await timed(async () => {
      const h = await repoHistory({ gitDir, repo, measuredCommit: measured, dates: entry.dates, counter });
      await counter.flush();
      return h;
    });
    const coldBlobs = counter.blobsRead;
    const coldTrees = counter.treesWalked;
    const history = cold.value;
    const commits = [
      ...new Set([
        ...history.years.map((y) => y.point.commit),
        ...history.events.flatMap((e) => (e.point ? [e.point.commit] : [])),
      ]),
    ];
    const points = history.years.length + history.events.length;
    record(
      `git floor: the history's ${commits.length} trees and their distinct .rs blobs`,
      await timed(() =>
        shell(
          `for c in ${commits.join(' ')}; do ${g} ls-tree -r $c; done | ${rsBlobs} | sort -u | ${g} cat-file --batch | wc -l`,
        ),
      ),
    );
    record(
      `whole history (${points} points), cold`,
      cold,
      `${coldBlobs.toLocaleString('en-US')} blobs read, ${coldTrees.toLocaleString('en-US')} trees walked`,
    );
    const treesBefore = counter.treesWalked;
    const warm = await timed(async () => {
      await repoHistory({ gitDir, repo, measuredCommit: measured, dates: entry.dates, counter });
      await counter.flush();
    });
    record(
      'whole history again, same counter (warm)',
      warm,
      `0 blobs read, ${counter.treesWalked - treesBefore} trees walked`,
    );

    const rerunCounter = await createTreeCounter({ cacheFile });
    const knownFirstRust = history.firstRust && {
      commit: history.firstRust.commit,
      time: Date.parse(history.firstRust.commitDate) / 1000,
      date: history.firstRust.commitDate,
    };
    const rerun = await timed(async () => {
      await repoHistory({
        gitDir,
        repo,
        measuredCommit: measured,
        dates: entry.dates,
        counter: rerunCounter,
        knownFirstRust,
      });
      await rerunCounter.flush();
    });
    record(
      'rerun in a new counter (blob cache file, trees walked again)',
      rerun,
      `${rerunCounter.blobsRead} blobs read, ${rerunCounter.treesWalked.toLocaleString('en-US')} trees walked`,
    );

    if (values.naive) {
      const naive = { wall: 0, cpu: 0 };
      let blobs = 0;
      for (const commit of commits) {
        const alone = await createTreeCounter();
        const t = await timed(async () => {
          await alone.count(gitDir, commit);
          await alone.flush();
        });
        naive.wall += t.wall;
        naive.cpu += t.cpu;
        blobs += alone.blobsRead;
      }
      record(
        `each of the ${commits.length} commits alone, no shared cache`,
        naive,
        `${blobs.toLocaleString('en-US')} blobs read`,
      );
    }
    summary = `${repo} at ${measured.slice(0, 7)}: ${history.years.length} yearly points (${history.years[0].year}–${history.years.at(-1)!.year}) and ${history.events.length} CNCF dates, ${commits.length} distinct commits; ${snapshot.value.codeLines.toLocaleString('en-US')} Rust code lines at the measured commit.`;
    loads.push(loadavg()[0]);
    console.error(`run ${run + 1} of ${runs} done`);
  }
} finally {
  rmSync(cacheDir, { recursive: true, force: true });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const snapshotRow = rows.get('one snapshot (measured commit), cold')!;
const snapWall = median(snapshotRow.wall);
const snapCpu = median(snapshotRow.cpu);
const git = execFileSync('git', ['--version']).toString().trim();
console.log(summary);
console.log(
  `\nMachine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, ${git}; 1-minute load average ${loads.map((l) => l.toFixed(1)).join(', ')} (start and after each run); medians of ${runs} run(s); CPU = user + system of this process and its git children.\n`,
);
console.log('| run | wall clock | × cold snapshot | CPU | × cold snapshot | |');
console.log('|---|---:|---:|---:|---:|---|');
for (const [label, row] of rows) {
  const w = median(row.wall);
  const c = median(row.cpu);
  console.log(
    `| ${label} | ${w.toFixed(2)} s | ${(w / snapWall).toFixed(2)}× | ${c.toFixed(2)} s | ${(c / snapCpu).toFixed(2)}× | ${row.note} |`,
  );
}
