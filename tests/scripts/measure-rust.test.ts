/**
 * measure:rust end to end: a git repository generated in a temp dir with known counts, measured
 * by the real CLI in a child process; --update against temp copies of a real entry.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFrontmatter } from '../../scripts/lib/frontmatter-edit.ts';
import { main as measureMain } from '../../scripts/measure-rust.ts';
import { runInProcess } from '../helpers/cli.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const node = path.join(root, 'node_modules/.bin/node');
const script = path.join(root, 'scripts/measure-rust.ts');

let tmp: string;
let repo: string;
let head: string;
const COMMIT_DATE = '2024-07-07T14:22:16+08:00';
/** The fixture's first commit, older: measuring it with --commit records HEAD's date as the copy's last commit. */
const FIRST_DATE = '2023-01-02T03:04:05+00:00';

/** The command's main, in-process. */
const measure = (...args: string[]) => runInProcess('measure:rust', measureMain, args);

/** The command as a child process, for its exit code and output as a shell sees them. */
function spawned(...args: string[]) {
  const r = spawnSync(node, [script, ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const gitEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Fixture',
  GIT_AUTHOR_EMAIL: 'fixture@example.org',
  GIT_AUTHOR_DATE: COMMIT_DATE,
  GIT_COMMITTER_NAME: 'Fixture',
  GIT_COMMITTER_EMAIL: 'fixture@example.org',
  GIT_COMMITTER_DATE: COMMIT_DATE,
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
};
const git = (dir: string, ...args: string[]) =>
  execFileSync('git', ['-C', dir, ...args], { env: gitEnv, encoding: 'utf8', stdio: 'pipe' });

function write(dir: string, file: string, content: string | Uint8Array) {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), content);
}

/** Counted `.rs` files: 7 files, 169 bytes, 19 newlines, 11 code lines. */
const COUNTED: Record<string, string | Uint8Array> = {
  // 71 bytes, 7 lines, 3 code (three comment lines, a block comment among them; one blank)
  'src/lib.rs': '// licence\n//! docs\nfn main() {\n\n    /* block */\n    let x = 1; // t\n}\n',
  // 34 bytes, 5 lines, 2 code
  'src/crlf.rs': 'fn a() {}\r\n// c\r\n\r\n  \r\nfn b() {}\r\n',
  // 25 bytes, 2 lines, 2 code: the unterminated last line is code
  'src/no_newline.rs': 'fn c() {}\n// d\nlet e = 1;',
  // 14 bytes, 3 lines, 2 code: invalid UTF-8 bytes
  'src/latin1.rs': Uint8Array.of(0x66, 0x6e, 0x20, 0xe9, 0x0a, 0xff, 0x2f, 0x2f, 0x0a, 0x20, 0x2f, 0x2f, 0xfe, 0x0a),
  // 0 bytes: still a counted file
  'src/empty.rs': '',
  // 10 bytes, 1 line, 1 code; a name with a space and non-ASCII letters
  'src/with space é.rs': 'fn f() {}\n',
  // 15 bytes, 1 line, 1 code: nested examples/ directories count
  'crates/foo/examples/nested.rs': 'fn nested() {}\n',
};

/** `.rs` files left out by the exclusions: 8 files, 91 bytes, 9 lines (in bytesRaw only). */
const EXCLUDED: Record<string, string> = {
  'crates/foo/vendor/v.rs': 'fn v() {}\n',
  'vendor/top.rs': 'fn t() {}\n',
  'third_party/tp.rs': 'fn tp() {}\n',
  '3rdparty/x.rs': 'fn x() {}\n',
  'node_modules/pkg/n.rs': 'fn n() {}\n',
  'examples/demo.rs': 'fn demo() {}\n',
  'samples/s.rs': 'fn s() {}\n',
  'docs/d.rs': '// doc\nfn d() {}\n',
};

/** Other files: go 13, py 9, ts/js 11, c/c++ 7 counted; the rest excluded or not a source kind. */
const OTHERS: Record<string, string> = {
  'tool.go': 'package main\n',
  'scripts/gen.py': 'print(1)\n',
  'web/app.ts': 'export {};\n',
  'native/shim.c': 'int x;\n',
  'vendor/dep.go': 'package dep\n',
  'examples/e.py': 'print(2)\n',
  'web/node_modules/m.js': 'module.exports = 1;\n',
  'README.md': '# Fixture\n',
  '.gitignore': 'target/\n',
};

beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'measure-rust-test-'));
  repo = path.join(tmp, 'repo');
  mkdirSync(repo);
  git(repo, 'init', '-q');
  // A first commit, replaced by the fixture: 10 bytes, 1 line, 1 code line.
  write(repo, 'src/lib.rs', 'fn f() {}\n');
  git(repo, 'add', '-A');
  execFileSync('git', ['-C', repo, 'commit', '-q', '-m', 'first'], {
    env: { ...gitEnv, GIT_AUTHOR_DATE: FIRST_DATE, GIT_COMMITTER_DATE: FIRST_DATE },
    stdio: 'pipe',
  });
  for (const [file, content] of Object.entries({ ...COUNTED, ...EXCLUDED, ...OTHERS })) write(repo, file, content);
  symlinkSync('lib.rs', path.join(repo, 'src/link.rs')); // a tracked symlink: never followed
  git(repo, 'add', '-A');
  // A submodule (gitlink): its working-tree content is never counted.
  write(repo, 'sub/inner.rs', 'fn inner() {}\n');
  git(repo, 'update-index', '--add', '--cacheinfo', '160000,0123456789abcdef0123456789abcdef01234567,sub');
  git(repo, 'commit', '-q', '-m', 'fixture');
  // Untracked and ignored files are not in the tree.
  write(repo, 'src/untracked.rs', 'fn untracked() {}\n');
  write(repo, 'target/debug/build/out.rs', 'fn generated() {}\n');
  git(repo, 'remote', 'add', 'origin', 'https://github.com/fixture-org/fixture-repo.git');
  head = git(repo, 'rev-parse', 'HEAD').trim();
}, 120_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('measure:rust on a generated git checkout', { timeout: 60_000 }, () => {
  const FIELDS = {
    commit: '',
    commitDate: COMMIT_DATE,
    headDate: COMMIT_DATE,
    files: 7,
    bytes: 169,
    lines: 19,
    codeLines: 11,
    bytesRaw: 260,
    rustShare: 80.9,
    programmingBytes: 209,
    languages: 'Rust 80.9%, Go 6.2%, TypeScript 5.3%, Python 4.3%, C 3.3%',
  };

  it('reports the counts, the language mix and what was left out (--json)', async () => {
    const r = await measure(repo, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [m] = JSON.parse(r.stdout);
    expect(m).toMatchObject({
      path: repo,
      workTree: repo,
      commit: head,
      commitDate: COMMIT_DATE,
      rust: { files: 7, bytes: 169, lines: 19, codeLines: 11 },
      rustRaw: { files: 15, bytes: 260, lines: 28, codeLines: 19 },
      // Rust 169 + Go 13 + TypeScript 11 + Python 9 + C 7; Markdown and .gitignore are not programming
      programmingBytes: 209,
      rustShare: 80.9, // 169 / 209
      symlinks: 1,
      submodules: ['sub'],
      missing: [],
      fields: { ...FIELDS, commit: head },
    });
    expect(m.dirty).toBeUndefined();
    expect(
      Object.fromEntries(m.excluded.map((g: { label: string; rustFiles: number }) => [g.label, g.rustFiles])),
    ).toEqual({
      '3rdparty/': 1,
      'node_modules/': 1,
      'third_party/': 1,
      'top-level docs/': 1,
      'top-level examples/': 1,
      'top-level samples/': 1,
      'vendor/': 2,
    });
    expect(m.notes).toContain('programming languages: Rust 80.9%, Go 6.2%, TypeScript 5.3%, Python 4.3%, C 3.3%');
    expect(m.notes).toContain('submodules not counted: sub');
    expect(m.notes).toContain('Rust incl. left out: 15 files, 28 lines');
  });

  it('prints a table by default (a real run)', () => {
    const r = spawned(repo);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(
      /^repository\s+commit\s+commit date\s+files\s+bytes\s+lines\s+code lines\s+bytes raw\s+Rust %$/,
    );
    expect(lines[2].split(/\s+/)).toEqual([
      repo,
      head.slice(0, 12),
      COMMIT_DATE,
      '7',
      '169',
      '19',
      '11',
      '260',
      '80.9',
    ]);
    expect(r.stdout).toContain('1 symlinks not followed');
  });

  it('measures a bare copy the same, and an older commit with --commit', async () => {
    const bare = path.join(tmp, 'bare.git');
    git(tmp, 'clone', '-q', '--bare', repo, bare);
    const [m] = JSON.parse((await measure(bare, '--json')).stdout);
    expect(m.workTree).toBeUndefined();
    expect(m.fields).toEqual({ ...FIELDS, commit: head });
    const [old] = JSON.parse((await measure(bare, '--json', '--commit', 'HEAD~1')).stdout);
    expect(old.commit).toBe(git(repo, 'rev-parse', 'HEAD~1').trim());
    expect(old.rust).toEqual({ files: 1, bytes: 10, lines: 1, codeLines: 1 });
    // The older commit's own date, and the copy's newest commit as the repository's last one.
    expect(old.fields).toMatchObject({ commitDate: FIRST_DATE, headDate: COMMIT_DATE });
  });

  it('measures the commit, never the working tree, of a dirty checkout, and says so', async () => {
    const dirty = path.join(tmp, 'dirty');
    git(tmp, 'clone', '-q', repo, dirty);
    write(dirty, 'src/lib.rs', 'fn changed() {}\n'.repeat(100)); // modified, not staged
    write(dirty, 'src/staged.rs', 'fn staged() {}\n'); // staged, not committed
    git(dirty, 'add', 'src/staged.rs');
    write(dirty, 'src/untracked.rs', 'fn untracked() {}\n');
    const r = await measure(dirty, '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      `has uncommitted changes; measured the content of commit ${head.slice(0, 12)} from git objects, not the working tree`,
    );
    const [m] = JSON.parse(r.stdout);
    expect(m.dirty).toBe(true);
    expect(m.fields).toEqual({ ...FIELDS, commit: head });
  });

  it('refuses a directory inside a checkout, a plain directory and a missing one', async () => {
    const inside = await measure(path.join(repo, 'src'));
    expect(inside.code).toBe(2);
    expect(inside.stderr).toContain(`is inside the git checkout ${repo}`);
    const plain = mkdtempSync(path.join(tmpdir(), 'measure-plain-'));
    try {
      const r = await measure(plain);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('not a git repository');
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
    const missing = await measure(path.join(tmp, 'nope'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('not a git repository');
    expect((await measure()).code).toBe(2);
  });
});

describe('measure:rust --update', { timeout: 60_000 }, () => {
  const entryText = readFileSync(path.join(root, 'content/projects/chaos-mesh.mdx'), 'utf8');
  const entry = readFrontmatter(entryText) as { rustRepos: { repo: string; measurement: Record<string, unknown> }[] };

  /** The entry with no `otherRepos` list, for the test that creates one. */
  const withoutOtherRepos = (text: string): string => {
    const lines = text.split('\n');
    const start = lines.indexOf('otherRepos:');
    if (start < 0) return text;
    let end = start + 1;
    while (end < lines.length && /^[ -]/.test(lines[end])) end++;
    return [...lines.slice(0, start), ...lines.slice(end)].join('\n');
  };

  function contentCopy(text = entryText): { dir: string; file: string } {
    const dir = mkdtempSync(path.join(tmp, 'content-'));
    const file = path.join(dir, 'projects', 'chaos-mesh.mdx');
    write(dir, 'projects/chaos-mesh.mdx', text);
    return { dir, file };
  }

  it('changes only the measurement lines of the matching rustRepos item', async () => {
    const target = 1;
    const { repo: name, measurement: before } = entry.rustRepos[target];
    const { dir, file } = contentCopy();
    const r = await measure(repo, '--update', 'chaos-mesh', '--repo', name, '--content', dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const after = readFileSync(file, 'utf8');
    const a = entryText.split('\n');
    const b = after.split('\n');
    const fresh = {
      commit: head,
      commitDate: COMMIT_DATE,
      headDate: COMMIT_DATE,
      files: 7,
      bytes: 169,
      lines: 19,
      codeLines: 11,
      bytesRaw: 260,
      rustShare: 80.9,
      programmingBytes: 209,
      languages: 'Rust 80.9%, Go 6.2%, TypeScript 5.3%, Python 4.3%, C 3.3%',
    };
    const added = Object.keys(fresh).filter((k) => !(k in before));
    expect(b.length).toBe(a.length + added.length);
    // Apart from measurement lines, the text is the same, line for line.
    const measurementLine =
      /^ {6}(commit|commitDate|headDate|files|bytes|lines|codeLines|bytesRaw|rustShare|programmingBytes|languages): /;
    const diff = (x: string[], y: string[]) => x.filter((line) => !y.includes(line));
    for (const line of [...diff(a, b), ...diff(b, a)]) expect(line).toMatch(measurementLine);
    expect(diff(b, a).length).toBeGreaterThan(0);
    const data = readFrontmatter(after) as typeof entry;
    expect(data.rustRepos[target].measurement).toEqual({ ...before, ...fresh });
    const rest = (d: typeof entry) => ({ ...d, rustRepos: d.rustRepos.filter((_, i) => i !== target) });
    expect(rest(data)).toEqual(rest(entry));
    expect(after.slice(after.lastIndexOf('\n---'))).toBe(entryText.slice(entryText.lastIndexOf('\n---')));
  });

  it('derives the repository from origin, and needs --role to add a new item', async () => {
    const { dir, file } = contentCopy();
    const refused = await measure(repo, '--update', 'chaos-mesh', '--content', dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('lists no rustRepos item for fixture-org/fixture-repo: pass --role');
    expect(readFileSync(file, 'utf8')).toBe(entryText);

    const added = await measure(repo, '--update', 'chaos-mesh', '--content', dir, '--role', 'Fixture crate for tests');
    expect(added.code).toBe(0);
    const after = readFileSync(file, 'utf8');
    const data = readFrontmatter(after) as typeof entry;
    expect(data.rustRepos).toHaveLength(entry.rustRepos.length + 1);
    expect(data.rustRepos.at(-1)).toEqual({
      repo: 'fixture-org/fixture-repo',
      role: 'Fixture crate for tests',
      measurement: {
        commit: head,
        commitDate: COMMIT_DATE,
        headDate: COMMIT_DATE,
        files: 7,
        bytes: 169,
        lines: 19,
        codeLines: 11,
        bytesRaw: 260,
        rustShare: 80.9,
        programmingBytes: 209,
        languages: 'Rust 80.9%, Go 6.2%, TypeScript 5.3%, Python 4.3%, C 3.3%',
      },
    });
    // Only lines were added, all of them inside the frontmatter.
    const oldLines = entryText.split('\n');
    const newLines = after.split('\n');
    const insertedAt = newLines.findIndex((line, i) => line !== oldLines[i]);
    expect([...newLines.slice(0, insertedAt), ...newLines.slice(insertedAt + 14)]).toEqual(oldLines);
  });

  it('keeps CRLF line endings', async () => {
    const crlf = entryText.replaceAll('\n', '\r\n');
    const { dir, file } = contentCopy(crlf);
    expect(
      (await measure(repo, '--update', 'chaos-mesh', '--repo', entry.rustRepos[0].repo, '--content', dir)).code,
    ).toBe(0);
    const after = readFileSync(file, 'utf8');
    expect(after).not.toBe(crlf);
    expect(after.replaceAll('\r\n', '')).not.toContain('\n');
  });

  it("writes the project's code without Rust into otherRepos with --other, creating the list after rustRepos", async () => {
    const goOnly = path.join(tmp, 'go-only');
    mkdirSync(goOnly);
    git(goOnly, 'init', '-q');
    const server = 'package main\n\nfunc main() {}\n';
    write(goOnly, 'main.go', server);
    write(goOnly, 'README.md', '# Server\n');
    git(goOnly, 'add', '-A');
    git(goOnly, 'commit', '-q', '-m', 'server');
    const { dir, file } = contentCopy(withoutOtherRepos(entryText));
    const r = await measure(
      goOnly,
      '--update',
      'chaos-mesh',
      '--repo',
      'chaos-mesh/server',
      '--role',
      'The server',
      '--other',
      '--content',
      dir,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('added chaos-mesh/server to');
    const after = readFileSync(file, 'utf8');
    const data = readFrontmatter(after) as typeof entry & { otherRepos: unknown[] };
    expect(data.rustRepos).toEqual(entry.rustRepos);
    expect(data.otherRepos).toEqual([
      {
        repo: 'chaos-mesh/server',
        role: 'The server',
        measurement: {
          commit: git(goOnly, 'rev-parse', 'HEAD').trim(),
          commitDate: COMMIT_DATE,
          headDate: COMMIT_DATE,
          files: 0,
          bytes: 0,
          lines: 0,
          codeLines: 0,
          bytesRaw: 0,
          rustShare: 0,
          programmingBytes: Buffer.byteLength(server),
          languages: 'Go 100%',
        },
      },
    ]);
    // The new list comes right after rustRepos, before the next key.
    const lines = after.split('\n');
    expect(lines[lines.indexOf('otherRepos:') - 1]).toMatch(/^ {6}\w+: /);
    // Measured again, the item is updated in place.
    expect(
      (await measure(goOnly, '--update', 'chaos-mesh', '--repo', 'chaos-mesh/server', '--other', '--content', dir))
        .stdout,
    ).toContain('chaos-mesh/server already up to date in');
  });

  it('refuses --other for a repository with Rust, and a Rust repository re-measured as other code', async () => {
    const { dir, file } = contentCopy();
    const withRust = await measure(
      repo,
      '--update',
      'chaos-mesh',
      '--repo',
      'a/b',
      '--role',
      'x',
      '--other',
      '--content',
      dir,
    );
    expect(withRust.code).toBe(2);
    expect(withRust.stderr).toContain(
      'a/b holds 7 Rust files (169 bytes): a repository with Rust belongs in rustRepos',
    );
    expect(readFileSync(file, 'utf8')).toBe(entryText);
    expect((await measure(repo, '--other')).stderr).toContain(
      '--repo, --role, --other and --notes only apply with --update',
    );
  });

  it('refuses an unknown entry and a checkout without commits', async () => {
    const { dir } = contentCopy();
    const unknown = await measure(repo, '--update', 'no-such-entry', '--content', dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no entry');
    const empty = path.join(tmp, 'empty-repo');
    mkdirSync(empty);
    git(empty, 'init', '-q');
    const r = await measure(empty, '--update', 'chaos-mesh', '--repo', 'a/b', '--content', dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no commit "HEAD"');
  });
});

describe('measure:rust --roles and --files', { timeout: 60_000 }, () => {
  it('splits the counted Rust code lines by what they are for (--roles)', async () => {
    const r = await measure(repo, '--json', '--roles');
    expect(r.code).toBe(0);
    const [m] = JSON.parse(r.stdout);
    // Of the 11 counted code lines, the crate example's one is an example; the rest is shipped.
    expect(m.rustByRole).toEqual({
      shipped: { files: 6, codeLines: 10 },
      tests: { files: 0, codeLines: 0 },
      examples: { files: 1, codeLines: 1 },
      benches: { files: 0, codeLines: 0 },
      fuzz: { files: 0, codeLines: 0 },
    });
    const text = await measure(repo, '--roles');
    expect(text.stdout).toContain(
      `${repo}: Rust by role: shipped 10 code lines (6 files), examples 1 code lines (1 files)`,
    );
  });

  it('counts a directory of files read at a recorded commit like the tree of that commit', async () => {
    const files = path.join(tmp, 'files');
    for (const [file, content] of Object.entries({ ...COUNTED, ...EXCLUDED, ...OTHERS })) write(files, file, content);
    // A sparse checkout's .git directory is not counted.
    write(files, '.git/hooks/x.rs', 'fn not_counted() {}\n');
    const commit = 'c'.repeat(40);
    const r = await measure(
      '--files',
      files,
      '--repo',
      'big/repo',
      '--commit',
      commit,
      '--commit-date',
      '2026-11-02',
      '--json',
      '--roles',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [m] = JSON.parse(r.stdout);
    // The same figures as the tree (the fixture's first test), but for the symlink and submodule it cannot hold.
    expect(m).toMatchObject({
      commit,
      commitDate: '2026-11-02',
      rust: { files: 7, bytes: 169, lines: 19, codeLines: 11 },
      rustRaw: { files: 15, bytes: 260, lines: 28, codeLines: 19 },
      programmingBytes: 209,
      rustShare: 80.9,
      rustByRole: expect.objectContaining({ shipped: { files: 6, codeLines: 10 } }),
    });
    expect(m.notes).toMatch(
      /^files read one by one at the commit, not the whole repository \(\d+ files; \.gitattributes not applied\); /,
    );
    const table = await measure('--files', files, '--repo', 'big/repo', '--commit', commit);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/big\/repo\s+cccccccccccc\s+7\s+169\s+19\s+11\s+260\s+80\.9/);
  });

  it('refuses --files without the repository and the full commit it was read at', async () => {
    const files = path.join(tmp, 'files');
    expect((await measure('--files', files, '--commit', 'c'.repeat(40))).stderr).toContain(
      '--files needs --repo owner/name',
    );
    expect((await measure('--files', files, '--repo', 'big/repo', '--commit', 'abc')).stderr).toContain(
      '--files needs --commit with the full 40-character commit',
    );
    expect((await measure('--files', files, '--repo', 'big/repo', '--commit', 'c'.repeat(40), repo)).code).toBe(2);
    expect(
      (await measure('--files', path.join(tmp, 'nope'), '--repo', 'big/repo', '--commit', 'c'.repeat(40))).code,
    ).toBe(2);
    expect((await measure(repo, '--commit-date', '2026-01-01')).stderr).toContain(
      '--commit-date only applies with --files',
    );
  });
});
