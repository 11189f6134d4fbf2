/**
 * npm run validate and npm run new as a contributor runs them. Most cases call the scripts'
 * `main` in-process; one run of each is a real child process, for the exit code and output a
 * shell sees, and validate runs once more as a child the way GitHub Actions runs it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { THREE_BODY_PROBLEMS, hashTree, makeTree } from '../helpers/validation-tree.ts';
import { runInProcess } from '../helpers/cli.ts';
import { main as validateMain } from '../../scripts/validate.ts';
import { main as newMain } from '../../scripts/new-entry.ts';
import { errorCommand } from '../../scripts/lib/github-annotations.ts';
import { indexByName, landscapeProjects } from '../../scripts/lib/landscape.ts';
import { toHttps } from '../../scripts/lib/landscape-drift.ts';
import { loadYaml } from '../../src/validation/safe-yaml.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
// The npm devDependency `node` (Node 24): runs the .ts scripts as `npm run` does.
const NODE = path.join(ROOT, 'node_modules/.bin/node');
const LANDSCAPE = path.join(ROOT, 'data/landscape.yml');

function spawned(name: string, args: string[], cwd = ROOT, env: NodeJS.ProcessEnv = {}) {
  const { GITHUB_ACTIONS: _, ...inherited } = process.env;
  const result = spawnSync(NODE, [path.join(ROOT, 'scripts', name), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...inherited, ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
const validate = (args: string[], cwd = ROOT) => runInProcess('validate', validateMain, args, { cwd });

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
  vi.unstubAllEnvs();
});

/** A tree with the three body problems and an http:// home page: four problems on known lines. */
function fourProblems() {
  const tree = makeTree(THREE_BODY_PROBLEMS);
  cleanups.push(tree.cleanup);
  const alpha = path.join(tree.content, 'projects/alpha.mdx');
  writeFileSync(alpha, readFileSync(alpha, 'utf8').replace('https://alpha.example.org/', 'http://alpha.example.org/'));
  return tree;
}
const FOUR_PROBLEMS = [
  'content/projects/alpha.mdx:13: homepage: got "http://alpha.example.org/" (expected an absolute https:// URL)',
  'content/projects/beta.mdx:25: mdx:unknown-component: <Tabs> is not an entry component (expected Markdown or plain HTML; entries use no components)',
  expect.stringMatching(/^content\/projects\/beta\.mdx:29: mdx:forbidden-tag: <script> is not allowed in an entry/),
  'content/projects/beta.mdx:31: mdx:unsafe-url: <a href> uses a javascript: URL (expected https:// or a path inside the site)',
];

describe('npm run validate', () => {
  it('passes the real content/ and prints no problem lines', async () => {
    const before = hashTree(path.join(ROOT, 'content'));
    const { code, stdout, stderr } = await validate([]);
    expect(stdout, stdout).toBe('');
    expect(code, stdout).toBe(0);
    expect(stderr).toMatch(/validate: no problems \(\d+ entries, \d+ files checked in \d+ ms\)/);
    // How fast it runs is measured in BENCHMARKS.md, not asserted here (a busy machine is slow).
    expect(hashTree(path.join(ROOT, 'content'))).toBe(before);
  });

  it('prints every problem as path:line: field: message and exits 1, changing nothing (a real run)', () => {
    const tree = fourProblems();
    const before = hashTree(tree.root);
    const { code, stdout, stderr } = spawned('validate.ts', ['--content', 'content'], tree.root);
    expect(code).toBe(1);
    expect(stdout.trimEnd().split('\n')).toEqual(FOUR_PROBLEMS);
    expect(stderr).toMatch(/validate: 4 problems/);
    expect(hashTree(tree.root)).toBe(before);
  });

  it('also prints each problem as a GitHub error annotation when GITHUB_ACTIONS is true', async () => {
    const tree = fourProblems();
    vi.stubEnv('GITHUB_ACTIONS', 'true');
    const { code, stdout } = await validate(['--content', 'content'], tree.root);
    expect(code).toBe(1);
    const lines = stdout.trimEnd().split('\n');
    expect(lines.slice(0, 4)).toEqual(FOUR_PROBLEMS);
    expect(lines.slice(4)).toEqual([
      '::error file=content/projects/alpha.mdx,line=13,title=homepage::got "http://alpha.example.org/" (expected an absolute https:// URL)',
      '::error file=content/projects/beta.mdx,line=25,title=mdx%3Aunknown-component::<Tabs> is not an entry component (expected Markdown or plain HTML; entries use no components)',
      expect.stringMatching(
        /^::error file=content\/projects\/beta\.mdx,line=29,title=mdx%3Aforbidden-tag::<script> is not allowed/,
      ),
      '::error file=content/projects/beta.mdx,line=31,title=mdx%3Aunsafe-url::<a href> uses a javascript: URL (expected https:// or a path inside the site)',
    ]);
    vi.stubEnv('GITHUB_ACTIONS', '');
    expect((await validate(['--content', 'content'], tree.root)).stdout).not.toContain('::error');
  });

  it('annotates in a real run under GitHub Actions', () => {
    const tree = fourProblems();
    const annotated = spawned('validate.ts', ['--content', 'content'], tree.root, { GITHUB_ACTIONS: 'true' });
    expect(annotated.code).toBe(1);
    expect(annotated.stdout.split('\n').filter((l) => l.startsWith('::error '))).toHaveLength(4);
    expect(annotated.stdout).toContain('::error file=content/projects/alpha.mdx,line=13,title=homepage::got "http');
  });
});

describe('workflow commands', () => {
  it('escape %, CR and LF in the message, and also , and : in the file and title', () => {
    expect(
      errorCommand({ file: 'content/a,b:c%.mdx', line: 7, field: 'x:y,z', message: '100% sure\r\nnext: line, end' }),
    ).toBe('::error file=content/a%2Cb%3Ac%25.mdx,line=7,title=x%3Ay%2Cz::100%25 sure%0D%0Anext: line, end');
  });

  it('cannot be ended early by a value: one line, and the properties end at the first ::', () => {
    const command = errorCommand({
      file: 'f::\n::error x',
      line: 1,
      field: '::warning::',
      message: '\n::error file=x::y',
    });
    expect(command).not.toMatch(/[\r\n]/);
    expect(command).toBe('::error file=f%3A%3A%0A%3A%3Aerror x,line=1,title=%3A%3Awarning%3A%3A::%0A::error file=x::y');
  });
});

describe('npm run new', () => {
  function newEntry(tree: { root: string }, ...args: string[]) {
    return runInProcess(
      'new',
      newMain,
      [...args, '--content', 'content', '--public', 'public', '--landscape', LANDSCAPE],
      { cwd: tree.root },
    );
  }

  it('scaffolds an entry prefilled from landscape.yml that validates as written (a real run)', async () => {
    // An archived project whose landscape home page is written with http://, when there is one.
    const items = landscapeProjects(loadYaml(readFileSync(LANDSCAPE, 'utf8')));
    const item =
      items.find((i) => i.maturity === 'archived' && i.dates.archived && i.homepage?.startsWith('http://')) ??
      items.find((i) => i.maturity === 'archived' && i.dates.archived)!;
    expect(indexByName(items).get(item.name)).toBe(item);
    const tree = makeTree();
    cleanups.push(tree.cleanup);
    const made = spawned(
      'new-entry.ts',
      [
        'scaffolded',
        '--name',
        item.name,
        '--category',
        'storage',
        '--content',
        'content',
        '--public',
        'public',
        '--landscape',
        LANDSCAPE,
      ],
      tree.root,
    );
    expect(made.code, made.stderr).toBe(0);
    const text = readFileSync(path.join(tree.content, 'projects/scaffolded.mdx'), 'utf8');
    if (item.homepage) expect(text).toContain(`homepage: ${toHttps(item.homepage)}`);
    expect(text).toContain('maturity: archived');
    expect(text).toContain(`  archived: '${item.dates.archived}'`);
    expect(existsSync(path.join(tree.root, 'public/logos/scaffolded.svg'))).toBe(true);
    const check = await validate(['--content', 'content'], tree.root);
    expect(check.stdout).toBe('');
    expect(check.code).toBe(0);
  });

  it('optimises a given logo instead of writing the placeholder', async () => {
    const tree = makeTree();
    cleanups.push(tree.cleanup);
    const source = path.join(tree.root, 'logo-source.svg');
    writeFileSync(
      source,
      '<?xml version="1.0"?>\n<!-- editor comment -->\n<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20" viewBox="0 0 20 20"><rect width="20" height="20" fill="#ff0000"/></svg>\n',
    );
    expect((await newEntry(tree, 'logo-test', '--logo', source)).code).toBe(0);
    const logo = readFileSync(path.join(tree.root, 'public/logos/logo-test.svg'), 'utf8');
    expect(logo).toContain('viewBox="0 0 20 20"');
    expect(logo).not.toContain('editor comment');
    expect(logo).not.toContain('Placeholder');
  });

  it('refuses to overwrite an entry and leaves it unchanged', async () => {
    const tree = makeTree();
    cleanups.push(tree.cleanup);
    const before = hashTree(tree.root);
    const again = await newEntry(tree, 'alpha');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/content\/projects\/alpha\.mdx already exists/);
    expect(hashTree(tree.root)).toBe(before);
  });

  it('refuses a slug that is not kebab-case, and an unknown category', async () => {
    const tree = makeTree();
    cleanups.push(tree.cleanup);
    expect((await newEntry(tree, 'Bad_Slug')).stderr).toMatch(/not a slug/);
    expect((await newEntry(tree, 'ok-slug', '--category', 'nope')).stderr).toMatch(
      /unknown category "nope" \(expected one of storage, service-mesh, unused\)/,
    );
    expect(existsSync(path.join(tree.content, 'projects/ok-slug.mdx'))).toBe(false);
  });
});
