/**
 * Unsafe code of a repository read from git: the Rust files the line counter counts (vendored
 * and generated files left out, by path rule and by .gitattributes), the files with the most,
 * and each crate's root (library, `[lib] path`, main binary) read for its unsafe_code lint;
 * then `npm run unsafe` end to end over a content tree and crate records.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { serializeCratesFile } from '../../scripts/lib/crates/crates-file.ts';
import { rustParser } from '../../scripts/lib/rust-grammar.ts';
import { crateRoot, unsafeOfTree } from '../../scripts/lib/unsafe/tree.ts';
import { parseUnsafeFile } from '../../scripts/lib/unsafe/unsafe-file.ts';
import { commitFiles, initRepo } from '../helpers/git-fixtures.ts';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

let tmp: string;
let repoDir: string;
let commit: string;

const CRATES = [
  { name: 'core', path: 'crates/core' },
  { name: 'custom', path: 'crates/custom' },
  { name: 'tool', path: 'tools/tool' },
  { name: 'empty', path: 'crates/empty' },
];

beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'unsafe-test-'));
  repoDir = path.join(tmp, 'mirror', 'fixture+unsafe', 'repo');
  initRepo(repoDir);
  commit = commitFiles(
    repoDir,
    {
      '.gitattributes': 'gen/** linguist-generated\n',
      'crates/core/Cargo.toml': '[package]\nname = "core"\n',
      'crates/core/src/lib.rs': '#![forbid(unsafe_code)]\npub fn safe() {}\n',
      'crates/custom/Cargo.toml': '[package]\nname = "custom"\n[lib]\npath = "lib/root.rs"\n',
      'crates/custom/lib/root.rs': '#![deny(unsafe_code)]\nmod ffi;\n',
      'crates/custom/lib/ffi.rs':
        'extern "C" { fn c(); }\npub fn call() { unsafe { c() } }\nunsafe impl Send for S {}\n',
      'tools/tool/Cargo.toml': '[package]\nname = "tool"\n',
      'tools/tool/src/main.rs': 'fn main() { unsafe { f() } }\nunsafe fn f() {}\n',
      'crates/empty/Cargo.toml': '[package]\nname = "empty"\n',
      'vendor/dep/src/lib.rs': 'pub fn v() { unsafe { w() } }\n',
      'gen/bindings.rs': 'extern "C" { fn g(); }\n',
      'README.md': 'unsafe { not rust }\n',
    },
    '2024-05-01T10:00:00+00:00',
  );
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('a repository read from git', () => {
  it('counts the files the line counter counts, names the hot spots and the crates that forbid or deny unsafe code', async () => {
    const record = await unsafeOfTree({
      gitDir: path.join(repoDir, '.git'),
      commit,
      parser: await rustParser(),
      crates: CRATES,
      today: '2024-06-01',
      grammar: 'tree-sitter-rust test',
    });
    expect(record).toMatchObject({
      commit,
      counted: '2024-06-01',
      files: 4,
      unsafe: { blocks: 2, functions: 1, impls: 1, traits: 0, externBlocks: 1 },
      filesWithUnsafe: 2,
      parseErrors: 0,
      crateRoots: 3,
    });
    expect(record.hotspots).toEqual([
      { path: 'crates/custom/lib/ffi.rs', unsafe: 3 },
      { path: 'tools/tool/src/main.rs', unsafe: 2 },
    ]);
    expect(record.crates).toEqual([
      { name: 'core', path: 'crates/core', root: 'crates/core/src/lib.rs', lint: 'forbid' },
      { name: 'custom', path: 'crates/custom', root: 'crates/custom/lib/root.rs', lint: 'deny' },
    ]);
  });

  it('finds a crate root as Cargo does: [lib] path, src/lib.rs, then [[bin]] path or src/main.rs', () => {
    const have =
      (...files: string[]) =>
      (p: string) =>
        files.includes(p);
    expect(crateRoot('c', {}, have('c/src/lib.rs', 'c/src/main.rs'))).toBe('c/src/lib.rs');
    expect(crateRoot('c', {}, have('c/src/main.rs'))).toBe('c/src/main.rs');
    expect(crateRoot('', { lib: { path: 'lib.rs' } }, have('lib.rs'))).toBe('lib.rs');
    expect(crateRoot('c', { bin: [{ name: 'x', path: 'bin/x.rs' }] }, have('c/bin/x.rs'))).toBe('c/bin/x.rs');
    expect(crateRoot('c', {}, have())).toBeUndefined();
  });
});

describe('npm run unsafe', () => {
  let content: string;
  let crates: string;
  let out: string;
  const run = (...args: string[]) => spawnSync(process.execPath, ['scripts/unsafe.ts', ...args], { encoding: 'utf8' });

  function writeInputs(repos: string[], at: () => string) {
    const tikv = readFileSync('content/projects/tikv.mdx', 'utf8');
    const items = repos
      .map(
        (repo) =>
          `  - repo: ${repo}\n    role: Fixture\n    measurement:\n      commit: ${at()}\n      commitDate: '2024-05-01T10:00:00+00:00'\n      files: 4\n      bytes: 100\n      lines: 8\n      codeLines: 8\n      bytesRaw: 200\n      rustShare: 100`,
      )
      .join('\n');
    rmSync(content, { recursive: true, force: true });
    mkdirSync(path.join(content, 'projects'), { recursive: true });
    writeFileSync(
      path.join(content, 'projects', 'one.mdx'),
      tikv.replace(/rustRepos:\n[\s\S]*?\nreported:/, () => `rustRepos:\n${items}\nreported:`),
    );
    const record = { commit: at(), extracted: '2024-05-01', workspaces: [{ root: '' }], locked: [] };
    writeFileSync(
      crates,
      serializeCratesFile(
        Object.fromEntries(
          repos.map((r) => [r, { ...record, crates: CRATES.map((c) => ({ ...c, publish: true, dependencies: [] })) }]),
        ),
      ),
    );
  }

  beforeAll(() => {
    content = path.join(tmp, 'content');
    crates = path.join(tmp, 'crates.json');
    out = path.join(tmp, 'unsafe.json');
  });

  it('writes a record per repository at the cited commit', () => {
    writeInputs(['fixture/unsafe'], () => commit);
    const result = run('--repos', path.join(tmp, 'mirror'), '--content', content, '--crates', crates, '--out', out);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const file = parseUnsafeFile(out, readFileSync(out, 'utf8'));
    expect(file['fixture/unsafe']).toMatchObject({ commit, files: 4, filesWithUnsafe: 2 });
    expect(file['fixture/unsafe'].grammar).toMatch(/^tree-sitter-rust \d+\.\d+\.\d+$/);
  });

  it('names a repository without a copy, keeps the others and exits 1', () => {
    writeInputs(['fixture/unsafe', 'fixture/missing'], () => commit);
    const result = run('--repos', path.join(tmp, 'mirror'), '--content', content, '--crates', crates, '--out', out);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('fixture/missing (one): no git copy under');
    expect(Object.keys(parseUnsafeFile(out, readFileSync(out, 'utf8')))).toEqual(['fixture/unsafe']);
  });

  it('asks for --repos when neither it nor CATALOG_REPOS is given', () => {
    const result = spawnSync(process.execPath, ['scripts/unsafe.ts', '--content', content], {
      encoding: 'utf8',
      env: { ...process.env, CATALOG_REPOS: '' },
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--repos is required');
  });
});
