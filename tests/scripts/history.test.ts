/**
 * `npm run history` on git repositories made here, with a few years of faked commit dates: the
 * commits it picks (first-parent, years without commits, CNCF dates before Rust or before any
 * commit), counts equal to a fresh count at each point, the blob cache, and the command.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTreeCounter } from '../../scripts/lib/history/counter.ts';
import { firstParentLog, firstRustCommit } from '../../scripts/lib/history/git.ts';
import { repoHistory } from '../../scripts/lib/history/repo-history.ts';
import { countLines } from '../../scripts/lib/line-count.ts';
import { historyFileSchema, type RepoHistory } from '../../src/schemas/history.ts';
import { FIXTURES } from '../helpers/validation-tree.ts';
import { runInProcess } from '../helpers/cli.ts';
import { main as historyMain } from '../../scripts/history.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
let tmp: string;

function git(dir: string, args: string[], date?: string): string {
  const env = {
    ...process.env,
    GIT_CONFIG_NOSYSTEM: '1',
    HOME: tmp,
    ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}),
  };
  return execFileSync(
    'git',
    ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-c', 'init.defaultBranch=main', '-C', dir, ...args],
    { env, encoding: 'utf8' },
  ).trim();
}

/** A work tree whose commits get the given dates; returns the commit hash. */
function commit(dir: string, date: string, files: Record<string, string | null>, message = date): string {
  for (const [file, text] of Object.entries(files)) {
    const full = path.join(dir, file);
    if (text === null) rmSync(full);
    else {
      mkdirSync(path.dirname(full), { recursive: true });
      writeFileSync(full, text);
    }
  }
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '--allow-empty', '-m', message], date);
  return git(dir, ['rev-parse', 'HEAD']);
}

const rust = (n: number) =>
  Array.from({ length: n }, (_, i) => (i % 3 === 0 ? `// note ${i}\n` : i % 3 === 1 ? `fn f${i}() {}\n` : '\n')).join(
    '',
  );

interface Made {
  work: string;
  bare: string;
  c: Record<string, string>;
}

/** main: 2018 (Go only), 2020 (Rust arrives, twice), nothing in 2021, a 2022 merge of a side commit dated 2021, 2023. */
function makeMain(): Made {
  const work = path.join(tmp, 'alpha-work');
  mkdirSync(work);
  git(work, ['init', '-q']);
  const c: Record<string, string> = {};
  c.go = commit(work, '2018-11-01T10:00:00+00:00', {
    'README.md': '# alpha\n',
    'main.go': 'package main\n\nfunc main() {}\n',
  });
  c.rust = commit(work, '2020-02-10T10:00:00+00:00', {
    'src/lib.rs': rust(30),
    'vendor/dep/x.rs': rust(50),
    'examples/demo.rs': rust(9),
  });
  c.grow = commit(work, '2020-05-05T23:30:00-05:00', {
    'src/lib.rs': rust(60).replace(/\n/g, '\r\n'),
    'src/util.rs': rust(10),
  });
  git(work, ['checkout', '-q', '-b', 'side']);
  c.side = commit(work, '2021-06-01T10:00:00+00:00', { 'src/extra.rs': rust(40), 'tools/gen.py': 'print(1)\n' });
  git(work, ['checkout', '-q', 'main']);
  git(work, ['merge', '-q', '--no-ff', '-m', 'merge side', 'side'], '2022-03-01T10:00:00+00:00');
  c.merge = git(work, ['rev-parse', 'HEAD']);
  c.last = commit(work, '2023-01-15T10:00:00+00:00', { 'src/util.rs': null, 'src/lib.rs': rust(90) });
  const bare = path.join(tmp, 'repos', 'alpha+alpha', 'repo');
  mkdirSync(path.dirname(bare), { recursive: true });
  execFileSync('git', ['clone', '-q', '--bare', work, bare]);
  return { work, bare, c };
}

let main: Made;
let history: RepoHistory;
let counter: Awaited<ReturnType<typeof createTreeCounter>>;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(tmpdir(), 'history-test-'));
  main = makeMain();
  counter = await createTreeCounter();
  history = await repoHistory({
    gitDir: main.bare,
    repo: 'alpha/alpha',
    measuredCommit: main.c.last,
    dates: { accepted: '2018-05-01', incubating: '2019-01-10', graduated: '2022-03-30' },
    counter,
  });
}, 60_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('history of a synthetic repository', { timeout: 60_000 }, () => {
  it('starts at the first Rust commit and takes the last first-parent commit of each year', () => {
    expect(history.firstRust).toEqual({ commit: main.c.rust, commitDate: '2020-02-10T10:00:00+00:00' });
    expect(history.years.map((y) => [y.year, y.point.commit])).toEqual([
      [2020, main.c.grow], // 23:30 at UTC-5 is 2020-05-06 UTC: still 2020
      [2021, main.c.grow], // no commit on the line in 2021; the side commit dated 2021 is not on it
      [2022, main.c.merge],
      [2023, main.c.last],
    ]);
  });

  it('takes the commit nearest each CNCF date, at or before it, and none before the first commit', () => {
    expect(history.events.map((e) => [e.event, e.point?.commit ?? null, e.point?.codeLines ?? null])).toEqual([
      ['accepted', null, null],
      ['incubating', main.c.go, 0], // the repository existed, without Rust
      ['graduated', main.c.merge, history.years[2].point.codeLines],
    ]);
  });

  /** Rust of a checkout counted from its files on disk: `.rs` files outside vendor/ and the top-level examples/. */
  function onDisk(dir: string, at = ''): { files: number; bytes: number; lines: number; codeLines: number } {
    const sum = { files: 0, bytes: 0, lines: 0, codeLines: 0 };
    for (const name of readdirSync(path.join(dir, at))) {
      const rel = at ? `${at}/${name}` : name;
      if (name === '.git' || name === 'vendor' || rel === 'examples') continue;
      if (statSync(path.join(dir, rel)).isDirectory()) {
        const inner = onDisk(dir, rel);
        for (const k of Object.keys(sum) as (keyof typeof sum)[]) sum[k] += inner[k];
      } else if (name.endsWith('.rs')) {
        const c = countLines(readFileSync(path.join(dir, rel)));
        sum.files++;
        sum.bytes += c.bytes;
        sum.lines += c.lines;
        sum.codeLines += c.codeLines;
      }
    }
    return sum;
  }

  it('counts at each point what a fresh count of that commit gives, and what its checkout holds', async () => {
    const all = [...history.years.map((y) => y.point), ...history.events.flatMap((e) => (e.point ? [e.point] : []))];
    const points = [...new Map(all.map((p) => [p.commit, p])).values()];
    expect(points.length).toBe(4);
    for (const point of points) {
      const fresh = await (await createTreeCounter()).count(main.bare, point.commit);
      expect({ ...point, commit: undefined, commitDate: undefined }, point.commit).toEqual({
        ...fresh,
        commit: undefined,
        commitDate: undefined,
      });
      const checkout = path.join(tmp, `checkout-${point.commit.slice(0, 8)}`);
      execFileSync('git', ['clone', '-q', main.work, checkout]);
      git(checkout, ['checkout', '-q', point.commit]);
      expect(
        { files: point.files, bytes: point.bytes, lines: point.lines, codeLines: point.codeLines },
        point.commit,
      ).toEqual(onDisk(checkout));
    }
    // The points differ, so the comparison above is not of zeros.
    expect(new Set(history.years.map((y) => y.point.codeLines)).size).toBe(3);
    expect(history.years[0].point.files).toBe(2); // src/lib.rs and src/util.rs: vendor/ and examples/ left out
  });

  it('reads each blob once across the points and across runs', async () => {
    const before = counter.blobsRead;
    await repoHistory({ gitDir: main.bare, repo: 'alpha/alpha', measuredCommit: main.c.last, dates: {}, counter });
    expect(counter.blobsRead).toBe(before);
    // Distinct .rs contents at the points: lib.rs at 2020 and 2023, util.rs, extra.rs, and the
    // left-out vendor/ and examples/ files (read once for the raw figure).
    expect(before).toBe(6);
  });

  it('finds the first Rust commit among the oldest commits first, with the same answer as the whole line', async () => {
    const work = path.join(tmp, 'gallop-work');
    mkdirSync(work);
    git(work, ['init', '-q']);
    // 40 commits: Go only, then Rust from the 21st (past the first probe of 16), removed and added again.
    for (let i = 0; i < 40; i++) {
      const day = new Date(Date.UTC(2018, 0, 1 + i)).toISOString().replace('.000', '');
      const files: Record<string, string | null> = { 'main.go': `package main // ${i}\n` };
      if (i === 20) files['a.rs'] = rust(2);
      if (i === 25) files['a.rs'] = null;
      if (i === 30) files['b.rs'] = rust(3);
      commit(work, day, files);
    }
    const gitDir = path.join(work, '.git');
    const tip = git(work, ['rev-parse', 'HEAD']);
    const line = await firstParentLog(gitDir, tip);
    const twentyFirst = line[line.length - 21].commit;
    expect((await firstRustCommit(gitDir, tip, line))?.commit).toBe(twentyFirst);
    expect((await firstRustCommit(gitDir, tip))?.commit).toBe(twentyFirst);
    // A line without Rust: null either way.
    const before = line[line.length - 20].commit;
    const early = await firstParentLog(gitDir, before);
    expect(await firstRustCommit(gitDir, before, early)).toBeNull();
  });

  it('finds Rust that arrived by a merge on the first-parent line, at the merge', async () => {
    const work = path.join(tmp, 'merge-work');
    mkdirSync(work);
    git(work, ['init', '-q']);
    commit(work, '2019-01-01T00:00:00Z', { 'main.go': 'package main\n' });
    git(work, ['checkout', '-q', '-b', 'rust']);
    commit(work, '2019-05-01T00:00:00Z', { 'a.rs': rust(6) });
    git(work, ['checkout', '-q', 'main']);
    git(work, ['merge', '-q', '--no-ff', '-m', 'bring rust', 'rust'], '2020-02-01T00:00:00+00:00');
    const merge = git(work, ['rev-parse', 'HEAD']);
    expect((await firstRustCommit(path.join(work, '.git'), merge))?.commit).toBe(merge);
    const h = await repoHistory({
      gitDir: path.join(work, '.git'),
      repo: 'o/merge',
      measuredCommit: merge,
      dates: {},
      counter: await createTreeCounter(),
    });
    expect(h.years.map((y) => y.year)).toEqual([2020]);
  });
});

describe('npm run history', () => {
  function content(): string {
    const dir = path.join(tmp, `content-${Math.random().toString(36).slice(2)}`);
    mkdirSync(path.join(dir, 'projects'), { recursive: true });
    const alpha = readFileSync(path.join(FIXTURES, 'valid/content/projects/alpha.mdx'), 'utf8').replace(
      /commit: [0-9a-f]{40}/,
      `commit: ${main.c.last}`,
    );
    writeFileSync(path.join(dir, 'projects', 'alpha.mdx'), alpha);
    // Same entry for a repository with no copy here.
    writeFileSync(path.join(dir, 'projects', 'beta.mdx'), alpha.replaceAll('alpha/alpha', 'beta/beta'));
    return dir;
  }
  // In-process through main; the run on an invalid entry below is a real child process.
  const run = async (args: string[]) => {
    const r = await runInProcess('history', historyMain, args);
    return { status: r.code, stdout: r.stdout, stderr: r.stderr };
  };

  it('writes every history it can, lists the repositories it cannot, exits 1, and keeps an earlier history at the same commit', async () => {
    const dir = content();
    const out = path.join(tmp, 'history.json');
    const args = [
      '--content',
      dir,
      '--repos',
      path.join(tmp, 'repos'),
      '--out',
      out,
      '--cache',
      path.join(tmp, 'cache'),
    ];
    const first = await run(args);
    expect(first.status, first.stderr).toBe(1);
    expect(first.stdout).toMatch(/beta: no copy of beta\/beta under .* \(no history\)/);
    const written = historyFileSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
    expect(written.map((p) => [p.id, p.repos.map((r) => r.repo)])).toEqual([
      ['alpha', ['alpha/alpha']],
      ['beta', []],
    ]);
    expect(written[0].repos[0].years.map((y) => y.year)).toEqual([2020, 2021, 2022, 2023]);

    // The copy of alpha is gone: its history at the same commit is kept, and said so.
    const second = await run([...args.slice(0, 3), path.join(tmp, 'no-repos'), ...args.slice(4)]);
    expect(second.status).toBe(1);
    expect(second.stdout).toMatch(/alpha: no copy of alpha\/alpha .*\(earlier history at the same commit kept\)/);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(written);
  }, 120_000);

  it('writes the same file twice from the same inputs', async () => {
    const dir = content();
    const outs = ['a.json', 'b.json'].map((f) => path.join(tmp, f));
    const cache = path.join(tmp, 'twice', 'counts.txt');
    const runs = [];
    for (const out of outs)
      runs.push(await run(['--content', dir, '--repos', path.join(tmp, 'repos'), '--out', out, '--cache', cache]));
    expect(readFileSync(outs[0], 'utf8')).toBe(readFileSync(outs[1], 'utf8'));
    // The second run finds every blob count in the cache file the first one wrote.
    expect(runs[0].stdout).toMatch(/, 7 blobs read,/); // the 6 above and lib.rs at incubation (20 Feb 2020)
    expect(runs[1].stdout).toMatch(/, 0 blobs read,/);
  }, 120_000);

  it('stops with exit 2 and writes nothing on an invalid entry (a real run)', () => {
    const dir = content();
    writeFileSync(path.join(dir, 'projects', 'broken.mdx'), '---\nname: Broken\n---\nText.\n');
    const out = path.join(tmp, 'never.json');
    const result = spawnSync(
      process.execPath,
      [path.join(ROOT, 'scripts/history.ts'), '--content', dir, '--repos', path.join(tmp, 'repos'), '--out', out],
      { encoding: 'utf8', cwd: ROOT, timeout: 120_000 },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/broken\.mdx: invalid frontmatter/);
    expect(() => readFileSync(out)).toThrow();
  }, 60_000);
});
