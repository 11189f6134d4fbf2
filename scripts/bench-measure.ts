/**
 * Benchmark of the counter (scripts/lib/tree-count.ts) beside an independent counter, cloc,
 * on the same tree in the same run.
 *
 *   npm run bench:measure -- [--mb 30] [--runs 5] [--keep]          a generated repository
 *   npm run bench:measure -- --repo DIR [--commit REV] [--runs 5]   a real one (bare or checkout)
 *
 * Generated: a git repository of at least --mb MB of `.rs` files (code, `//` comments, blank
 * lines, CRLF files); the counts are checked against what was generated. Real: the commit's
 * tree is exported from git objects (every blob the copy has) to a temp directory for cloc.
 * Each run: the counter in this process with an empty blob cache (git reads the objects), then
 * cloc (a Perl program) on the files. Prints the median of each, files/s,
 * MB/s and the ratio. Timings are wall clock on a shared machine: run it more than once.
 */
import { childTimeoutMs } from './lib/bounded.ts';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REGULAR_MODES, listTree, openRepository, resolveCommit } from './lib/git-objects.ts';
import { CountCache, countTree } from './lib/tree-count.ts';

const { values } = parseArgs({
  options: {
    mb: { type: 'string', default: '30' },
    runs: { type: 'string', default: '5' },
    keep: { type: 'boolean', default: false },
    repo: { type: 'string' },
    commit: { type: 'string', default: 'HEAD' },
    cloc: { type: 'string', default: process.env.CLOC ?? 'cloc' },
  },
});
const runs = Math.max(1, Number(values.runs));

/** A deterministic pseudo-random sequence, so every run measures the same tree. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const gitEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: 'bench',
  GIT_AUTHOR_EMAIL: 'bench@example.org',
  GIT_COMMITTER_NAME: 'bench',
  GIT_COMMITTER_EMAIL: 'bench@example.org',
};

/** Generates the synthetic repository; returns its directory and the expected Rust counts. */
function generate(targetBytes: number): {
  dir: string;
  expected: { files: number; bytes: number; lines: number; codeLines: number };
} {
  const next = random(42);
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-measure-'));
  const expected = { files: 0, bytes: 0, lines: 0, codeLines: 0 };
  for (let f = 0; expected.bytes < targetBytes; f++) {
    const crate = `crates/crate-${String(Math.floor(f / 100)).padStart(3, '0')}/src`;
    mkdirSync(path.join(dir, crate), { recursive: true });
    const eol = f % 10 === 0 ? '\r\n' : '\n';
    const lines: string[] = [];
    let code = 0;
    const count = 200 + Math.floor(next() * 400);
    for (let i = 0; i < count; i++) {
      const r = next();
      if (r < 0.15) lines.push('');
      else if (r < 0.3) lines.push(`    /// Documentation line ${i} of item ${f}.`);
      else if (r < 0.35) lines.push(`// SPDX-style comment ${i}`);
      else {
        lines.push(`    let value_${i} = compute(${Math.floor(r * 1e6)}, "text ${f}"); /* inline */`);
        code++;
      }
    }
    const content = lines.join(eol) + eol;
    writeFileSync(path.join(dir, crate, `module_${f}.rs`), content);
    expected.files++;
    expected.bytes += Buffer.byteLength(content);
    expected.lines += count;
    expected.codeLines += code;
  }
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', dir, ...args], {
      stdio: 'ignore',
      env: gitEnv,
      timeout: childTimeoutMs(),
      killSignal: 'SIGKILL',
    });
  git('init', '-q');
  git('add', '.');
  git('commit', '-q', '-m', 'generated');
  git('gc', '-q'); // packed, like a fetched repository
  return { dir, expected };
}

/** Writes every `.rs` blob of the commit's tree that the copy has into `dest` (for cloc: Rust alone is the fair comparison). */
async function exportTree(gitDir: string, commit: string, dest: string): Promise<number> {
  const entries = (await listTree(gitDir, commit, true)).filter(
    (e) => REGULAR_MODES.has(e.mode) && typeof e.size === 'number' && e.path.endsWith('.rs'),
  );
  const child = spawn('git', [`--git-dir=${gitDir}`, 'cat-file', '--batch'], {
    stdio: ['pipe', 'pipe', 'inherit'],
    timeout: childTimeoutMs(),
    killSignal: 'SIGKILL',
  });
  child.stdin.end(entries.map((e) => `${e.oid}\n`).join(''));
  const chunks: Buffer[] = [];
  for await (const chunk of child.stdout as AsyncIterable<Buffer>) chunks.push(chunk);
  const out = Buffer.concat(chunks);
  let at = 0;
  for (const e of entries) {
    const nl = out.indexOf(0x0a, at);
    const size = Number(out.toString('latin1', at, nl).split(' ')[2]);
    const file = path.join(dest, e.raw.toString('utf8'));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, out.subarray(nl + 1, nl + 1 + size));
    at = nl + 1 + size + 1;
  }
  return entries.length;
}

interface Timed {
  wall: number;
  /** User + system CPU seconds of the process and its children (from /usr/bin/time). */
  cpu: number;
  stdout: string;
}

/** Runs a whole program under /usr/bin/time: wall clock and CPU time, children included. */
function timed(cmd: string, args: string[]): Promise<Timed> {
  return new Promise((resolve, reject) => {
    // A deadline like every child process of the tools (bounded.ts), generous for a benchmark.
    const child = spawn('/usr/bin/time', ['-f', '@@time %e %U %S', cmd, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: childTimeoutMs(1_800_000),
      killSignal: 'SIGKILL',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const m = /@@time ([\d.]+) ([\d.]+) ([\d.]+)/.exec(stderr);
      if (code !== 0 || !m) return reject(new Error(`${cmd} failed (exit ${code}): ${stderr.slice(0, 400)}`));
      resolve({ wall: Number(m[1]), cpu: Number(m[2]) + Number(m[3]), stdout });
    });
  });
}

const cli = path.join(path.dirname(new URL(import.meta.url).pathname), 'measure-rust.ts');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

let gitDir: string;
let label: string;
let clocDir: string;
let expected: ReturnType<typeof generate>['expected'] | undefined;
const cleanup: string[] = [];
if (values.repo) {
  gitDir = (await openRepository(values.repo)).gitDir;
  const { commit } = await resolveCommit(gitDir, values.commit);
  label = `${values.repo} at ${commit.slice(0, 12)}`;
  clocDir = mkdtempSync(path.join(tmpdir(), 'bench-measure-export-'));
  cleanup.push(clocDir);
  const t0 = performance.now();
  const n = await exportTree(gitDir, commit, clocDir);
  console.log(`Exported ${n} files of ${label} for cloc in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
} else {
  const generated = generate(Number(values.mb) * 1_000_000);
  gitDir = path.join(generated.dir, '.git');
  clocDir = generated.dir;
  expected = generated.expected;
  label = `generated tree (${generated.dir})`;
  if (!values.keep) cleanup.push(generated.dir);
  console.log(
    `Generated ${expected.files} .rs files, ${(expected.bytes / 1e6).toFixed(1)} MB, ${expected.lines} lines`,
  );
}

const inProcess: number[] = [];
const ours: Timed[] = [];
const theirs: Timed[] = [];
const floors: Timed[] = [];
const loads: number[] = [loadavg()[0]];
const { commit: resolvedCommit } = await resolveCommit(gitDir, values.commit);
const q = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;
/** git alone: list the tree, read every .rs blob, count newlines (the floor no counter can beat). */
const floorScript = `git --git-dir=${q(gitDir)} ls-tree -r ${resolvedCommit} | awk '$4 ~ /\\.rs$/ {print $3}' | git --git-dir=${q(gitDir)} cat-file --batch | wc -l`;
let last: Awaited<ReturnType<typeof countTree>> | undefined;
let clocRust: { nFiles: number; code: number; comment: number; blank: number } | undefined;
let clocFiles = 0;
for (let run = 0; run < runs; run++) {
  const t0 = performance.now();
  last = await countTree({ gitDir, commit: values.commit, cache: new CountCache() });
  inProcess.push((performance.now() - t0) / 1000);
  if (expected) {
    for (const key of ['files', 'bytes', 'lines', 'codeLines'] as const) {
      if (last.rust[key] !== expected[key]) {
        console.error(`count mismatch: ${key} measured ${last.rust[key]}, generated ${expected[key]}`);
        process.exit(1);
      }
    }
  }
  floors.push(await timed('sh', ['-c', floorScript]));
  ours.push(await timed(process.execPath, [cli, gitDir, '--commit', last.commit, '--json']));
  const c = await timed(values.cloc, ['--quiet', '--json', clocDir]);
  theirs.push(c);
  const data = JSON.parse(c.stdout);
  clocRust = data.Rust;
  clocFiles = data.header?.n_files ?? 0;
  loads.push(loadavg()[0]);
  console.log(
    `run ${run + 1}: git floor ${floors.at(-1)!.wall.toFixed(2)} s (${floors.at(-1)!.cpu.toFixed(2)} s CPU); counter in-process ${inProcess.at(-1)!.toFixed(2)} s; measure:rust CLI ${ours.at(-1)!.wall.toFixed(2)} s (${ours.at(-1)!.cpu.toFixed(2)} s CPU); cloc ${c.wall.toFixed(2)} s (${c.cpu.toFixed(2)} s CPU)`,
  );
}
const m = last!;
const med = (xs: Timed[], key: 'wall' | 'cpu') => median(xs.map((x) => x[key]));
const ip = median(inProcess);
console.log(
  `\n${label}: ${m.files} files in the tree, ${m.rust.files} Rust files, ${(m.rust.bytes / 1e6).toFixed(1)} MB of Rust; blobs missing from the copy: ${m.missing.length} of counted languages, ${m.missingOther} others`,
);
console.log(
  `counter in-process: median ${ip.toFixed(2)} s of ${runs}; ${Math.round(m.files / ip)} files/s over the tree, ${Math.round(m.rust.files / ip)} Rust files/s, ${(m.rust.bytes / 1e6 / ip).toFixed(1)} MB/s of Rust read${expected ? ' (counts verified)' : ''}`,
);
console.log(
  `git floor:          median ${med(floors, 'wall').toFixed(2)} s wall, ${med(floors, 'cpu').toFixed(2)} s CPU (ls-tree, cat-file --batch of the .rs blobs, wc -l)`,
);
console.log(
  `measure:rust CLI:   median ${med(ours, 'wall').toFixed(2)} s wall, ${med(ours, 'cpu').toFixed(2)} s CPU (Node start-up and git included)`,
);
console.log(
  `cloc:               median ${med(theirs, 'wall').toFixed(2)} s wall, ${med(theirs, 'cpu').toFixed(2)} s CPU; ${clocFiles} files counted`,
);
console.log(
  `ratio measure:rust / git floor: ${(med(ours, 'wall') / med(floors, 'wall')).toFixed(2)}× wall, ${(med(ours, 'cpu') / med(floors, 'cpu')).toFixed(2)}× CPU; cloc / git floor: ${(med(theirs, 'wall') / med(floors, 'wall')).toFixed(1)}× wall`,
);
console.log(
  `machine: ${cpus().length} cores, Node ${process.version}; 1-minute load average ${loads.map((l) => l.toFixed(1)).join(', ')} (start and after each run)`,
);
console.log(
  `ratio cloc / measure:rust: ${(med(theirs, 'wall') / med(ours, 'wall')).toFixed(1)}× wall, ${(med(theirs, 'cpu') / med(ours, 'cpu')).toFixed(1)}× CPU; cloc / counter in-process: ${(med(theirs, 'wall') / ip).toFixed(1)}× wall`,
);
console.log(
  `Rust:    counter ${m.rust.files} files, ${m.rust.lines} lines, ${m.rust.codeLines} code lines; cloc ${clocRust?.nFiles ?? 0} files, ${(clocRust?.code ?? 0) + (clocRust?.comment ?? 0) + (clocRust?.blank ?? 0)} lines, ${clocRust?.code ?? 0} code lines (every .rs file, vendored ones too; npm run check:cloc explains differences)`,
);
for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
if (values.keep && !values.repo) console.log(`kept ${clocDir}`);
