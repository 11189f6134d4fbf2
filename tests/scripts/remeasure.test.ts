/**
 * `npm run remeasure` on a repository built here: every figure of the entry's measurement is
 * re-counted at the commit the entry cites (a later commit changes nothing), the commit and
 * the notes stay, and a second run has nothing to change.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFrontmatter } from '../../scripts/lib/frontmatter-edit.ts';
import { countTree } from '../../scripts/lib/tree-count.ts';
import { commitFiles, initRepo } from '../helpers/git-fixtures.ts';

const root = path.resolve(import.meta.dirname, '../..');
let tmp: string;
let repos: string;
let content: string;
let cited: string;

beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'remeasure-test-'));
  repos = path.join(tmp, 'repos');
  const work = path.join(repos, 'test+demo', 'repo');
  mkdirSync(work, { recursive: true });
  initRepo(work);
  // A licence header in a block comment: code under the old rule, a comment now.
  cited = commitFiles(
    work,
    { 'src/lib.rs': '/*\n * Licensed under Apache-2.0.\n */\nfn a() {}\n', 'main.go': 'package main\n' },
    '2025-06-07T08:09:10+02:00',
  );
  commitFiles(work, { 'src/more.rs': 'fn b() {}\n' }, '2025-07-07T08:09:10+02:00'); // after the cited commit
  content = path.join(tmp, 'content');
  mkdirSync(path.join(content, 'projects'), { recursive: true });
  const youki = readFileSync(path.join(root, 'content/projects/youki.mdx'), 'utf8')
    .replace('repo: youki-dev/youki', 'repo: test/demo')
    .replace(/commit: [0-9a-f]{40}/, `commit: ${cited}`)
    .replace(/commitDate: '[^']+'/, "commitDate: '2025-06-07T08:09:10+02:00'");
  writeFileSync(path.join(content, 'projects', 'demo.mdx'), youki);
}, 120_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const remeasure = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(root, 'scripts/remeasure.ts'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, CATALOG_REPOS: repos },
  });

describe('remeasure', { timeout: 120_000 }, () => {
  it('rewrites the figures at the cited commit and keeps the commit and the notes', async () => {
    const before = readFrontmatter(readFileSync(path.join(content, 'projects', 'demo.mdx'), 'utf8')) as {
      rustRepos: { measurement: Record<string, unknown> }[];
    };
    const r = remeasure('--content', content, '--cache', path.join(tmp, 'cache.txt'));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const after = readFrontmatter(readFileSync(path.join(content, 'projects', 'demo.mdx'), 'utf8')) as typeof before;
    const m = after.rustRepos[0].measurement;
    const expected = await countTree({
      gitDir: execFileSync('git', ['-C', path.join(repos, 'test+demo', 'repo'), 'rev-parse', '--absolute-git-dir'], {
        encoding: 'utf8',
      }).trim(),
      commit: cited,
    });
    expect(m).toMatchObject({
      commit: cited,
      commitDate: '2025-06-07T08:09:10+02:00',
      files: 1,
      bytes: expected.rust.bytes,
      lines: 4,
      codeLines: 1,
      rustShare: expected.rustShare,
      programmingBytes: expected.programmingBytes,
      notes: before.rustRepos[0].measurement.notes,
    });
    // The figure before is whatever the copied entry held: read from it, not typed.
    const codeLinesBefore = (before.rustRepos[0].measurement.codeLines as number).toLocaleString('en-US');
    expect(r.stdout).toContain(`| demo | test/demo | ${cited.slice(0, 12)} | ${codeLinesBefore} | 1 |`);
  });

  it('has nothing to change on a second run, and names an entry it does not know', () => {
    const file = path.join(content, 'projects', 'demo.mdx');
    const text = readFileSync(file, 'utf8');
    const again = remeasure('--content', content, '--cache', path.join(tmp, 'cache.txt'), 'demo');
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('0 changed');
    expect(readFileSync(file, 'utf8')).toBe(text);
    const unknown = remeasure('--content', content, 'nope');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('no entry nope');
  });
});
