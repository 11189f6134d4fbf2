/**
 * Hostile input: no input may take a tool past its memory or its time. YAML goes through the
 * one loader with limits, downloads are cut at their limit while they stream, files are
 * measured before they are read, and every child process has a deadline. Each case ends with
 * exit 2 and one line naming the input, never a crash, a stack trace or a hang.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ChildTimeoutError } from '../../scripts/lib/bounded.ts';
import { BlobReader, git } from '../../scripts/lib/git-objects.ts';
import { MAX_YAML_BYTES } from '../../src/validation/safe-yaml.ts';
import { DEFAULT_MAX_BYTES } from '../../src/validation/text.ts';

const root = path.resolve(import.meta.dirname, '../..');
const node = path.join(root, 'node_modules/.bin/node');
let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'hostile-bounds-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

type Result = { code: number | null; stdout: string; stderr: string };
function run(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Result {
  const r = spawnSync(node, [path.join(root, 'scripts', script), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 300_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
function runAsync(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Result> {
  return new Promise((resolve) => {
    const child = spawn(node, [path.join(root, 'scripts', script), ...args], {
      cwd: root,
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Exit 2 and exactly one line on stderr, `<tool>: …` matching `says`, no stack. */
function endsWithOneLine(r: Result, tool: string, says: RegExp) {
  expect(r.code, r.stderr).toBe(2);
  const lines = r.stderr.trim().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0].startsWith(`${tool}: `), lines[0]).toBe(true);
  expect(lines[0]).toMatch(says);
}

/** An alias bomb: 20 levels of 9 aliases each (9^20 leaves in 1 KB). */
function aliasBomb(): string {
  let yaml = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n';
  for (let i = 0; i < 20; i++)
    yaml += `b${i}: &b${i} [${Array(9)
      .fill(i ? `*b${i - 1}` : '*a')
      .join(',')}]\n`;
  return yaml;
}

describe('YAML: the one loader with limits, in every tool', () => {
  it('discover stops an alias bomb in the landscape with exit 2', () => {
    const bomb = path.join(tmp, 'bomb-landscape.yml');
    writeFileSync(bomb, `${aliasBomb()}landscape: []\n`);
    endsWithOneLine(run('discover.ts', ['--landscape', bomb]), 'discover', /bomb-landscape\.yml: .*maxAliases/);
  });

  it('discover stops an alias bomb in content/left-out.yaml with exit 2', () => {
    const content = mkdtempSync(path.join(tmp, 'content-'));
    cpSync(path.join(root, 'content'), content, { recursive: true });
    writeFileSync(path.join(content, 'left-out.yaml'), aliasBomb());
    endsWithOneLine(run('discover.ts', ['--content', content]), 'discover', /left-out\.yaml: .*maxAliases/);
  });

  it.each([
    ['discover.ts', 'discover'],
    ['crates.ts', 'crates'],
    ['sync-landscape.ts', 'sync:landscape'],
  ])('%s stops at an entry whose frontmatter uses an alias, naming the file', (script, tool) => {
    const content = mkdtempSync(path.join(tmp, 'content-'));
    cpSync(path.join(root, 'content'), content, { recursive: true });
    const tikv = path.join(content, 'projects/tikv.mdx');
    writeFileSync(tikv, readFileSync(tikv, 'utf8').replace('---\n', `---\n${aliasBomb()}`));
    const mirror = mkdtempSync(path.join(tmp, 'mirror-'));
    endsWithOneLine(
      run(script, ['--content', content, ...(script === 'crates.ts' ? ['--mirror', mirror] : [])]),
      tool,
      /projects\/tikv\.mdx: the frontmatter is not valid YAML: .*maxAliases/,
    );
  });
});

describe('files are measured before they are read', () => {
  it('sync:landscape refuses a landscape file over the limit without reading it', () => {
    const big = path.join(tmp, 'big-landscape.yml');
    writeFileSync(big, '');
    truncateSync(big, MAX_YAML_BYTES + 1); // sparse: nothing is written to disk
    endsWithOneLine(
      run('sync-landscape.ts', [big]),
      'sync:landscape',
      new RegExp(`big-landscape\\.yml: ${MAX_YAML_BYTES + 1} bytes \\(expected at most ${MAX_YAML_BYTES}\\)`),
    );
    endsWithOneLine(run('discover.ts', ['--landscape', big]), 'discover', /big-landscape\.yml: \d+ bytes/);
  });

  it.each([
    ['discover.ts', 'discover'],
    ['crates.ts', 'crates'],
    ['sync-landscape.ts', 'sync:landscape'],
  ])('%s refuses an entry file over the content limit, naming it', (script, tool) => {
    const content = mkdtempSync(path.join(tmp, 'content-'));
    cpSync(path.join(root, 'content'), content, { recursive: true });
    truncateSync(path.join(content, 'projects/tikv.mdx'), DEFAULT_MAX_BYTES + 1);
    const mirror = mkdtempSync(path.join(tmp, 'mirror-'));
    endsWithOneLine(
      run(script, ['--content', content, ...(script === 'crates.ts' ? ['--mirror', mirror] : [])]),
      tool,
      new RegExp(`projects/tikv\\.mdx: is ${DEFAULT_MAX_BYTES + 1} bytes \\(expected at most ${DEFAULT_MAX_BYTES}\\)`),
    );
  });
});

describe('downloads are cut at their limit while they stream', () => {
  let server: Server;
  let base: string;
  let caFile: string;
  const sockets = new Set<import('node:net').Socket>();
  let sent = 0;

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmp, 'tls-'));
    const key = path.join(dir, 'key.pem');
    caFile = path.join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', caFile, '-days', '1'].concat([
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ]),
      { stdio: 'pipe' },
    );
    const chunk = Buffer.alloc(64 * 1024, 'a');
    server = createServer({ key: readFileSync(key), cert: readFileSync(caFile) }, (req, res) => {
      // '/endless': a body that never ends, without a Content-Length; '/liar': one that claims 10 bytes.
      res.writeHead(200, req.url === '/liar' ? { 'content-length': '10' } : {});
      if (req.url === '/liar') {
        res.end('landscape:');
        return;
      }
      const pump = () => {
        while (!res.destroyed && res.write(chunk)) sent += chunk.length;
        if (!res.destroyed) res.once('drain', pump);
      };
      res.on('close', () => res.removeAllListeners('drain'));
      pump();
    });
    server.on('connection', (s) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('an endless body ends sync:landscape with exit 2 at the limit, not at the end of the memory', async () => {
    const r = await runAsync('sync-landscape.ts', [`${base}/endless`], {
      NODE_EXTRA_CA_CERTS: caFile,
      SYNC_FETCH_TIMEOUT_MS: '300000',
    });
    endsWithOneLine(
      r,
      'sync:landscape',
      new RegExp(
        `could not fetch ${base.replace(/[.]/g, '\\.')}/endless: more than ${MAX_YAML_BYTES} bytes \\(cut off there\\)`,
      ),
    );
    // The server was stopped soon after the limit (what was in flight aside), not after gigabytes.
    expect(sent).toBeLessThan(MAX_YAML_BYTES * 4);
  });
});

describe('every child process has a deadline', () => {
  const saved = { PATH: process.env.PATH, timeout: process.env.CATALOG_CHILD_TIMEOUT_MS };
  afterEach(() => {
    process.env.PATH = saved.PATH;
    if (saved.timeout === undefined) delete process.env.CATALOG_CHILD_TIMEOUT_MS;
    else process.env.CATALOG_CHILD_TIMEOUT_MS = saved.timeout;
  });

  /** A `git` that never answers, started with a child of its own; both write their pid to `pids`. */
  function slowGit(): { bin: string; pids: string } {
    const bin = mkdtempSync(path.join(tmp, 'bin-'));
    const pids = path.join(bin, 'pids');
    writeFileSync(path.join(bin, 'git'), `#!/bin/sh\necho $$ >> "${pids}"\nsleep 600 &\necho $! >> "${pids}"\nwait\n`);
    chmodSync(path.join(bin, 'git'), 0o755);
    return { bin, pids };
  }
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  it('git() is stopped at its deadline, with whatever it started', async () => {
    const { bin, pids } = slowGit();
    process.env.PATH = `${bin}:${saved.PATH}`;
    await expect(git(['--git-dir=/repos/x.git', 'check-attr', '--stdin'], { timeoutMs: 500 })).rejects.toThrow(
      new ChildTimeoutError('git check-attr in /repos/x.git: did not finish within 500 ms (stopped)'),
    );
    const started = readFileSync(pids, 'utf8').trim().split('\n').map(Number);
    expect(started).toHaveLength(2);
    await expect.poll(() => started.filter(alive), { timeout: 10_000 }).toEqual([]);
  });

  it('the blob reader fails every pending request when git sends nothing in time', async () => {
    const { bin } = slowGit();
    process.env.PATH = `${bin}:${saved.PATH}`;
    process.env.CATALOG_CHILD_TIMEOUT_MS = '500';
    const reader = new BlobReader('/repos/x.git');
    const answers = [reader.size('a'.repeat(40)), reader.count('b'.repeat(40))];
    for (const answer of answers)
      await expect(answer).rejects.toThrow(/git cat-file in \/repos\/x\.git: no answer within 500 ms \(stopped\)/);
    await reader.close();
  });

  it.each([
    ['measure-rust.ts', 'measure:rust', (repo: string) => [repo]],
    ['discover.ts', 'discover', (repo: string) => ['--repos', repo, '--project', 'TiKV']],
    ['history.ts', 'history', (repo: string) => ['--repos', repo, '--out', path.join(repo, 'history.json')]],
  ])('%s ends with exit 2 naming the git call when git hangs', (script, tool, args) => {
    const { bin } = slowGit();
    const repos = mkdtempSync(path.join(tmp, 'repos-'));
    // Each tool looks for its copies in its own layouts; a folder per layout with a HEAD file.
    for (const dir of ['tikv+tikv/repo', 'tikv+tikv.git', 'tikv/tikv.git'])
      mkdirSync(path.join(repos, dir, 'objects'), { recursive: true });
    for (const dir of ['tikv+tikv/repo', 'tikv+tikv.git', 'tikv/tikv.git'])
      writeFileSync(path.join(repos, dir, 'HEAD'), 'ref: refs/heads/main\n');
    const target = script === 'measure-rust.ts' ? path.join(repos, 'tikv+tikv/repo') : repos;
    // One entry, so that the only copy a tool finds is the one whose git hangs.
    const content = mkdtempSync(path.join(tmp, 'content-'));
    cpSync(path.join(root, 'content'), content, { recursive: true });
    for (const name of readdirSync(path.join(content, 'projects')))
      if (name !== 'tikv.mdx') rmSync(path.join(content, 'projects', name));
    const r = run(script, [...args(target), ...(script === 'measure-rust.ts' ? [] : ['--content', content])], {
      PATH: `${bin}:${saved.PATH}`,
      CATALOG_CHILD_TIMEOUT_MS: '1000',
    });
    endsWithOneLine(r, tool, /git [\w-]+ in .*: (did not finish|no answer) within 1000 ms \(stopped\)/);
  });
});
