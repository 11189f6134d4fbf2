/**
 * Hostile input: every file the build reads (content/, public/ and data/) passes the same
 * file rules: a regular file inside the repository, never a symbolic link, within its size
 * limit; a JSON data file must parse, because Astro's file() loader only logs one that does
 * not and builds on without its data.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, renameSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { contentGuard } from '../../src/integrations/content-guard.ts';
import { MAX_DATA_JSON_BYTES } from '../../src/validation/data-files.ts';
import { formatProblem, validateContent } from '../../src/validation/index.ts';
import { makeTree } from '../helpers/validation-tree.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

/** The valid fixture tree, changed by `change`; validate's problems, as printed. */
function problemsAfter(change: (root: string) => void): string[] {
  const tree = makeTree();
  cleanups.push(tree.cleanup);
  change(tree.root);
  return validateContent({ contentDir: tree.content, cwd: tree.root }).problems.map(formatProblem);
}

/** A file outside the repository to point links at. */
function outside(): string {
  const dir = path.join(tmpdir(), `outside-${process.pid}-${Math.random().toString(36).slice(2)}`);
  mkdirSync(dir);
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(path.join(dir, 'secret.json'), '[]');
  return path.join(dir, 'secret.json');
}

const link = (target: string, at: string) => (root: string) => {
  rmSync(path.join(root, at), { force: true });
  mkdirSync(path.dirname(path.join(root, at)), { recursive: true });
  symlinkSync(target, path.join(root, at));
};

describe('data/: the files the build reads follow the file rules', () => {
  it.each([
    ['data/history.json → /etc/passwd', '/etc/passwd', 'data/history.json'],
    ['data/crates.json → a file outside the repository', 'OUTSIDE', 'data/crates.json'],
    ['data/landscape.yml → another file of the repository', '../content/sources.yaml', 'data/landscape.yml'],
    ['data/discover-run.json → /etc/passwd', '/etc/passwd', 'data/discover-run.json'],
    ['a link in a folder under data/', '/etc/passwd', 'data/old/history.json'],
  ])('%s is refused', (_what, target, at) => {
    const problems = problemsAfter(link(target === 'OUTSIDE' ? outside() : target, at));
    expect(problems).toContain(
      `${at}:1: file:symlink: is a symbolic link; the build would read whatever it points to, inside or outside the repository (expected a regular file)`,
    );
  });

  it('a JSON data file that does not parse is refused (Astro would build on with no data)', () => {
    const problems = problemsAfter((root) => writeFileSync(path.join(root, 'data/history.json'), 'root:x:0:0:root'));
    expect(problems).toEqual([expect.stringMatching(/^data\/history\.json:1: json:syntax: .*npm run history\)$/)]);
  });

  it('a missing data file is refused; the optional discover run may be missing', () => {
    expect(problemsAfter((root) => rmSync(path.join(root, 'data/crates.json')))).toEqual([
      'data/crates.json:1: file:missing: data/crates.json does not exist (expected the file; the build reads it)',
    ]);
  });

  it('a data file over its limit is refused without being read', () => {
    const problems = problemsAfter((root) =>
      truncateSync(path.join(root, 'data/crates.json'), MAX_DATA_JSON_BYTES + 1),
    );
    expect(problems).toEqual([
      `data/crates.json:1: file:size: file is ${MAX_DATA_JSON_BYTES + 1} bytes (expected at most ${MAX_DATA_JSON_BYTES})`,
    ]);
  });
});

describe('the folders themselves and other kinds of files', () => {
  it.each([['content'], ['public'], ['data']])('%s/ as a symbolic link to a folder elsewhere is refused', (dir) => {
    const problems = problemsAfter((root) => {
      const away = path.join(root, `${dir}-elsewhere`);
      renameSync(path.join(root, dir), away);
      symlinkSync(away, path.join(root, dir));
    });
    expect(problems).toContain(
      `${dir}:1: file:symlink: the folder is a symbolic link; the build would read whatever it points to (expected a folder)`,
    );
  });

  it('a FIFO in content/ is refused, never read (reading it would block the build)', () => {
    const problems = problemsAfter((root) => execFileSync('mkfifo', [path.join(root, 'content/projects/gamma.mdx')]));
    expect(problems).toContain(
      'content/projects/gamma.mdx:1: file:unexpected: is not a regular file (a FIFO, socket or device; expected a regular file)',
    );
  });

  it('the build guard stops on a linked data file, naming it', () => {
    const tree = makeTree();
    cleanups.push(tree.cleanup);
    link('/etc/passwd', 'data/history.json')(tree.root);
    const hook = contentGuard().hooks['astro:config:setup'] as (options: unknown) => void;
    const root = pathToFileURL(`${tree.root}/`);
    const logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    expect(() => hook({ config: { root, publicDir: new URL('./public', root) }, command: 'build', logger })).toThrow(
      /data\/history\.json:1: file:symlink: /,
    );
  });
});
