/**
 * Benchmark of measure:rust: generates a git repository holding at least 30 MB of `.rs` files
 * (code, `//` comments, blank lines, CRLF files) in a temp directory, measures it a few times,
 * checks the counts against what was generated, and prints files/s and MB/s.
 *
 *   npm run bench:measure -- [--mb 30] [--runs 5] [--keep]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { countTree } from './lib/tree-count.ts';

const { values } = parseArgs({
  options: {
    mb: { type: 'string', default: '30' },
    runs: { type: 'string', default: '5' },
    keep: { type: 'boolean', default: false },
  },
});
const targetBytes = Number(values.mb) * 1_000_000;
const runs = Math.max(1, Number(values.runs));

/** A deterministic pseudo-random sequence, so every run measures the same tree. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const next = random(42);
const dir = mkdtempSync(path.join(tmpdir(), 'bench-measure-'));
const expected = { files: 0, bytes: 0, lines: 0, codeLines: 0 };
const started = performance.now();
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
    env: { ...process.env, GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'bench@example.org', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'bench@example.org' },
  });
git('init', '-q');
git('add', '.');
git('commit', '-q', '-m', 'generated');
const generatedIn = (performance.now() - started) / 1000;
console.log(
  `Generated ${expected.files} .rs files, ${(expected.bytes / 1e6).toFixed(1)} MB, ${expected.lines} lines in ${dir} (${generatedIn.toFixed(1)} s incl. git commit)`,
);

const timings: number[] = [];
for (let run = 0; run < runs; run++) {
  const t0 = performance.now();
  const c = await countTree({ gitDir: path.join(dir, '.git') });
  const m = c.rust;
  const seconds = (performance.now() - t0) / 1000;
  timings.push(seconds);
  for (const key of ['files', 'bytes', 'lines', 'codeLines'] as const) {
    if (m[key] !== expected[key]) {
      console.error(`count mismatch: ${key} measured ${m[key]}, generated ${expected[key]}`);
      process.exit(1);
    }
  }
  console.log(
    `run ${run + 1}: ${seconds.toFixed(2)} s, ${Math.round(m.files / seconds)} files/s, ${(m.bytes / 1e6 / seconds).toFixed(1)} MB/s`,
  );
}
const sorted = [...timings].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)];
console.log(
  `median of ${runs}: ${median.toFixed(2)} s, ${Math.round(expected.files / median)} files/s, ${(expected.bytes / 1e6 / median).toFixed(1)} MB/s (counts verified; files in the page cache)`,
);
if (values.keep) console.log(`kept ${dir}`);
else rmSync(dir, { recursive: true, force: true });
