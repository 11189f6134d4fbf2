/**
 * Crate extraction on git repositories built here: a workspace with published and
 * unpublished crates, member globs and `exclude`, workspace inheritance of versions and
 * dependencies, a renamed, a git, a path and a target-specific dependency, a Cargo.lock in
 * v3 then v4 format (and v1), a repository without a top manifest, one without any, a git
 * submodule as a member; then `npm run crates` end to end over a content tree.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { extractCrates } from '../../scripts/lib/crates/extract.ts';
import { MAX_MANIFEST_BYTES, hasCommit, readCargoFiles } from '../../scripts/lib/crates/git-files.ts';
import { parseLockfile } from '../../scripts/lib/crates/lockfile.ts';
import { formatJson, keepDate, parseCratesFile, serializeCratesFile } from '../../scripts/lib/crates/crates-file.ts';
import { cratesFileSchema, type CrateRecord } from '../../src/schemas/crates.ts';
import { addGitlink, commitFiles, git, initRepo } from '../helpers/git-fixtures.ts';
import { runInProcess } from '../helpers/cli.ts';
import { main as cratesMain } from '../../scripts/crates.ts';

const ROOT_MANIFEST = `
[workspace]
members = ["crates/*", "tools/cli"]
exclude = ["crates/skipped"]

[workspace.package]
version = "1.2.3"
publish = true

[workspace.dependencies]
tokio = { version = "1.40", features = ["full"] }
serde = "1.0"
shared-util = { path = "crates/util", version = "1.2.3" }
`;

const CORE = `
[package]
name = "ws-core"
version.workspace = true
edition = "2021"

[dependencies]
tokio = { workspace = true, optional = true }
serde.workspace = true
http1 = { package = "hyper", version = "0.14" }
tower = { git = "https://github.com/tower-rs/tower", branch = "master" }
util = { path = "../util", package = "shared-util" }

[target.'cfg(unix)'.dependencies]
nix = "0.27"

[dev-dependencies]
tempfile = "3"

[build-dependencies]
prost-build = "0.12"
`;

const UTIL = `
[package]
name = "shared-util"
version = "1.2.3"
publish = false
`;

const CLI = `
[package]
name = "ws-cli"
version = "0.1.0"
publish = []

[dependencies]
ws-core = { path = "../../crates/core" }
helper = { path = "../../extra/helper" }
clap = "4"
`;

const HELPER = `
[package]
name = "ws-helper"
version = "0.0.1"
`;

const SKIPPED = `
[package]
name = "skipped"
version = "9.9.9"
`;

const lock = (header: string, registry: string) => `${header}
[[package]]
name = "ws-core"
version = "1.2.3"
dependencies = ["hyper", "tokio", "tower"]

[[package]]
name = "hyper"
version = "0.14.30"
source = "${registry}"

[[package]]
name = "tokio"
version = "1.41.0"
source = "${registry}"

[[package]]
name = "tokio"
version = "0.2.25"
source = "${registry}"

[[package]]
name = "tower"
version = "0.5.0"
source = "git+https://github.com/tower-rs/tower?branch=master#0123456789abcdef0123456789abcdef01234567"
`;

const LOCK_V3 = lock('# generated\nversion = 3\n', 'registry+https://github.com/rust-lang/crates.io-index');
const LOCK_V4 = lock('version = 4\n', 'sparse+https://index.crates.io/');

// git and a Node process per case: sized for a loaded two-core machine.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

let tmp: string;
let mirror: string;
let wsDir: string;
let v3: string;
let v4: string;
let looseDir: string;
let loose: string;
let emptyDir: string;
let empty: string;

beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'crates-test-'));
  mirror = path.join(tmp, 'mirror');
  wsDir = path.join(mirror, 'fixture+workspace', 'repo');
  initRepo(wsDir);
  v3 = commitFiles(
    wsDir,
    {
      'Cargo.toml': ROOT_MANIFEST,
      'Cargo.lock': LOCK_V3,
      'crates/core/Cargo.toml': CORE,
      'crates/util/Cargo.toml': UTIL,
      'crates/skipped/Cargo.toml': SKIPPED,
      'tools/cli/Cargo.toml': CLI,
      'extra/helper/Cargo.toml': HELPER,
      'crates/core/src/lib.rs': 'pub fn f() {}\n',
    },
    '2024-03-01T10:00:00+00:00',
  );
  v4 = commitFiles(wsDir, { 'Cargo.lock': LOCK_V4 }, '2025-03-01T10:00:00+00:00', 'lock v4');

  looseDir = path.join(mirror, 'fixture+loose', 'repo');
  initRepo(looseDir);
  loose = (() => {
    commitFiles(
      looseDir,
      {
        'svc/Cargo.toml': '[package]\nname = "svc"\nversion = "0.3.0"\n[dependencies]\nserde = "1"\n',
        'svc/Cargo.lock':
          '[[package]]\nname = "serde"\nversion = "1.0.1"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\n\n[metadata]\n"checksum serde 1.0.1 (registry+https://github.com/rust-lang/crates.io-index)" = "abc"\n',
        'svc/inner/Cargo.toml': '[package]\nname = "inner"\nversion = "0.1.0"\n',
        'examples/demo/Cargo.toml': '[package]\nname = "demo"\nversion = "0.1.0"\n',
        'go/main.go': 'package main\n',
      },
      '2024-05-01T10:00:00+00:00',
    );
    return git(looseDir, ['rev-parse', 'HEAD']).trim();
  })();

  emptyDir = path.join(mirror, 'fixture+empty', 'repo');
  initRepo(emptyDir);
  empty = commitFiles(emptyDir, { 'main.go': 'package main\n' }, '2024-05-01T10:00:00+00:00');
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const gitDirOf = (dir: string) => path.join(dir, '.git');

describe('a workspace read from git', () => {
  it('finds the members by glob, minus exclude, plus path dependencies inside the workspace', async () => {
    const { files } = await readCargoFiles(gitDirOf(wsDir), v3);
    const r = extractCrates(files);
    expect(r.crates.map((c) => `${c.name} ${c.path}`)).toEqual([
      'shared-util crates/util',
      'ws-cli tools/cli',
      'ws-core crates/core',
      'ws-helper extra/helper',
    ]);
    expect(r.workspaces).toEqual([{ root: '', lock: { path: 'Cargo.lock', version: 3 } }]);
    expect(r.notes).toEqual([]);
  });

  it('resolves versions and publish, inherited or not', async () => {
    const r = extractCrates((await readCargoFiles(gitDirOf(wsDir), v3)).files);
    const by = Object.fromEntries(r.crates.map((c) => [c.name, c]));
    expect(by['ws-core']).toMatchObject({ version: '1.2.3', publish: true });
    expect(by['shared-util']).toMatchObject({ version: '1.2.3', publish: false });
    expect(by['ws-cli']).toMatchObject({ version: '0.1.0', publish: false }); // publish = []
    expect(by['ws-helper']).toMatchObject({ version: '0.0.1', publish: true });
  });

  it('reads each dependency with its kind, target, source, rename and inheritance', async () => {
    const r = extractCrates((await readCargoFiles(gitDirOf(wsDir), v3)).files);
    const core = r.crates.find((c) => c.name === 'ws-core')!;
    expect(core.dependencies).toEqual([
      { name: 'tokio', kind: 'normal', source: 'registry', req: '1.40', optional: true, workspace: true },
      { name: 'serde', kind: 'normal', source: 'registry', req: '1.0', workspace: true },
      { name: 'hyper', alias: 'http1', kind: 'normal', source: 'registry', req: '0.14' },
      { name: 'tower', kind: 'normal', source: 'git', git: 'https://github.com/tower-rs/tower' },
      { name: 'shared-util', alias: 'util', kind: 'normal', source: 'path', path: 'crates/util' },
      { name: 'nix', kind: 'normal', target: 'cfg(unix)', source: 'registry', req: '0.27' },
      { name: 'prost-build', kind: 'build', source: 'registry', req: '0.12' },
      { name: 'tempfile', kind: 'dev', source: 'registry', req: '3' },
    ]);
    const cli = r.crates.find((c) => c.name === 'ws-cli')!;
    expect(cli.dependencies.filter((d) => d.source === 'path').map((d) => d.path)).toEqual([
      'crates/core',
      'extra/helper',
    ]);
  });

  it('keeps every package a v3 lock resolves from outside, and none of the workspace', async () => {
    const r = extractCrates((await readCargoFiles(gitDirOf(wsDir), v3)).files);
    expect(r.locked).toEqual([
      { name: 'hyper', version: '0.14.30', source: 'registry' },
      { name: 'tokio', version: '0.2.25', source: 'registry' },
      { name: 'tokio', version: '1.41.0', source: 'registry' },
      { name: 'tower', version: '0.5.0', source: 'git' },
    ]);
  });

  it('reads the same packages from a v4 lock (sparse registry) at the next commit', async () => {
    const r = extractCrates((await readCargoFiles(gitDirOf(wsDir), v4)).files);
    expect(r.workspaces[0].lock).toEqual({ path: 'Cargo.lock', version: 4 });
    expect(r.locked.map((p) => `${p.name}@${p.version}:${p.source}`)).toEqual([
      'hyper@0.14.30:registry',
      'tokio@0.2.25:registry',
      'tokio@1.41.0:registry',
      'tower@0.5.0:git',
    ]);
  });

  it('says whether a commit is in the copy', async () => {
    expect(await hasCommit(gitDirOf(wsDir), v3)).toBe(true);
    expect(await hasCommit(gitDirOf(wsDir), 'f'.repeat(40))).toBe(false);
  });
});

describe('repositories without a top manifest', () => {
  it('reads the outermost manifests, skipping examples, and a v1 lock', async () => {
    const r = extractCrates((await readCargoFiles(gitDirOf(looseDir), loose)).files);
    expect(r.crates.map((c) => c.name)).toEqual(['svc']);
    expect(r.workspaces).toEqual([{ root: 'svc', lock: { path: 'svc/Cargo.lock', version: 1 } }]);
    expect(r.locked).toEqual([{ name: 'serde', version: '1.0.1', source: 'registry' }]);
    expect(r.notes).toEqual([
      'No Cargo.toml at the top: read the outermost manifest (svc)',
      'Skipped 1 outermost manifest under example, test, fixture or vendored directories',
    ]);
  });

  it('records a repository with no Cargo.toml as having no workspace', async () => {
    const r = extractCrates((await readCargoFiles(gitDirOf(emptyDir), empty)).files);
    expect(r).toEqual({ workspaces: [], crates: [], locked: [], notes: ['No Cargo.toml in the tree'] });
  });
});

describe('manifests and locks that Cargo would refuse', () => {
  const files = (entries: Record<string, string>) => new Map(Object.entries(entries));

  it('names the file, line and column of invalid TOML', () => {
    expect(() => extractCrates(files({ 'Cargo.toml': '[package]\nname = "x"\nversion = \n' }))).toThrow(
      /^Cargo\.toml: not valid TOML \(line 3, column \d+\)/,
    );
  });

  it('names the dependency inherited from a workspace that does not declare it', () => {
    expect(() =>
      extractCrates(
        files({
          'Cargo.toml': '[workspace]\nmembers = ["a"]\n',
          'a/Cargo.toml': '[package]\nname = "a"\nversion = "1.0.0"\n[dependencies]\nrand = { workspace = true }\n',
        }),
      ),
    ).toThrow(
      'a/Cargo.toml: dependency "rand" says workspace = true, but Cargo.toml has no [workspace.dependencies] entry "rand"',
    );
  });

  it('names an inherited version the workspace does not give', () => {
    expect(() =>
      extractCrates(
        files({
          'Cargo.toml': '[workspace]\nmembers = ["a"]\n',
          'a/Cargo.toml': '[package]\nname = "a"\nversion.workspace = true\n',
        }),
      ),
    ).toThrow('a/Cargo.toml: package.version says workspace = true, but Cargo.toml has no [workspace.package] version');
  });

  it('refuses a lock format Cargo never wrote and a source it does not write', () => {
    expect(() => parseLockfile('Cargo.lock', 'version = 7\n')).toThrow(
      'Cargo.lock: expected a Cargo.lock format version from 1 to 4, got 7',
    );
    expect(() =>
      parseLockfile('Cargo.lock', '[[package]]\nname = "a"\nversion = "1.0.0"\nsource = "ftp://x"\n'),
    ).toThrow('Cargo.lock: package a 1.0.0 has a source Cargo does not write: ftp://x');
    expect(
      parseLockfile(
        'Cargo.lock',
        '[[package]]\nname = "a"\nversion = "1.0.0"\nsource = "registry+https://example.org/index"\n',
      ).version,
    ).toBe(2);
  });

  it('notes a member that is a git submodule, and a member glob that matches nothing', () => {
    const r = extractCrates(files({ 'Cargo.toml': '[workspace]\nmembers = ["deps/sub", "none/*"]\n' }), ['deps']);
    expect(r.notes).toEqual([
      'Cargo.toml: workspace member "deps/sub" is in the git submodule deps, not read',
      'Cargo.toml: workspace member "none/*" matches no Cargo.toml',
      'No Cargo.lock committed: only direct dependencies are known',
    ]);
  });

  it('keeps an excluded path that is also a literal member, as Cargo does', () => {
    const r = extractCrates(
      files({
        'Cargo.toml': '[workspace]\nmembers = ["a", "b/*"]\nexclude = ["a", "b/x"]\n',
        'a/Cargo.toml': '[package]\nname = "a"\nversion = "1.0.0"\n',
        'b/x/Cargo.toml': '[package]\nname = "bx"\nversion = "1.0.0"\n',
        'b/y/Cargo.toml': '[package]\nname = "by"\nversion = "1.0.0"\n',
      }),
    );
    expect(r.crates.map((c) => c.name)).toEqual(['a', 'by']);
  });
});

describe('the data file', () => {
  const record = (over: Partial<CrateRecord> = {}): CrateRecord => ({
    commit: 'a'.repeat(40),
    extracted: '2026-01-01',
    workspaces: [{ root: '' }],
    crates: [],
    locked: [],
    ...over,
  });

  it('keeps the previous date when nothing else changed', () => {
    expect(keepDate(record({ extracted: '2026-02-02' }), record()).extracted).toBe('2026-01-01');
    expect(
      keepDate(
        record({ extracted: '2026-02-02', locked: [{ name: 'a', version: '1.0.0', source: 'registry' }] }),
        record(),
      ).extracted,
    ).toBe('2026-02-02');
  });

  it('sorts records by repository, puts small objects on one line and round-trips', () => {
    const text = serializeCratesFile({
      'b/b': record(),
      'A/a': record({ locked: [{ name: 'x', version: '1.0.0', source: 'git' }] }),
    });
    expect(Object.keys(JSON.parse(text))).toEqual(['A/a', 'b/b']);
    expect(text).toContain('{"name":"x","version":"1.0.0","source":"git"}');
    expect(parseCratesFile('data/crates.json', text)).toEqual(JSON.parse(text));
    expect(formatJson({ a: [1, 2] })).toBe('{"a":[1,2]}');
  });

  it('refuses a record that breaks the schema, naming the file and the field', () => {
    const bad = JSON.stringify({ 'o/r': { ...record(), commit: 'abc' } });
    expect(() => parseCratesFile('data/crates.json', bad)).toThrow(
      'data/crates.json: o/r.commit: expected a 40-character git commit hash',
    );
    expect(() => parseCratesFile('data/crates.json', '{')).toThrow(/^data\/crates\.json: not valid JSON/);
    expect(cratesFileSchema.safeParse({ 'not a repo': record() }).success).toBe(false);
    expect(
      cratesFileSchema.safeParse({
        'o/r': { ...record(), crates: [{ name: 'a', path: '', publish: 'yes', dependencies: [] }] },
      }).success,
    ).toBe(false);
  });
});

describe('npm run crates', () => {
  let content: string;
  let out: string;
  // In-process through main; the run with a missing directory below is a real child process.
  const run = async () => {
    const r = await runInProcess('crates', cratesMain, ['--repos', mirror, '--content', content, '--out', out]);
    return { status: r.code, stdout: r.stdout, stderr: r.stderr };
  };

  /** A content tree with two entries made from a real one, citing the fixture repositories. */
  function writeEntries(commits: { ws: string; loose: string; empty: string }) {
    const tikv = readFileSync('content/projects/tikv.mdx', 'utf8');
    const entry = (repos: [string, string][]) =>
      tikv.replace(/rustRepos:\n[\s\S]*?\nreported:/, () => {
        const items = repos
          .map(
            ([repo, commit]) =>
              `  - repo: ${repo}\n    role: Fixture\n    measurement:\n      commit: ${commit}\n      commitDate: '2024-03-01T10:00:00+00:00'\n      files: 1\n      bytes: 14\n      lines: 1\n      codeLines: 1\n      bytesRaw: 14\n      rustShare: 100`,
          )
          .join('\n');
        return `rustRepos:\n${items}\nreported:`;
      });
    rmSync(content, { recursive: true, force: true });
    mkdirSync(path.join(content, 'projects'), { recursive: true });
    writeFileSync(
      path.join(content, 'projects', 'one.mdx'),
      entry([
        ['fixture/workspace', commits.ws],
        ['fixture/empty', commits.empty],
      ]),
    );
    writeFileSync(path.join(content, 'projects', 'two.mdx'), entry([['fixture/loose', commits.loose]]));
  }

  beforeAll(() => {
    content = path.join(tmp, 'content');
    out = path.join(tmp, 'crates.json');
  });

  it('writes a valid record per repository at the cited commits', async () => {
    writeEntries({ ws: v4, loose, empty });
    const result = await run();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const data = parseCratesFile(out, readFileSync(out, 'utf8'));
    expect(Object.keys(data)).toEqual(['fixture/empty', 'fixture/loose', 'fixture/workspace']);
    expect(data['fixture/workspace'].commit).toBe(v4);
    expect(data['fixture/workspace'].workspaces[0].lock?.version).toBe(4);
    expect(data['fixture/empty'].workspaces).toEqual([]);
    expect(result.stdout).toContain('3 repositories, 2 with Cargo workspaces, 5 crates');
  });

  it('reports a commit the copy lacks, keeps the other records and exits 1', async () => {
    writeEntries({ ws: 'e'.repeat(40), loose, empty });
    const result = await run();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `fixture/workspace (one): commit ${'e'.repeat(40)} is not in the copy (its HEAD is ${v4}`,
    );
    expect(result.stderr).toContain('no record');
    const data = parseCratesFile(out, readFileSync(out, 'utf8'));
    expect(Object.keys(data)).toEqual(['fixture/empty', 'fixture/loose']);
  });

  it('stops with exit 2 and writes nothing when the repositories directory is missing (a real run)', () => {
    const before = readFileSync(out, 'utf8');
    const result = spawnSync(
      process.execPath,
      ['scripts/crates.ts', '--mirror', path.join(tmp, 'nowhere'), '--content', content, '--out', out],
      { encoding: 'utf8' },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`no repositories directory at ${path.join(tmp, 'nowhere')}`);
    expect(readFileSync(out, 'utf8')).toBe(before);
  });

  it('stops with exit 2 and one line naming the file when a Cargo.toml is over its limit, writing nothing', async () => {
    const huge = path.join(mirror, 'fixture+huge', 'repo');
    initRepo(huge);
    // 1.2 MB of comments: parsing 50 MB once took the tool to 3.5 GB of memory.
    writeFileSync(path.join(huge, 'Cargo.toml'), `[package]\nname = "huge"\n${'# padding\n'.repeat(120_000)}`);
    git(huge, ['add', 'Cargo.toml']);
    git(huge, ['commit', '-q', '-m', 'huge'], '2024-01-01T00:00:00+00:00');
    const head = execFileSync('git', ['-C', huge, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    writeEntries({ ws: v4, loose, empty });
    const two = readFileSync(path.join(content, 'projects', 'two.mdx'), 'utf8');
    writeFileSync(
      path.join(content, 'projects', 'three.mdx'),
      two.replace('fixture/loose', 'fixture/huge').replace(`commit: ${loose}`, `commit: ${head}`),
    );
    const before = readFileSync(out, 'utf8');
    const result = await run();
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([
      `crates: fixture/huge: Cargo.toml at ${head.slice(0, 12)} is ${1_200_000 + '[package]\nname = "huge"\n'.length} bytes (expected at most ${MAX_MANIFEST_BYTES})`,
    ]);
    expect(readFileSync(out, 'utf8')).toBe(before);
    rmSync(path.join(content, 'projects', 'three.mdx'));
  });

  it('reads a submodule member as a note, not an error', () => {
    const sub = path.join(mirror, 'fixture+sub', 'repo');
    initRepo(sub);
    writeFileSync(path.join(sub, 'Cargo.toml'), '[workspace]\nmembers = ["dep/core"]\n');
    git(sub, ['add', 'Cargo.toml']);
    addGitlink(sub, 'dep');
    git(sub, ['commit', '-q', '-m', 'sub'], '2024-01-01T00:00:00+00:00');
    const head = execFileSync('git', ['-C', sub, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    return readCargoFiles(path.join(sub, '.git'), head).then(({ files, submodules }) => {
      expect(submodules).toEqual(['dep']);
      expect(extractCrates(files, submodules).notes[0]).toBe(
        'Cargo.toml: workspace member "dep/core" is in the git submodule dep, not read',
      );
    });
  });
});
