/**
 * The counter's code lines beside cloc's on real repositories, at the commits the catalog's
 * entries cite: every `.rs` file of the commit (what cloc counts as Rust) is exported from git
 * objects to a temporary directory, cloc counts it file by file, and the lexer of
 * scripts/lib/line-count.ts counts the same bytes. Prints a Markdown table (files, code lines,
 * difference) and, for the files where the two differ, the case that explains it: the places
 * where cloc's Rust filter (one-line strings, then C++ comment removal without nesting, lines
 * ending in `\` joined to the next) cannot read Rust. A benchmark, not a test: it needs cloc.
 *
 *   npm run check:cloc -- [--repos <dir>] [--cloc <path>] [--show 20] [owner/name ...]
 *
 * --repos: copies as `<owner>+<name>/repo` (default $CATALOG_REPOS); --cloc: the cloc program
 * (default $CLOC, else `cloc` on the PATH). Without names: the repositories in DEFAULT_REPOS.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parseArgs } from 'node:util';
import { UsageError, runCli } from './lib/cli.ts';
import { BlobReader, REGULAR_MODES, listTree } from './lib/git-objects.ts';
import { locateRepo } from './lib/history/git.ts';
import { readEntries } from './lib/history/run.ts';
import { REWRITES, rewrites, type ClocCase } from './lib/cloc-cases.ts';
import { lexRust } from './lib/line-count.ts';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Large and small Rust repositories of the catalog, some with licence headers in block comments. */
const DEFAULT_REPOS = [
  'tikv/tikv',
  'linkerd/linkerd2-proxy',
  'youki-dev/youki',
  'kube-rs/kube',
  'dragonflyoss/nydus',
  'containerd/rust-extensions',
  'dragonflyoss/client',
  'istio/ztunnel',
  'open-telemetry/opentelemetry-rust',
  'spinframework/spin',
  'containerd/runwasi',
  'keylime/rust-keylime',
  'bpfman/bpfman',
  'kubewarden/policy-sdk-rust',
];

interface FileRow {
  path: string;
  ours: number;
  cloc: number;
  cases: ClocCase[];
}

runCli('check:cloc', async (argv) => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      repos: { type: 'string' },
      cloc: { type: 'string' },
      show: { type: 'string', default: '20' },
    },
  });
  const reposDir = values.repos ?? process.env.CATALOG_REPOS;
  if (!reposDir) throw new UsageError('pass --repos <dir> (copies as <owner>+<name>/repo) or set CATALOG_REPOS');
  const cloc = values.cloc ?? process.env.CLOC ?? 'cloc';
  const version = (await run(cloc, ['--version'])).stdout.trim();
  const entries = await readEntries(path.join(root, 'content'));
  const names = positionals.length > 0 ? positionals : DEFAULT_REPOS;
  const details: string[] = [];
  const caseTotals = new Map<string, { files: number; lines: number }>();
  let unexplained = 0;
  console.log(`cloc ${version}; code lines of every .rs file at the commit each entry cites.\n`);
  console.log(
    '| repository | commit | .rs files | code lines (counter) | code lines (cloc) | cloc − counter | files differing | explained by named cases |',
  );
  console.log('|---|---|---:|---:|---:|---:|---:|---|');
  for (const name of names) {
    const cited = entries.flatMap((e) => e.repos).find((r) => r.repo === name);
    const gitDir = locateRepo(path.resolve(reposDir), name);
    if (!cited || !gitDir) {
      console.log(`| ${name} | — | ${!cited ? 'no entry cites it' : 'no copy'} | | | | | |`);
      continue;
    }
    const commit = cited.commit;
    const dir = mkdtempSync(path.join(tmpdir(), 'check-cloc-'));
    const rows: FileRow[] = [];
    try {
      const files = (await listTree(gitDir, commit, false)).filter(
        (e) => REGULAR_MODES.has(e.mode) && e.type === 'blob' && e.path.endsWith('.rs'),
      );
      const reader = new BlobReader(gitDir);
      const contents = new Map<string, Buffer>();
      try {
        for (const [i, file] of files.entries()) {
          const content = await reader.read(file.oid);
          if (!content) continue;
          // Numbered names: cloc must see every file, whatever bytes its path holds.
          const out = path.join(dir, `${i}.rs`);
          writeFileSync(out, content);
          contents.set(out, content);
          rows.push({ path: file.path, ours: lexRust(content).codeLines, cloc: 0, cases: [] });
        }
      } finally {
        await reader.close();
      }
      // --skip-uniqueness: identical files are still two files to the catalog.
      const { stdout } = await run(cloc, ['--quiet', '--json', '--by-file', '--skip-uniqueness', dir], {
        maxBuffer: 256 * 1024 * 1024,
      });
      const byFile = JSON.parse(stdout) as Record<string, { code?: number }>;
      const outs = [...contents.keys()];
      outs.forEach((out, i) => (rows[i].cloc = byFile[out]?.code ?? 0));
      // The files that differ, rewritten case after case, counted by cloc again.
      const variants = path.join(dir, 'variants');
      mkdirSync(variants);
      const pending: { row: FileRow; files: string[]; lines: number[][] }[] = [];
      for (const [i, out] of outs.entries()) {
        const row = rows[i];
        if (row.cloc === row.ours) continue;
        const steps = await rewrites(contents.get(out)!);
        const files = steps.map((step, k) => {
          const file = path.join(variants, `${i}.${k}.rs`);
          writeFileSync(file, step.text);
          // A rewrite must leave the counter's figure as it was, or it explains nothing.
          if (lexRust(step.text).codeLines !== row.ours)
            throw new Error(`${name}: ${row.path}: the rewrite "${step.name}" changed the counter's code lines`);
          return file;
        });
        pending.push({ row, files, lines: steps.map((s) => s.lines) });
      }
      if (pending.length > 0) {
        const again = JSON.parse(
          (
            await run(cloc, ['--quiet', '--json', '--by-file', '--skip-uniqueness', variants], {
              maxBuffer: 256 * 1024 * 1024,
            })
          ).stdout,
        ) as Record<string, { code?: number }>;
        for (const { row, files, lines } of pending) {
          let before = row.cloc;
          files.forEach((file, k) => {
            const after = again[file]?.code ?? 0;
            if (after !== before)
              row.cases.push({ name: REWRITES[k].name, clocMinusOurs: before - after, lines: lines[k] });
            before = after;
          });
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const ours = rows.reduce((s, r) => s + r.ours, 0);
    const theirs = rows.reduce((s, r) => s + r.cloc, 0);
    const differing = rows.filter((r) => r.ours !== r.cloc);
    const explained = differing.filter((r) => r.cases.reduce((s, c) => s + c.clocMinusOurs, 0) === r.cloc - r.ours);
    unexplained += differing.length - explained.length;
    for (const r of differing)
      for (const c of r.cases) {
        const t = caseTotals.get(c.name) ?? { files: 0, lines: 0 };
        t.files++;
        t.lines += c.clocMinusOurs;
        caseTotals.set(c.name, t);
      }
    const diff = theirs - ours;
    console.log(
      `| ${name} | ${commit.slice(0, 12)} | ${rows.length.toLocaleString('en-US')} | ${ours.toLocaleString('en-US')} | ${theirs.toLocaleString('en-US')} | ${diff > 0 ? '+' : ''}${diff.toLocaleString('en-US')} (${((diff / Math.max(ours, 1)) * 100).toFixed(2)} %) | ${differing.length} | ${explained.length === differing.length ? 'all' : `${explained.length} of ${differing.length}`} |`,
    );
    for (const r of differing) {
      const sum = r.cases.reduce((s, c) => s + c.clocMinusOurs, 0);
      details.push(
        `${name}: ${r.path}: counter ${r.ours}, cloc ${r.cloc} (${r.cloc - r.ours > 0 ? '+' : ''}${r.cloc - r.ours})${sum === r.cloc - r.ours ? '' : ' UNEXPLAINED'}: ${r.cases.map((c) => `${c.name} ${c.clocMinusOurs > 0 ? '+' : ''}${c.clocMinusOurs} (line ${c.lines.slice(0, 3).join(', ')})`).join('; ') || 'no known case'}`,
      );
    }
  }
  console.log('\n| case (cloc − counter) | files | code lines |\n|---|---:|---:|');
  for (const [name, t] of [...caseTotals].sort((a, b) => a[0].localeCompare(b[0])))
    console.log(`| ${name} | ${t.files} | ${t.lines > 0 ? '+' : ''}${t.lines} |`);
  const show = Number(values.show);
  const unexplainedFirst = [...details].sort(
    (a, b) => Number(b.includes('UNEXPLAINED')) - Number(a.includes('UNEXPLAINED')),
  );
  if (unexplainedFirst.length > 0) console.log(`\n${unexplainedFirst.slice(0, show).join('\n')}`);
  if (unexplainedFirst.length > show) console.log(`… and ${unexplainedFirst.length - show} more files`);
  return unexplained > 0 ? 1 : 0;
});
