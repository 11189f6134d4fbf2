/**
 * The repository is self-contained: a clone of the committed HEAD, in a temporary directory with
 * nothing beside it, passes its content and script tests, and no Node process of that run
 * reaches a file outside the clone through `node:fs` (tests/helpers/fs-trace.ts records them),
 * apart from the installed packages (linked in, as `npm ci` would install them), the temporary
 * directory the tests work in and the system's own files. A path of a development machine in
 * the code is also refused by name.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const NODE = path.join(ROOT, 'node_modules/.bin/node');
/** The system's own files, which any program reads (libraries, certificates, /proc). */
const SYSTEM = ['/usr', '/etc', '/lib', '/lib64', '/bin', '/sbin', '/proc', '/sys', '/dev'];

const temp = realpathSync(mkdtempSync(path.join(tmpdir(), 'cncf-rust-catalog-clone-')));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const under = (file: string, dir: string) => file === dir || file.startsWith(dir + path.sep);

function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('a clone with nothing beside it', () => {
  it('passes its content and script tests, reading nothing outside itself', async () => {
    const clone = path.join(temp, 'repo');
    execFileSync('git', ['clone', '--quiet', ROOT, clone], { stdio: 'pipe' });
    const head = (dir: string) => execFileSync('git', ['-C', dir, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    expect(head(clone)).toBe(head(ROOT));
    const packages = realpathSync(path.join(ROOT, 'node_modules'));
    symlinkSync(packages, path.join(clone, 'node_modules'));
    expect(readdirSync(temp)).toEqual(['repo']);

    const traces = path.join(temp, 'fs-trace');
    // Only what a contributor's shell would have: no variables of this run or of this machine's tools.
    const env = Object.fromEntries(
      Object.entries(process.env).filter(
        ([k]) => !/^(VITEST|__VITEST|TEST$|NODE_OPTIONS$|CATALOG_REPOS$|GITHUB_)/.test(k),
      ),
    );
    const suites = ['tests/content', 'tests/scripts'];
    const { code, output } = await run(
      NODE,
      [path.join(clone, 'node_modules/vitest/vitest.mjs'), 'run', '--project', 'unit', ...suites],
      {
        cwd: clone,
        env: {
          ...env,
          FS_TRACE_DIR: traces,
          // Plain text, so the summary line below can be read.
          NO_COLOR: '1',
          NODE_OPTIONS: `--import=${path.join(clone, 'tests/helpers/fs-trace.ts')}`,
        },
      },
    );
    expect(code, output.slice(-6000)).toBe(0);
    const files = suites.flatMap((dir) => readdirSync(path.join(clone, dir)).filter((f) => f.endsWith('.test.ts')));
    expect(output).toMatch(new RegExp(`Test Files +${files.length} passed \\(${files.length}\\)`));

    const reached = new Set(
      readdirSync(traces).flatMap((f) => readFileSync(path.join(traces, f), 'utf8').split('\n').filter(Boolean)),
    );
    expect(reached.size).toBeGreaterThan(100);
    // The test workers' reads are in the trace, not only the runner's: the first measurements
    // are read by a content test alone.
    expect(reached).toContain(path.join(clone, 'data/rust-code/measurements.csv'));
    const allowed = [temp, clone, packages, realpathSync(tmpdir()), ...SYSTEM];
    const outside = [...reached].filter((p) => p !== '/' && !allowed.some((dir) => under(p, dir))).sort();
    expect(outside).toEqual([]);
  }, 900_000);

  it('names no path of a development machine, nor a folder beside the repository, in its code', () => {
    const tracked = execFileSync('git', ['-C', ROOT, 'ls-files'], { encoding: 'utf8' })
      .split('\n')
      .filter((f) => /\.(ts|mts|mjs|js|astro|json|ya?ml)$|^\.ci\//.test(f) && !f.startsWith('tests/fixtures/'))
      .filter((f) => f !== 'package-lock.json' && f !== 'tests/unit/clone.test.ts');
    expect(tracked.length).toBeGreaterThan(100);
    const named = tracked.flatMap((f) =>
      readFileSync(path.join(ROOT, f), 'utf8')
        .split('\n')
        .flatMap((line, i) =>
          /(?:^|[\s'"`(=])(?:\/work\/|\/home\/[\w.-]+\/|\/Users\/|\.\.\/shared\b)|\/\.mirror\b/.test(line)
            ? [`${f}:${i + 1}: ${line.trim()}`]
            : [],
        ),
    );
    expect(named).toEqual([]);
  });
});
