/**
 * verify:claims: the quote folding on its own, then the real CLI in a child process against
 * fixture git repositories (two commits, three copy layouts) and a content tree of entries
 * whose citations hold, moved, changed, or point at what is not there.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findQuote, foldQuote, foldText, lineCount, quoteProblem } from '../../scripts/lib/claims.ts';
import { commitFiles, initRepo } from '../helpers/git-fixtures.ts';

describe('folding quotes', () => {
  it('folds white space, comment and list leaders, Markdown links and emphasis, curly quotes', () => {
    expect(foldQuote('  No   **unsafe**\tcode ')).toBe('No unsafe code');
    expect(foldText('//! Client library of the [Open\n//! Metrics spec](https://x.org/a).\n').text).toBe(
      'Client library of the Open Metrics spec.',
    );
    expect(foldText('- It’s `fast` and _small_; snake_case stays.\n> quoted\n').text).toBe(
      "It's fast and small; snake_case stays. quoted",
    );
    // A Rust attribute is code, not a heading.
    expect(foldText('#![forbid(unsafe_code)]').text).toBe('#![forbid(unsafe_code)]');
  });

  it('finds a quote across lines and says on which lines it is', () => {
    const file = foldText('# Title\n\nOne two\nthree four.\nfive\n');
    expect(findQuote(file, 'two three')).toEqual([{ start: 3, end: 4 }]);
    expect(findQuote(file, 'Title One')).toEqual([{ start: 1, end: 3 }]);
    expect(findQuote(file, 'six')).toEqual([]);
  });

  it('counts lines as GitHub numbers them', () => {
    expect(lineCount('')).toBe(0);
    expect(lineCount('a')).toBe(1);
    expect(lineCount('a\n')).toBe(1);
    expect(lineCount('a\nb')).toBe(2);
  });

  it('says where a quote moved, or what the cited lines read', () => {
    const at = { path: 'README.md', commit: 'a'.repeat(40) };
    const text = 'x\ny\nThe words.\n';
    expect(quoteProblem(text, { ...at, start: 3, end: 3 }, 'The words.')).toBeUndefined();
    expect(quoteProblem(text, { ...at, start: 1, end: 2 }, 'The words.')).toBe(
      'the quote is not in L1-L2 of README.md at aaaaaaa; moved to L3 (cite #L3)',
    );
    expect(quoteProblem(text, { ...at, start: 1, end: 1 }, 'Other words.')).toBe(
      'the quote is not in L1 of README.md at aaaaaaa, nor anywhere else in the file; line 1 read: "x"',
    );
    expect(quoteProblem(text, { ...at, start: 3, end: 4 }, 'The words.')).toBe(
      'cites L3-L4, beyond the end of README.md at aaaaaaa (3 lines)',
    );
  });
});

const script = path.resolve(import.meta.dirname, '../../scripts/verify-claims.ts');
const node = path.resolve(import.meta.dirname, '../../node_modules/.bin/node');

let tmp: string;
let repos: string;
let content: string;
let first: string;
let second: string;

const README_1 = [
  '# Fixture', // 1
  '', // 2
  'Fixture is a **small** proxy written in', // 3
  '[Rust](https://www.rust-lang.org/).', // 4
  '', // 5
  'It has no users.', // 6
].join('\n');
/** Two lines added above: the proxy sentence moves to L5-L6; the last sentence changes. */
const README_2 = [
  '# Fixture',
  '',
  '## About',
  '',
  README_1.split('\n').slice(2, 5).join('\n'),
  'It has many users.',
].join('\n');
const LIB = '//! The fixture crate.\n//! No unsafe code here.\n#![forbid(unsafe_code)]\n';

/** An entry file with these citation items (YAML lines), the citations starting on line 5. */
function entry(slug: string, items: string[]): void {
  writeFileSync(
    path.join(content, 'projects', `${slug}.mdx`),
    ['---', `name: ${slug}`, 'rationale: Because.[^a]', 'citations:', ...items, '---', '', 'Body.', ''].join('\n'),
  );
}
const permalink = (repo: string, commit: string, file: string, lines: string) =>
  `https://github.com/${repo}/blob/${commit}/${file}#${lines}`;
const item = (id: string, url: string, quote: string) => [`  - id: ${id}`, `    url: ${url}`, `    quote: '${quote}'`];

beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'verify-claims-'));
  const work = path.join(tmp, 'work');
  initRepo(work);
  first = commitFiles(work, { 'README.md': README_1, 'src/lib.rs': LIB }, '2024-01-01T00:00:00+00:00');
  second = commitFiles(work, { 'README.md': README_2, 'NEW.md': 'New file.\n' }, '2024-02-01T00:00:00+00:00');
  repos = path.join(tmp, 'repos');
  mkdirSync(repos);
  // Three layouts the tool accepts: the fetch tool's, a bare <owner>+<name>.git, and <owner>/<name>.
  execFileSync('git', ['clone', '-q', '--bare', work, path.join(repos, 'fix+proxy', 'repo')]);
  execFileSync('git', ['clone', '-q', '--bare', work, path.join(repos, 'fix+bare.git')]);
  execFileSync('git', ['clone', '-q', work, path.join(repos, 'fix', 'checkout')]);
  content = path.join(tmp, 'content');
  mkdirSync(path.join(content, 'projects'), { recursive: true });
  entry('clean', [
    ...item('a', permalink('fix/proxy', first, 'README.md', 'L3-L4'), 'Fixture is a small proxy written in Rust.'),
    ...item('b', permalink('fix/bare', first, 'src/lib.rs', 'L2-L3'), 'No unsafe code here. #![forbid(unsafe_code)]'),
    ...item('c', permalink('FIX/Checkout', second, 'NEW.md', 'L1'), 'New file.'),
    '  - id: d',
    '    source: some-article',
  ]);
  entry('broken', [
    ...item('moved', permalink('fix/proxy', second, 'README.md', 'L3-L4'), 'Fixture is a small proxy written in Rust.'), // 5
    ...item('changed', permalink('fix/proxy', second, 'README.md', 'L8'), 'It has no users.'), // 8
    ...item('no-path', permalink('fix/proxy', first, 'NEW.md', 'L1'), 'New file.'), // 11
    ...item('no-commit', permalink('fix/proxy', 'b'.repeat(40), 'README.md', 'L1'), 'Fixture'), // 14
    ...item('no-repo', permalink('fix/absent', first, 'README.md', 'L1'), 'Fixture'), // 17
    ...item('too-far', permalink('fix/proxy', first, 'README.md', 'L6-L9'), 'It has no users.'), // 20
    ...item('a-directory', permalink('fix/proxy', first, 'src', 'L1'), 'x'), // 23
  ]);
}, 60_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function run(...args: string[]) {
  const r = spawnSync(node, [script, ...args], {
    cwd: tmp,
    encoding: 'utf8',
    env: { ...process.env, CATALOG_REPOS: '' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('npm run verify:claims', () => {
  it('passes citations whose quotes are in the cited lines, in every copy layout, and counts source citations', () => {
    const r = run('--repos', repos, '--content', content, '--entry', 'clean');
    expect(r.err).toBe('');
    expect(r.out).toBe(
      'verify:claims: 1 of 1 entry has citations; 4 citations: 3 permalinks checked, 0 failed; 1 source citations not checkable offline\n',
    );
    expect(r.code).toBe(0);
  });

  it('lists every failure as file:line: citations[i] (id): what is wrong, and exits 1', () => {
    const r = run('--repos', repos, '--content', content);
    const file = 'content/projects/broken.mdx';
    const short = (c: string) => c.slice(0, 7);
    expect(r.out.split('\n')).toEqual([
      `${file}:5: citations[0] (moved): the quote is not in L3-L4 of README.md at ${short(second)}; moved to L5-L6 (cite #L5-L6)`,
      `${file}:8: citations[1] (changed): the quote is not in L8 of README.md at ${short(second)}, nor anywhere else in the file; line 8 read: "It has many users."`,
      `${file}:11: citations[2] (no-path): NEW.md does not exist at commit ${short(first)}`,
      `${file}:14: citations[3] (no-commit): commit bbbbbbbbbbbb is not in the copy (fetch it, or cite a commit the copy has)`,
      `${file}:17: citations[4] (no-repo): repository fix/absent is not available under ${repos} (expected a git copy at fix+absent/repo, fix+absent.git or fix/absent; fetch it)`,
      `${file}:20: citations[5] (too-far): cites L6-L9, beyond the end of README.md at ${short(first)} (6 lines)`,
      `${file}:23: citations[6] (a-directory): src is a directory at commit ${short(first)} (expected a file)`,
      'verify:claims: 2 of 2 entries have citations; 11 citations: 10 permalinks checked, 7 failed; 1 source citations not checkable offline',
      '',
    ]);
    expect(r.code).toBe(1);
  });

  it('exits 2 on a usage error, with what was expected', () => {
    const noRepos = run('--content', content);
    expect(noRepos.code).toBe(2);
    expect(noRepos.err).toContain('verify:claims: expected --repos <dir>');
    const unknown = run('--repos', repos, '--content', content, '--entry', 'nope');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('no entry "nope"');
    expect(run('--repos', repos, '--bogus').code).toBe(2);
  });
});
