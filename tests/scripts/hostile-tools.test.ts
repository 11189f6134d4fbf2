/**
 * Hostile input: the maintainer tools that write entries and logos. They write
 * atomically, never through a symbolic link, never over a file that changed since it was
 * read, never a value the schema refuses; slow or hostile input ends with a message and the
 * right exit code, never a stack trace or an out-of-memory crash.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WriteError, describeFsError, readForEdit, writeAll } from '../../scripts/lib/safe-write.ts';
import { fenceCode } from '../../scripts/lib/markdown-fence.ts';
import { logoProblems } from '../../src/validation/logo-safety.ts';
import { main as syncMain } from '../../scripts/sync-landscape.ts';
import { main as newMain } from '../../scripts/new-entry.ts';
import { main as logosMain } from '../../scripts/import-logos.ts';
import { main as measureMain } from '../../scripts/measure-rust.ts';
import { runInProcess } from '../helpers/cli.ts';

const root = path.resolve(import.meta.dirname, '../..');
const node = path.join(root, 'node_modules/.bin/node');
// The repository's copy of the CNCF landscape.yml (the entries are in sync with it).
const REAL_LANDSCAPE = path.join(root, 'data/landscape.yml');
let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'hostile-tools-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/**
 * The tools' `main`, run in-process; each tool's real child-process run is in its own test file,
 * and the https cases below spawn (a CA file is only read at Node's start).
 */
const MAINS = {
  'sync-landscape.ts': ['sync:landscape', syncMain],
  'new-entry.ts': ['new', newMain],
  'import-logos.ts': ['logos', logosMain],
  'measure-rust.ts': ['measure:rust', measureMain],
} as const;

function run(script: keyof typeof MAINS, args: string[], options: { cwd?: string } = {}) {
  const [name, main] = MAINS[script];
  return runInProcess(name, main, args, { cwd: options.cwd ?? root });
}
/** Async, so an in-process server can answer while the tool runs. */
function runAsync(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
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
/** No stack trace lines in a tool's output. */
const noStack = (text: string) => expect(text).not.toMatch(/^\s+at .+[:(]\d+/m);

/** A temp copy of content/ (projects and taxonomy) to point a tool at. */
function contentCopy(): string {
  const dir = mkdtempSync(path.join(tmp, 'content-'));
  cpSync(path.join(root, 'content'), dir, { recursive: true });
  return dir;
}
const snapshot = (dir: string) =>
  Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((n) => [n, readFileSync(path.join(dir, n), 'utf8')]),
  );

describe('safe-write: atomic, no symlinks, no lost edits', () => {
  it('refuses to replace a file that changed since it was read, and writes none of the others', () => {
    const dir = mkdtempSync(path.join(tmp, 'w-'));
    const [a, b] = [path.join(dir, 'a.mdx'), path.join(dir, 'b.mdx')];
    writeFileSync(a, 'a1');
    writeFileSync(b, 'b1');
    const readA = readForEdit(a);
    const readB = readForEdit(b);
    writeFileSync(b, 'b1 edited by someone else');
    expect(() =>
      writeAll([
        { before: readA, text: 'a2' },
        { before: readB, text: 'b2' },
      ]),
    ).toThrow(/refusing to replace .*b\.mdx: it changed since it was read.*nothing was written/);
    expect(readFileSync(a, 'utf8')).toBe('a1');
    expect(readFileSync(b, 'utf8')).toBe('b1 edited by someone else');
    expect(readdirSync(dir).sort()).toEqual(['a.mdx', 'b.mdx']); // no temporary file left
  });

  it('never reads or writes through a symbolic link, nor replaces a file that became one', () => {
    const dir = mkdtempSync(path.join(tmp, 'w-'));
    const outside = path.join(tmp, 'outside.txt');
    writeFileSync(outside, 'outside');
    symlinkSync(outside, path.join(dir, 'link.mdx'));
    expect(() => readForEdit(path.join(dir, 'link.mdx'))).toThrow(/is a symbolic link/);
    const file = path.join(dir, 'x.mdx');
    writeFileSync(file, 'x1');
    const read = readForEdit(file);
    rmSync(file);
    symlinkSync(outside, file);
    expect(() => writeAll([{ before: read, text: 'x2' }])).toThrow(/it became a symbolic link/);
    expect(readFileSync(outside, 'utf8')).toBe('outside');
  });

  it('a write that fails leaves every file as it was and says so, with the OS error as a message', () => {
    const dir = mkdtempSync(path.join(tmp, 'w-'));
    const a = path.join(dir, 'a.mdx');
    writeFileSync(a, 'a1');
    const missing = path.join(dir, 'no-such-folder', 'b.mdx');
    let error: unknown;
    try {
      writeAll([
        { before: readForEdit(a), text: 'a2' },
        { before: { file: missing }, text: 'b' },
      ]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WriteError);
    expect((error as Error).message).toMatch(
      /could not write .*b\.mdx: ENOENT \(no such file or directory\); nothing was written/,
    );
    expect(readFileSync(a, 'utf8')).toBe('a1');
    expect(readdirSync(dir)).toEqual(['a.mdx']);
  });

  it('keeps the permissions of the file it replaces (a 0600 entry stays 0600)', () => {
    const dir = mkdtempSync(path.join(tmp, 'w-'));
    const modes = [0o600, 0o640, 0o644, 0o664];
    const files = modes.map((mode, i) => {
      const file = path.join(dir, `${i}.mdx`);
      writeFileSync(file, 'before');
      chmodSync(file, mode);
      return file;
    });
    writeAll(files.map((file) => ({ before: readForEdit(file), text: 'after' })));
    expect(files.map((f) => statSync(f).mode & 0o777)).toEqual(modes);
    expect(files.map((f) => readFileSync(f, 'utf8'))).toEqual(modes.map(() => 'after'));
  });

  it('an EPERM becomes a short message', () => {
    const error = Object.assign(new Error("EPERM: operation not permitted, rename '/x' -> '/y'"), { code: 'EPERM' });
    expect(describeFsError(error)).toBe('EPERM (operation not permitted)');
  });

  it('writes every file when nothing interferes, a new one included', () => {
    const dir = mkdtempSync(path.join(tmp, 'w-'));
    const a = path.join(dir, 'a.mdx');
    writeFileSync(a, 'a1');
    expect(
      writeAll([
        { before: readForEdit(a), text: 'a2' },
        { before: { file: path.join(dir, 'n.mdx') }, text: 'n' },
      ]),
    ).toHaveLength(2);
    expect(snapshot(dir)).toEqual({ 'a.mdx': 'a2', 'n.mdx': 'n' });
  });
});

describe('sync:landscape --write', () => {
  it('refuses a symlinked entry with exit 2 and writes nothing, inside or outside content/', async () => {
    const dir = contentCopy();
    const outside = path.join(tmp, 'outside.mdx');
    const tikv = path.join(dir, 'projects/tikv.mdx');
    writeFileSync(outside, readFileSync(tikv, 'utf8').replace(/^homepage: .*$/m, 'homepage: https://old.example.org/'));
    rmSync(tikv);
    symlinkSync(outside, tikv);
    const before = snapshot(path.join(dir, 'projects'));
    const outsideBefore = readFileSync(outside, 'utf8');
    const r = await run('sync-landscape.ts', [REAL_LANDSCAPE, '--write', '--content', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/tikv\.mdx: is a symbolic link/);
    noStack(r.stderr);
    expect(readFileSync(outside, 'utf8')).toBe(outsideBefore);
    expect(snapshot(path.join(dir, 'projects'))).toEqual(before);
  });

  it('refuses landscape values the schema refuses (a javascript: homepage) with exit 2, writing nothing', async () => {
    const dir = contentCopy();
    const landscape = path.join(tmp, 'js-homepage.yml');
    const text = readFileSync(REAL_LANDSCAPE, 'utf8');
    const at = text.indexOf('name: TiKV');
    expect(at).toBeGreaterThan(-1);
    const home = text.indexOf('homepage_url:', at);
    const end = text.indexOf('\n', home);
    writeFileSync(landscape, `${text.slice(0, home)}homepage_url: javascript:alert(1)${text.slice(end)}`);
    const before = snapshot(path.join(dir, 'projects'));
    const r = await run('sync-landscape.ts', [landscape, '--write', '--content', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /tikv\.mdx: the landscape's values would make an invalid entry, so nothing was written: homepage: /,
    );
    noStack(r.stderr);
    expect(snapshot(path.join(dir, 'projects'))).toEqual(before);
  });

  it('stops a YAML alias bomb at once with exit 2', async () => {
    let yaml = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n';
    for (let i = 0; i < 20; i++)
      yaml += `b${i}: &b${i} [${Array(9)
        .fill(i ? `*b${i - 1}` : '*a')
        .join(',')}]\n`;
    const bomb = path.join(tmp, 'bomb.yml');
    writeFileSync(bomb, yaml);
    const r = await run('sync-landscape.ts', [bomb]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is not valid YAML: .*maxAliases/);
    noStack(r.stderr);
  });

  it('fences the report in the pull request body so no value can break out', () => {
    const hostile = 'homepage: x\n```\n# Injected heading\n````\n[click](https://evil.example.org)';
    const body = fenceCode(hostile);
    const fence = body.split('\n')[0].replace(/text$/, '');
    expect(fence.length).toBeGreaterThan(4);
    // Inside the block, no line is a fence at least as long as the opening one.
    const inner = body.split('\n').slice(1, -2);
    expect(inner.some((l) => l.trim().startsWith(fence))).toBe(false);
    expect(body.trimEnd().endsWith(fence)).toBe(true);
    expect(fenceCode('plain').split('\n')[0]).toBe('```text');
  });
});

describe('sync:landscape over https: a stalled answer times out with exit 2, a downgrade is refused', () => {
  let server: Server;
  let base: string;
  let caFile: string;
  const sockets = new Set<import('node:net').Socket>();

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmp, 'tls-'));
    const key = path.join(dir, 'key.pem');
    caFile = path.join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        key,
        '-out',
        caFile,
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'pipe' },
    );
    server = createServer({ key: readFileSync(key), cert: readFileSync(caFile) }, (req, res) => {
      if (req.url === '/redirect') {
        res.writeHead(302, { location: `http://127.0.0.1:${(server.address() as AddressInfo).port}/landscape.yml` });
        res.end();
      }
      // '/stall': headers never come.
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

  it('a stalled answer ends with exit 2 and the cause', async () => {
    const r = await runAsync('sync-landscape.ts', [`${base}/stall`], {
      NODE_EXTRA_CA_CERTS: caFile,
      SYNC_FETCH_TIMEOUT_MS: '1500',
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`could not fetch ${base}/stall: no complete answer within 1500 ms (timed out)`);
    noStack(r.stderr);
  });

  it('an https → http redirect is refused with exit 2', async () => {
    const r = await runAsync('sync-landscape.ts', [`${base}/redirect`], {
      NODE_EXTRA_CA_CERTS: caFile,
      SYNC_FETCH_TIMEOUT_MS: '30000',
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/redirected to http:\/\/127\.0\.0\.1:\d+\/landscape\.yml, which is not https \(refused\)/);
  });
});

describe('npm run new: messages, never stacks; nothing outside the repository', () => {
  /** A small repository: content/, public/logos/ and a landscape file, as the tool's cwd. */
  function repo(): string {
    const dir = mkdtempSync(path.join(tmp, 'repo-'));
    cpSync(path.join(root, 'content'), path.join(dir, 'content'), { recursive: true });
    mkdirSync(path.join(dir, 'public/logos'), { recursive: true });
    mkdirSync(path.join(dir, 'data'));
    cpSync(REAL_LANDSCAPE, path.join(dir, 'data/landscape.yml'));
    return dir;
  }
  const created = (dir: string) => readdirSync(path.join(dir, 'content/projects')).length;

  it.each([
    [
      'a missing categories file',
      (dir: string) => rmSync(path.join(dir, 'content/categories.yaml')),
      ['newproj'],
      /cannot read the taxonomy file content\/categories\.yaml: ENOENT/,
    ],
    [
      '--logo /etc/passwd',
      () => {},
      ['newproj', '--logo', '/etc/passwd'],
      /--logo \/etc\/passwd is outside the repository/,
    ],
    [
      '--logo that is not an .svg',
      (dir: string) => writeFileSync(path.join(dir, 'notes.txt'), 'x'),
      ['newproj', '--logo', 'notes.txt'],
      /--logo notes\.txt is not an \.svg file/,
    ],
    [
      '--logo that is a symbolic link',
      (dir: string) => symlinkSync('/etc/hostname', path.join(dir, 'link.svg')),
      ['newproj', '--logo', 'link.svg'],
      /is not a regular file/,
    ],
    ['the slug -x', () => {}, ['-x'], /new: Unknown option '-x'/],
    [
      'a project already catalogued',
      () => {},
      ['tikv-again', '--name', 'TiKV'],
      /"TiKV" is already in the catalog: content\/projects\/tikv\.mdx has (name|landscapeName) "TiKV"/,
    ],
    [
      'a catalogued project under a look-alike name',
      () => {},
      ['tikv-again', '--name', 'ТiКV'],
      /is already in the catalog/,
    ],
  ])('%s: exit 1 with a message, nothing written', async (_what, prepare, args, says) => {
    const dir = repo();
    prepare(dir);
    const before = existsSync(path.join(dir, 'content/projects')) ? created(dir) : 0;
    const r = await run('new-entry.ts', args as string[], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(says);
    noStack(r.stderr);
    expect(created(dir)).toBe(before);
    expect(readdirSync(path.join(dir, 'public/logos'))).toEqual([]);
  });

  it('--logo with a namespaced script writes the sanitized logo and says what it removed', async () => {
    const dir = repo();
    writeFileSync(
      path.join(dir, 'evil.svg'),
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#123"/><x:script>alert(1)</x:script></svg>',
    );
    const r = await run('new-entry.ts', ['newproj', '--logo', 'evil.svg'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('removed <x:script>');
    const written = readFileSync(path.join(dir, 'public/logos/newproj.svg'), 'utf8');
    expect(written).not.toMatch(/script/i);
    expect(logoProblems(written)).toEqual([]);
  });
});

describe('npm run logos writes only the sanitized form', () => {
  it('a prefixed script and an outside image are removed from the written file', async () => {
    const dir = mkdtempSync(path.join(tmp, 'logos-'));
    const source = path.join(dir, 'source.svg');
    writeFileSync(
      source,
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#123"/><x:script>alert(1)</x:script><x:image href="/etc/hostname"/></svg>',
    );
    const r = await run('import-logos.ts', [source, 'sample'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const written = readFileSync(path.join(dir, 'public/logos/sample.svg'), 'utf8');
    expect(written).not.toMatch(/script|image/i);
    expect(logoProblems(written)).toEqual([]);
  });

  it('a slug that is a path, and a missing source, are messages with exit 1 (the missing source a real run)', async () => {
    const dir = mkdtempSync(path.join(tmp, 'logos-'));
    writeFileSync(path.join(dir, 's.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>');
    const traversal = await run('import-logos.ts', ['s.svg', '../../x'], { cwd: dir });
    expect(traversal.code).toBe(1);
    expect(traversal.stderr).toContain('"../../x" is not a slug');
    const missing = spawnSync(node, [path.join(root, 'scripts/import-logos.ts'), 'nope.svg', 'x'], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('logos: cannot read nope.svg: ENOENT');
    expect(missing.stdout).toBe('');
    noStack(missing.stderr + traversal.stderr);
  });
});

describe('measure:rust --update', () => {
  const gitEnv = {
    ...process.env,
    GIT_AUTHOR_NAME: 'F',
    GIT_AUTHOR_EMAIL: 'f@example.org',
    GIT_COMMITTER_NAME: 'F',
    GIT_COMMITTER_EMAIL: 'f@example.org',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
  };
  it('refuses a symlinked entry with exit 2 and leaves the file it points to alone', async () => {
    const checkout = mkdtempSync(path.join(tmp, 'checkout-'));
    mkdirSync(path.join(checkout, 'src'));
    writeFileSync(path.join(checkout, 'src/main.rs'), 'fn main() {}\n');
    for (const args of [
      ['init', '-q'],
      ['add', '-A'],
      ['commit', '-q', '-m', 'x'],
    ])
      execFileSync('git', ['-C', checkout, ...args], { env: gitEnv, stdio: 'pipe' });
    const dir = contentCopy();
    const outside = path.join(tmp, 'outside-chaos.mdx');
    cpSync(path.join(dir, 'projects/chaos-mesh.mdx'), outside);
    rmSync(path.join(dir, 'projects/chaos-mesh.mdx'));
    symlinkSync(outside, path.join(dir, 'projects/chaos-mesh.mdx'));
    const before = readFileSync(outside, 'utf8');
    const r = await run('measure-rust.ts', [
      checkout,
      '--update',
      'chaos-mesh',
      '--repo',
      'chaos-mesh/chaos-mesh',
      '--content',
      dir,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/chaos-mesh\.mdx is a symbolic link/);
    noStack(r.stderr);
    expect(readFileSync(outside, 'utf8')).toBe(before);
  });

  it('a checkout that is not a folder is a message with exit 2', async () => {
    const r = await run('measure-rust.ts', ['/etc/hostname']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^measure:rust: /);
    noStack(r.stderr);
  });
});
