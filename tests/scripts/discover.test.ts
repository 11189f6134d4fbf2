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

/** Runs the command's main in-process with exactly `args` (the fake API server answers on the same event loop). */
async function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  vi.stubEnv('GITHUB_TOKEN', '');
  try {
    return await runInProcess('discover', discoverMain, args);
  } finally {
    vi.unstubAllEnvs();
  }
}

/** Runs the command in-process on the fixture landscape and entries. */
function discover(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return run([...DEFAULTS(), ...args]);
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
      { project: 'Delta', repo: 'fix/delta', reason: 'no copy in repos' },
      { project: 'Epsilon', repo: 'fix/epsilon', reason: 'no copy in repos' },
      { project: 'Epsilon', repo: 'https://gitlab.com/fix/epsilon-mirror', reason: 'not on GitHub' },
      { project: 'Zeta', repo: 'fix/zeta', reason: 'no copy in repos' },
      { project: 'Zeta', repo: 'fix/zeta-sdk', reason: 'no copy in repos' },
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
        via: 'landscape',
        state: 'screened',
        reason: 'no .rs files in a file listing, as of 2026-11-30',
        listing: { rsFiles: 0, checkedAt: '2026-11-30' },
      },
    ]);
    writeFileSync(listing, JSON.stringify([{ repo: 'fix/epsilon', rsFiles: 'none' }]));
    const bad = await discover('--repos', repos, '--listing', listing);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('listing item 0: expected {repo: "owner/name", rsFiles: whole number');
  });

  it("keeps an earlier run's measurement of a repository that has no copy now, unless a listing shows Rust it did not find", async () => {
    const previous = path.join(tmp, 'previous.json');
    const measurement = {
      commit: 'e'.repeat(40),
      commitDate: '2026-11-01T00:00:00+00:00',
      rustFiles: 0,
      rustBytes: 0,
      rustLines: 0,
      rustCodeLines: 0,
      programmingBytes: 100,
      rustShare: 0,
      languages: [],
      missing: 0,
    };
    writeFileSync(
      previous,
      JSON.stringify({
        runDate: '2026-11-01',
        repositories: [{ project: 'Epsilon', repo: 'fix/epsilon', state: 'measured', measurement }],
      }),
    );
    const r = await discover('--repos', repos, '--project', 'Epsilon', '--previous', previous, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).repositories[0]).toMatchObject({
      repo: 'fix/epsilon',
      state: 'measured',
      source: 'earlier run (2026-11-01)',
      measurement,
    });
    const listing = path.join(tmp, 'listing-rust.json');
    /** Epsilon's one repository, as a run with this earlier measurement and this listing records it. */
    const rerun = async (earlier: typeof measurement, rsFiles: number) => {
      writeFileSync(
        previous,
        JSON.stringify({
          runDate: '2026-11-01',
          repositories: [{ project: 'Epsilon', repo: 'fix/epsilon', state: 'measured', measurement: earlier }],
        }),
      );
      writeFileSync(listing, JSON.stringify([{ repo: 'fix/epsilon', rsFiles, checkedAt: '2026-12-01' }]));
      const run = await discover(
        '--repos',
        repos,
        '--project',
        'Epsilon',
        '--previous',
        previous,
        '--listing',
        listing,
        '--json',
      );
      return (JSON.parse(run.stdout) as { repositories: unknown[] }).repositories[0];
    };
    // A listing shows Rust the earlier run did not find: the repository is looked at again.
    expect(await rerun(measurement, 4)).toMatchObject({ state: 'not-looked-at' });
    // A listing of no .rs files agrees with an earlier measurement that found none: it stays.
    expect(await rerun(measurement, 0)).toMatchObject({ state: 'measured', measurement });
    // An earlier measurement that found Rust agrees with a listing that shows Rust: it stays.
    const withRust = { ...measurement, rustFiles: 4, rustBytes: 400, rustLines: 40, rustCodeLines: 30, rustShare: 80 };
    expect(await rerun(withRust, 4)).toMatchObject({
      state: 'measured',
      source: 'earlier run (2026-11-01)',
      measurement: withRust,
    });
    writeFileSync(previous, '{"repositories": 3}');
    const bad = await discover('--repos', repos, '--previous', previous);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('expected a discover data file');
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
    // Ten code lines and no written reason: a decision is still to be made (exit 1).
    expect(r.code).toBe(1);
    expect(existsSync(path.join(dir, 'fix+delta.git', 'HEAD'))).toBe(true);
    const out = JSON.parse(r.stdout);
    expect(out.report.belowRule).toEqual([expect.objectContaining({ name: 'Delta', codeLines: 10 })]);
    const [delta] = out.repositories;
    expect(delta).toMatchObject({
      repo: 'fix/delta',
      state: 'measured',
      source: 'cloned',
      measurement: {
        rustFiles: 1,
        rustCodeLines: 10,
        rustByRole: expect.objectContaining({ shipped: { files: 1, codeLines: 10 } }),
      },
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
    // Delta's Rust is seen on GitHub but not measured, and Delta has no written reason: exit 1.
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.report.unmeasuredRust).toEqual([
      {
        name: 'Delta',
        maturity: 'incubating',
        repos: [expect.objectContaining({ repo: 'fix/delta', githubRust: 100 })],
      },
    ]);
    const byRepo = Object.fromEntries(out.repositories.map((x: { repo: string }) => [x.repo, x]));
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

describe('hostile text from the landscape', { timeout: 60_000 }, () => {
  it('a name with line breaks and a fence stays on one line in the log and inside the issue body fence', async () => {
    const name =
      'Alpha\n```\n# Injected heading\n@cncf/maintainers [click](https://evil.example.org)\r\n::error::x\u2028y';
    const landscape = path.join(tmp, 'hostile-landscape.yml');
    writeFileSync(
      landscape,
      readFileSync(LANDSCAPE, 'utf8').replace('name: Alpha\n', `name: ${JSON.stringify(name)}\n`),
    );
    const body = path.join(tmp, 'issue.md');
    const r = await discover('--repos', repos, '--landscape', landscape, '--issue-body', body);
    expect(r.code).toBe(1);

    // The log: the name is one line, and no line starts with Markdown or a workflow command.
    const flat = 'Alpha ``` # Injected heading @cncf/maintainers [click](https://evil.example.org) ::error::x y';
    expect(r.stdout.split('\n').filter((l) => l.includes('Injected heading'))).toEqual([expect.stringContaining(flat)]);
    expect(r.stdout.split('\n').filter((l) => /^\s*(#|::|`{3}|@)/.test(l))).toEqual([]);

    // The issue: the introduction, then one code block holding exactly the report, then nothing.
    const lines = readFileSync(body, 'utf8').split('\n');
    const open = lines.findIndex((l) => /^`{3,}text$/.test(l));
    expect(open).toBeGreaterThan(0);
    const fence = lines[open].slice(0, -'text'.length);
    expect(fence.length).toBeGreaterThan(3); // longer than the name's ```
    // CommonMark closes the block only with a line of at least as many backticks and nothing else.
    const closes = lines.flatMap((l, i) =>
      i > open && /^ {0,3}`+[ \t]*$/.test(l) && l.trim().length >= fence.length ? [i] : [],
    );
    expect(closes).toEqual([lines.length - 2]);
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(open + 1, closes[0]).join('\n')).toBe(r.stdout.trimEnd());
    expect(lines.slice(0, open).join('\n')).not.toContain('Injected');
  });
});

describe('discover over organisations', { timeout: 60_000 }, () => {
  const ORG_LANDSCAPE = path.join(root, 'tests/fixtures/discover/landscape-orgs.yml');
  const ORGS = path.join(root, 'tests/fixtures/discover/project-orgs.yaml');
  let orgRepos: string;
  let orgContent: string;
  let screen: string;
  let simple: string;
  const orgs = (...args: string[]) =>
    run(['--content', orgContent, '--landscape', ORG_LANDSCAPE, '--orgs', ORGS, '--date', '2026-12-01', ...args]);
  const some = ['--project', 'Omicron', '--project', 'Phi', '--project', 'Pi', '--project', 'Rho'];

  beforeAll(() => {
    orgRepos = path.join(tmp, 'org-repos');
    orgContent = path.join(tmp, 'org-content');
    bareRepo(path.join(orgRepos, 'omi+omicron', 'repo'), { 'src/lib.rs': 'fn o() {}\n'.repeat(1500) });
    // An SDK the entry does not list: 300 shipped lines, 50 of tests, 20 of an example.
    bareRepo(path.join(orgRepos, 'omi+omicron-sdk.git'), {
      'src/lib.rs': 'fn s() {}\n'.repeat(300),
      'tests/it.rs': 'fn t() {}\n'.repeat(50),
      // Top-level examples/ are documentation to the counter; a crate's own examples are counted.
      'examples/top.rs': 'fn e() {}\n'.repeat(7),
      'crates/demo/examples/demo.rs': 'fn e() {}\n'.repeat(20),
    });
    bareRepo(path.join(orgRepos, 'shared+pi', 'repo'), { 'main.go': 'package main\n' });
    // Rust in the shared organisation that is not Pi's.
    bareRepo(path.join(orgRepos, 'shared+not-pi', 'repo'), { 'src/lib.rs': 'fn n() {}\n'.repeat(2000) });
    bareRepo(path.join(orgRepos, 'rho+rho', 'repo'), { 'main.go': 'package main\n' });
    // Rho's Rust lives in another organisation (project-orgs.yaml says so).
    bareRepo(path.join(orgRepos, 'rho-extras+rho-engine', 'repo'), { 'src/lib.rs': 'fn r() {}\n'.repeat(1100) });
    mkdirSync(path.join(orgContent, 'projects'), { recursive: true });
    writeFileSync(
      path.join(orgContent, 'projects', 'omicron.mdx'),
      '---\nname: Omicron\nlandscapeName: Omicron\nrustUsage: pure\nrepository: https://github.com/omi/omicron\nrustRepos:\n  - repo: omi/omicron\n    role: Everything\n    kind: main\n---\n\nText.\n',
    );
    // A screen of whole owners (the screeners' shape) and a plain listing.
    screen = path.join(tmp, 'screen.json');
    const row = (owner: string, name: string, rsFiles: number, extra: Record<string, unknown> = {}) => ({
      owner,
      repo: `${owner}/${name}`,
      projects: [],
      rsFiles,
      truncated: false,
      samplePaths: [],
      commit: null,
      fork: rsFiles > 0 ? false : null,
      note: '',
      checkedAt: '2026-11-30',
      via: 'find_repos+find_files (stored index)',
      ...extra,
    });
    writeFileSync(
      screen,
      JSON.stringify([
        row('omi', 'omicron', 1),
        row('omi', 'vendored-crate', 40, { fork: true, note: 'copy of an upstream crate' }),
        row('omi', 'website', 0),
        row('omi', 'bindings', 5),
        row('phi', 'phi', 0),
        row('phi', 'phi-rs', 12, { truncated: true }),
        { owner: 'nobody', repo: null, projects: [], note: 'no repositories in the stored index' },
      ]),
    );
    simple = path.join(tmp, 'simple.json');
    writeFileSync(simple, JSON.stringify([{ repo: 'rho/rho-docs', rsFiles: 0, checkedAt: '2026-11-29' }]));
  });

  it('screens every repository of each organisation from listings and bare copies, and finds what the entries miss', async () => {
    const write = path.join(tmp, 'org-run.json');
    const r = await orgs(
      '--repos',
      orgRepos,
      '--listing',
      screen,
      '--listing',
      simple,
      ...some,
      '--json',
      '--write',
      write,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    const text = readFileSync(write, 'utf8');
    expect(JSON.parse(text)).toEqual(out);
    // One repository per line in the data file.
    expect(text).toContain(
      '\n    {"project":"Omicron","entry":"omicron","repo":"omi/omicron","via":"landscape","state":"measured"',
    );
    expect(out.listing).toEqual({
      files: ['screen.json', 'simple.json'],
      via: ['find_repos+find_files (stored index)'],
      checkedAt: { first: '2026-11-29', last: '2026-11-30' },
    });
    expect(out.organisations).toEqual([
      {
        owner: 'omi',
        projects: ['Omicron'],
        listed: 5,
        sources: ['file listing (find_repos+find_files (stored index), as of 2026-11-30)', 'bare copies'],
      },
      {
        owner: 'phi',
        projects: ['Phi'],
        listed: 2,
        sources: ['file listing (find_repos+find_files (stored index), as of 2026-11-30)'],
      },
      { owner: 'rho', projects: ['Rho'], listed: 1, sources: ['bare copies'] },
      { owner: 'rho-extras', projects: ['Rho'], listed: 1, sources: ['bare copies'] },
    ]);
    const byRepo = Object.fromEntries(out.repositories.map((x: { repo: string }) => [x.repo, x]));
    // The shared organisation's other Rust is not Pi's; Pi is its named repository alone.
    expect(byRepo['shared/not-pi']).toBeUndefined();
    expect(byRepo['shared/pi']).toMatchObject({ project: 'Pi', via: 'landscape', state: 'measured' });
    // A fork is listed and flagged, never measured nor counted.
    expect(byRepo['omi/vendored-crate']).toMatchObject({
      via: 'organisation',
      state: 'screened',
      notProjectCode: "a fork of another repository (copy of an upstream crate): not the project's code",
      listing: { rsFiles: 40, fork: true },
    });
    expect(byRepo['omi/website']).toMatchObject({
      state: 'screened',
      reason: 'no .rs files in a file listing, as of 2026-11-30',
    });
    expect(byRepo['omi/omicron-sdk'].measurement.rustByRole).toEqual({
      shipped: { files: 1, codeLines: 300 },
      tests: { files: 1, codeLines: 50 },
      examples: { files: 1, codeLines: 20 },
      benches: { files: 0, codeLines: 0 },
      fuzz: { files: 0, codeLines: 0 },
    });
    expect(out.report.missingEntries).toEqual([
      expect.objectContaining({ name: 'Rho', codeLines: 1100, repos: ['rho-extras/rho-engine'] }),
    ]);
    expect(out.report.unmeasuredRust).toEqual([
      {
        name: 'Phi',
        maturity: 'sandbox',
        repos: [
          {
            repo: 'phi/phi-rs',
            rsFiles: 12,
            truncated: true,
            reason: '12 or more .rs files in a file listing (as of 2026-11-30), no copy in org-repos',
          },
        ],
      },
    ]);
    expect(out.report.entryOmissions).toEqual([
      { name: 'Omicron', entry: 'omicron', repo: 'omi/bindings', via: 'organisation', rsFiles: 5 },
      {
        name: 'Omicron',
        entry: 'omicron',
        repo: 'omi/omicron-sdk',
        via: 'organisation',
        codeLines: 370,
        shippedCodeLines: 300,
      },
    ]);
    expect(out.report.staleEntries).toEqual([]);
    const table = await orgs('--repos', orgRepos, '--listing', screen, ...some);
    expect(table.stdout).toContain(
      "Rust repositories of an entry's organisations that the entry does not list (to review): 2",
    );
    expect(table.stdout).toMatch(/Phi\s+sandbox\s+phi\/phi-rs \(12\+\)/);
  });

  it('counts every bare copy of an organisation as listed when there is no other listing', async () => {
    const r = await orgs('--repos', orgRepos, ...some, '--json');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.report.entryOmissions.map((x: { repo: string }) => x.repo)).toEqual(['omi/omicron-sdk']);
    expect(out.report.notLookedAt).toContainEqual({
      project: 'Phi',
      repo: 'phi/*',
      reason: 'organisation not listed (no --github, no listing of it, no bare copy of it)',
    });
    expect(out.organisations.find((o: { owner: string }) => o.owner === 'phi')).toEqual({
      owner: 'phi',
      projects: ['Phi'],
      listed: null,
      sources: [],
    });
  });

  it('refuses a data file row that names no project, and a malformed one', async () => {
    const bad = path.join(tmp, 'bad-orgs.yaml');
    writeFileSync(bad, '- project: Nope\n  org: nope\n  scope: organisation\n  reason: x\n  checked: 2026-12-01\n');
    const r = await run(['--content', orgContent, '--landscape', ORG_LANDSCAPE, '--orgs', bad, '--repos', orgRepos]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no project named "Nope"');
    writeFileSync(bad, '- project: Pi\n  org: shared\n  scope: everything\n  reason: x\n  checked: 2026-12-01\n');
    const r2 = await run(['--content', orgContent, '--landscape', ORG_LANDSCAPE, '--orgs', bad, '--repos', orgRepos]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('0.scope: expected scope "organisation" or "named-repositories"');
  });

  describe('with the GitHub API', () => {
    let server: Server;
    let base: string;
    const asked: string[] = [];
    const repo = (full_name: string, extra: Record<string, unknown> = {}) => ({
      full_name,
      fork: false,
      archived: false,
      mirror_url: null,
      ...extra,
    });
    beforeAll(async () => {
      const routes: Record<string, () => [number, unknown, Record<string, string>?]> = {
        '/orgs/gh/repos?type=all&per_page=100': () => [
          200,
          [repo('gh/sigma'), repo('gh/sigma-rs')],
          { link: `<${base}/orgs/gh/repos?type=all&per_page=100&page=2>; rel="next"` },
        ],
        '/orgs/gh/repos?type=all&per_page=100&page=2': () => [
          200,
          [
            repo('gh/crate-fork', { fork: true }),
            repo('gh/old-rs', { archived: true }),
            repo('gh/mirror-rs', { mirror_url: 'https://git.example.org/m.git' }),
          ],
        ],
        '/users/ghuser/repos?type=owner&per_page=100': () => [
          200,
          [repo('ghuser/tau', { archived: true }), repo('ghuser/tau-engine', { archived: true })],
        ],
        '/orgs/limited/repos?type=all&per_page=100': () => [
          403,
          { message: 'API rate limit exceeded' },
          { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 7200) },
        ],
        '/repos/gh/sigma/languages': () => [200, { Go: 100 }],
        '/repos/gh/sigma-rs/languages': () => [200, { Rust: 5000, Go: 10 }],
        '/repos/ghuser/tau/languages': () => [200, { Go: 10 }],
        '/repos/ghuser/tau-engine/languages': () => [200, { Rust: 300 }],
      };
      server = createServer((req, res) => {
        asked.push(req.url ?? '');
        const [status, body, headers] = routes[req.url ?? '']?.() ?? [404, { message: 'Not Found' }];
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('lists organisations page by page, users as a fallback, and keeps forks, mirrors and archived code out', async () => {
      const r = await orgs(
        '--repos',
        path.join(tmp, 'empty'),
        '--github',
        '--github-api',
        base,
        '--project',
        'Sigma',
        '--project',
        'Tau',
        '--json',
      );
      expect(r.code).toBe(1);
      const out = JSON.parse(r.stdout);
      expect(out.organisations).toEqual([
        { owner: 'gh', projects: ['Sigma'], listed: 5, sources: ['GitHub API (organisation, as of 2026-12-01)'] },
        { owner: 'ghuser', projects: ['Tau'], listed: 2, sources: ['GitHub API (user, as of 2026-12-01)'] },
      ]);
      const byRepo = Object.fromEntries(out.repositories.map((x: { repo: string }) => [x.repo, x]));
      expect(byRepo['gh/crate-fork']).toMatchObject({ state: 'screened', listing: { fork: true } });
      expect(byRepo['gh/mirror-rs']).toMatchObject({
        state: 'screened',
        notProjectCode: "a mirror of a repository kept elsewhere: not the project's code",
      });
      // Archived: not the code of a live project, but an archived project's code is all archived.
      expect(byRepo['gh/old-rs']).toMatchObject({
        state: 'screened',
        notProjectCode: 'archived: no longer developed or shipped by the project',
      });
      expect(byRepo['ghuser/tau-engine']).toMatchObject({ via: 'organisation', githubRustBytes: 300 });
      expect(byRepo['ghuser/tau-engine'].notProjectCode).toBeUndefined();
      for (const notAsked of ['gh/crate-fork', 'gh/old-rs', 'gh/mirror-rs'])
        expect(asked).not.toContain(`/repos/${notAsked}/languages`);
      expect(out.report.unmeasuredRust).toEqual([
        {
          name: 'Sigma',
          maturity: 'graduated',
          repos: [expect.objectContaining({ repo: 'gh/sigma-rs', githubRust: 5000 })],
        },
        {
          name: 'Tau',
          maturity: 'archived',
          repos: [expect.objectContaining({ repo: 'ghuser/tau-engine', githubRust: 300 })],
        },
      ]);
      expect(byRepo['gh/sigma']).toMatchObject({
        state: 'screened',
        reason: "no Rust in GitHub's language statistics, as of 2026-12-01",
      });
    });

    it('stops asking GitHub once the rate limit is spent', async () => {
      const before = asked.length;
      const r = await orgs(
        '--repos',
        path.join(tmp, 'empty'),
        '--github',
        '--github-api',
        base,
        '--project',
        'Upsilon',
        '--json',
      );
      expect(r.stderr).toContain("GitHub's rate limit is spent until");
      expect(asked.slice(before)).toEqual(['/orgs/limited/repos?type=all&per_page=100']);
      const out = JSON.parse(r.stdout);
      expect(out.report.notLookedAt).toContainEqual({
        project: 'Upsilon',
        repo: 'limited/*',
        reason: 'organisation not listed (no --github, no listing of it, no bare copy of it)',
      });
      expect(r.code).toBe(0);
    });
  });
});
