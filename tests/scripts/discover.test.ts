/**
 * discover end to end: the real CLI in a child process, over a fixture landscape, entries
 * written here and git repositories built here in every supported layout; cloning from a
 * local file:// "remote"; the GitHub languages API against a fake server on 127.0.0.1.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cloneArgs } from '../../scripts/lib/discover.ts';
import { commitFiles, git, initRepo } from '../helpers/git-fixtures.ts';
import { runInProcess } from '../helpers/cli.ts';
import { main as discoverMain } from '../../scripts/discover.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const node = path.join(root, 'node_modules/.bin/node');
const script = path.join(root, 'scripts/discover.ts');
const LANDSCAPE = path.join(root, 'tests/fixtures/discover/landscape.yml');
const DATE = '2025-03-04T05:06:07+00:00';

let tmp: string;
let repos: string;
let content: string;
let remote: string;

const DEFAULTS = () => ['--content', content, '--landscape', LANDSCAPE, '--date', '2026-12-01'];

/** Runs the command's main in-process (the fake API server answers on the same event loop). */
async function discover(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  vi.stubEnv('GITHUB_TOKEN', '');
  try {
    return await runInProcess('discover', discoverMain, [...DEFAULTS(), ...args]);
  } finally {
    vi.unstubAllEnvs();
  }
}

/** Runs the command as a child process, for its exit code and output as a shell sees them. */
function spawned(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(node, [script, ...DEFAULTS(), ...args], {
      cwd: root,
      env: { ...process.env, GITHUB_TOKEN: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A bare repository at `dest` holding `files`. */
function bareRepo(dest: string, files: Record<string, string>): void {
  const work = mkdtempSync(path.join(tmp, 'work-'));
  initRepo(work);
  commitFiles(work, files, DATE);
  mkdirSync(path.dirname(dest), { recursive: true });
  git(tmp, ['clone', '-q', '--bare', work, dest]);
}

function entry(slug: string, fields: string): void {
  mkdirSync(path.join(content, 'projects'), { recursive: true });
  writeFileSync(path.join(content, 'projects', `${slug}.mdx`), `---\n${fields.trim()}\n---\n\nText.\n`);
}

beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'discover-test-'));
  repos = path.join(tmp, 'repos');
  content = path.join(tmp, 'content');
  remote = path.join(tmp, 'remote');
  // Alpha: 1,200 Rust code lines, no entry; in the fetch tool's layout.
  bareRepo(path.join(repos, 'fix+alpha', 'repo'), { 'src/lib.rs': 'fn x() {}\n'.repeat(1200), 'go.go': 'package x\n' });
  // Beta: an entry says pure, but Go now outweighs its Rust (11,000 / 31,000 bytes).
  bareRepo(path.join(repos, 'fix+beta.git'), {
    'src/lib.rs': 'fn b() {}\n'.repeat(1100),
    'cmd/main.go': 'var x = 1\n'.repeat(2000),
  });
  bareRepo(path.join(repos, 'fix', 'beta-go.git'), { 'main.go': 'package main\n' });
  // Gamma: no Rust; a checkout, under differently cased names.
  const gamma = path.join(repos, 'Fix', 'Gamma');
  initRepo(gamma);
  commitFiles(gamma, { 'main.go': 'package main\n' }, DATE);
  // Delta: only in the "remote", for --clone.
  bareRepo(path.join(remote, 'fix', 'delta.git'), { 'src/lib.rs': 'fn d() {}\n'.repeat(10) });
  entry(
    'beta',
    `
name: Beta
landscapeName: Beta
rustUsage: pure
repository: https://github.com/fix/beta
rustRepos:
  - repo: fix/beta
    role: Everything
    kind: main
`,
  );
  entry(
    'zeta',
    `
name: Zeta
landscapeName: Zeta (gone from the landscape)
rustUsage: sdk
repository: https://github.com/fix/zeta
rustRepos:
  - repo: fix/zeta-sdk
    role: SDK
`,
  );
}, 120_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('discover over a directory of repositories', { timeout: 60_000 }, () => {
  it('finds the project with Rust and no entry, and the entry whose class went stale (exit 1, a real run)', async () => {
    const write = path.join(tmp, 'run.json');
    const r = await spawned('--repos', repos, '--json', '--write', write);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(JSON.parse(readFileSync(write, 'utf8'))).toEqual(out);
    expect(out.runDate).toBe('2026-12-01');
    expect(out.rule).toEqual({ minCodeLines: 1000, pureShare: 50 });
    expect(out.report.missingEntries).toEqual([
      expect.objectContaining({ name: 'Alpha', maturity: 'graduated', codeLines: 1200, repos: ['fix/alpha'] }),
    ]);
    expect(out.report.staleEntries).toEqual([
      expect.objectContaining({
        name: 'Beta',
        entry: 'beta',
        rustUsage: 'pure',
        expected: 'component',
        share: 35.5,
        problem: 'pure, but the rule gives component (Rust 35.5% of programming bytes)',
      }),
    ]);
    expect(out.report.notLookedAt).toEqual([
      { project: 'Delta', repo: 'fix/delta', reason: `no copy in ${repos}` },
      { project: 'Epsilon', repo: 'fix/epsilon', reason: `no copy in ${repos}` },
      { project: 'Epsilon', repo: 'https://gitlab.com/fix/epsilon-mirror', reason: 'not on GitHub' },
      { project: 'Zeta', repo: 'fix/zeta', reason: `no copy in ${repos}` },
      { project: 'Zeta', repo: 'fix/zeta-sdk', reason: `no copy in ${repos}` },
    ]);
    // Every repository looked at is in the data file, with or without Rust.
    const measured = out.repositories.filter((x: { state: string }) => x.state === 'measured');
    expect(measured.map((x: { repo: string }) => x.repo).sort()).toEqual([
      'fix/alpha',
      'fix/beta',
      'fix/beta-go',
      'fix/gamma',
    ]);
    const gamma = measured.find((x: { repo: string }) => x.repo === 'fix/gamma');
    expect(gamma.measurement).toMatchObject({
      rustFiles: 0,
      rustCodeLines: 0,
      rustShare: 0,
      commitDate: DATE,
      languages: [{ name: 'Go', bytes: 13, share: 100 }],
    });
    expect(gamma.measurement.commit).toMatch(/^[0-9a-f]{40}$/);
  });

  it('prints the three tables', async () => {
    const r = await discover('--repos', repos);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /\(a\) Projects with Rust the rule admits, with no entry: 1\n.*\n.*\n\s+Alpha\s+graduated\s+1200\s+99\.9\s+fix\/alpha/,
    );
    expect(r.stdout).toContain('(b) Entries whose class no longer fits: 1');
    expect(r.stdout).toContain('(c) Repositories not looked at: 5');
  });

  it('exits 0 when nothing needs a person', async () => {
    const r = await discover('--repos', repos, '--project', 'Gamma');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('(a) Projects with Rust the rule admits, with no entry: none');
  });

  it('reports a project content/left-out.yaml gives a reason for as left out, not as missing (exit 0)', async () => {
    const file = path.join(content, 'left-out.yaml');
    try {
      writeFileSync(
        file,
        "- id: alpha\n  landscapeName: Alpha\n  maturity: graduated\n  repos: []\n  reason: 'Its Rust is a test harness.'\n  checked: 2026-12-01\n",
      );
      const json = await discover('--repos', repos, '--project', 'Alpha', '--json');
      expect(json.stderr).toBe('');
      expect(json.code).toBe(0);
      const { report } = JSON.parse(json.stdout);
      expect(report.missingEntries).toEqual([]);
      expect(report.leftOut).toEqual([
        expect.objectContaining({
          name: 'Alpha',
          codeLines: 1200,
          repos: ['fix/alpha'],
          reason: 'Its Rust is a test harness.',
        }),
      ]);
      const text = await discover('--repos', repos, '--project', 'Alpha');
      expect(text.code).toBe(0);
      expect(text.stdout).toContain('(a) Projects with Rust the rule admits, with no entry: none');
      expect(text.stdout).toMatch(
        /Left out, with a written reason.*: 1\n[^]*Alpha\s+graduated\s+1200\s+99\.9\s+fix\/alpha\s+left out: Its Rust is a test harness\./,
      );
      writeFileSync(file, '- id: alpha\n  landscapeName: Alpha\n');
      const bad = await discover('--repos', repos, '--project', 'Alpha');
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('left-out.yaml: 0.maturity');
    } finally {
      rmSync(file, { force: true });
    }
  });

  it('screens repositories with no .rs files in a file listing without fetching them', async () => {
    const listing = path.join(tmp, 'listing.json');
    writeFileSync(listing, JSON.stringify([{ repo: 'fix/epsilon', rsFiles: 0, checkedAt: '2026-11-30' }]));
    const r = await discover('--repos', repos, '--project', 'Epsilon', '--listing', listing, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.repositories).toEqual([
      {
        project: 'Epsilon',
        repo: 'fix/epsilon',
        state: 'screened',
        reason: 'no .rs files in a file listing, as of 2026-11-30',
      },
    ]);
    writeFileSync(listing, JSON.stringify([{ repo: 'fix/epsilon', rsFiles: 'none' }]));
    const bad = await discover('--repos', repos, '--listing', listing);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('listing item 0: expected {repo: "owner/name", rsFiles: whole number');
  });

  it('clones what is missing (bare, newest commit, no blob of 4 MiB or more) from the clone base', async () => {
    expect(cloneArgs('fix/delta', '/r/fix+delta.git')).toEqual([
      'clone',
      '--quiet',
      '--bare',
      '--depth=1',
      '--no-tags',
      '--filter=blob:limit=4m',
      'https://github.com/fix/delta.git',
      '/r/fix+delta.git',
    ]);
    const dir = path.join(tmp, 'clones');
    const r = await discover(
      '--repos',
      dir,
      '--clone',
      '--clone-base',
      `file://${remote}/`,
      '--project',
      'Delta',
      '--json',
    );
    expect(r.code).toBe(0);
    expect(existsSync(path.join(dir, 'fix+delta.git', 'HEAD'))).toBe(true);
    const [delta] = JSON.parse(r.stdout).repositories;
    expect(delta).toMatchObject({
      repo: 'fix/delta',
      state: 'measured',
      source: 'cloned',
      measurement: { rustFiles: 1, rustCodeLines: 10 },
    });
  });

  it('exits 2 on a missing or malformed landscape and on bad options', async () => {
    const missing = await discover('--repos', repos, '--landscape', path.join(tmp, 'nope.yml'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.yml');
    const malformed = path.join(tmp, 'malformed.yml');
    writeFileSync(malformed, 'items: []\n');
    const bad = await discover('--repos', repos, '--landscape', malformed);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('expected a YAML mapping with a top-level "landscape" list');
    expect((await discover('--clone')).code).toBe(2);
    expect((await discover('--no-such-option')).code).toBe(2);
  });
});

describe('discover with GitHub languages API first', { timeout: 60_000 }, () => {
  let server: Server;
  let base: string;
  const asked: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      asked.push(req.url ?? '');
      if (req.url === '/repos/fix/epsilon/languages') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ Go: 5000, Shell: 20 }));
      } else if (req.url === '/repos/fix/delta/languages') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ Rust: 100 }));
      } else {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end('{"message":"Not Found"}');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('skips repositories with no Rust, reports unknown ones, and keeps those with Rust for a copy', async () => {
    const r = await discover(
      '--repos',
      path.join(tmp, 'empty'),
      '--github',
      '--github-api',
      base,
      '--project',
      'Epsilon',
      '--project',
      'Delta',
      '--project',
      'Zeta',
      '--json',
    );
    expect(r.code).toBe(0);
    const byRepo = Object.fromEntries(JSON.parse(r.stdout).repositories.map((x: { repo: string }) => [x.repo, x]));
    expect(byRepo['fix/epsilon']).toMatchObject({
      state: 'screened',
      reason: "no Rust in GitHub's language statistics, as of 2026-12-01",
    });
    expect(byRepo['fix/zeta']).toMatchObject({
      state: 'not-looked-at',
      reason: 'not found on GitHub (renamed, private or deleted)',
    });
    expect(byRepo['fix/delta']).toMatchObject({
      state: 'not-looked-at',
      reason: expect.stringContaining('no copy in'),
    });
    expect(asked).toContain('/repos/fix/epsilon/languages');
  });
});
