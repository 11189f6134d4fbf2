import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { THREE_BODY_PROBLEMS, hashTree, makeTree } from '../helpers/validation-tree.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
// The npm devDependency `node` (Node 24): runs the .ts scripts as `npm run` does.
const NODE = path.join(ROOT, 'node_modules/.bin/node');

function script(name: string, args: string[], cwd = ROOT) {
  const result = spawnSync(NODE, [path.join(ROOT, 'scripts', name), ...args], { cwd, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

describe('npm run validate', () => {
  it('passes the real content/ and prints no problem lines', () => {
    const before = hashTree(path.join(ROOT, 'content'));
    const { code, stdout, stderr } = script('validate.ts', []);
    expect(stdout, stdout).toBe('');
    expect(code, stdout).toBe(0);
    expect(stderr).toMatch(/validate: no problems \(\d+ entries, \d+ files checked in \d+ ms\)/);
    // How fast it runs is measured in BENCHMARKS.md, not asserted here (a busy machine is slow).
    expect(hashTree(path.join(ROOT, 'content'))).toBe(before);
  });

  it('prints every problem as path:line: field: message and exits 1, changing nothing', () => {
    const tree = makeTree(THREE_BODY_PROBLEMS);
    cleanups.push(tree.cleanup);
    const alpha = path.join(tree.content, 'projects/alpha.mdx');
    writeFileSync(
      alpha,
      readFileSync(alpha, 'utf8').replace('https://alpha.example.org/', 'http://alpha.example.org/'),
    );
    const before = hashTree(tree.root);
    const { code, stdout, stderr } = script('validate.ts', ['--content', 'content'], tree.root);
    expect(code).toBe(1);
    expect(stdout.trimEnd().split('\n')).toEqual([
      'content/projects/alpha.mdx:13: homepage: got "http://alpha.example.org/" (expected an absolute https:// URL)',
      'content/projects/beta.mdx:25: mdx:unknown-component: <Tabs> is not an entry component (expected Markdown or plain HTML; entries use no components)',
      expect.stringMatching(/^content\/projects\/beta\.mdx:29: mdx:forbidden-tag: <script> is not allowed in an entry/),
      'content/projects/beta.mdx:31: mdx:unsafe-url: <a href> uses a javascript: URL (expected https:// or a path inside the site)',
    ]);
    expect(stderr).toMatch(/validate: 4 problems/);
    expect(hashTree(tree.root)).toBe(before);
  });
});

describe('npm run new', () => {
  function newEntry(tree: { root: string }, ...args: string[]) {
    return script(
      'new-entry.ts',
      [...args, '--content', 'content', '--public', 'public', '--landscape', path.join(ROOT, 'data/landscape.yml')],
      tree.root,
    );
  }

  it('scaffolds an entry prefilled from landscape.yml that validates as written', () => {
    const tree = makeTree();
    cleanups.push(tree.cleanup);
    const made = newEntry(tree, 'curve', '--name', 'Curve', '--category', 'storage');
    expect(made.code, made.stderr).toBe(0);
    const text = readFileSync(path.join(tree.content, 'projects/curve.mdx'), 'utf8');
    expect(text).toContain('homepage: https://www.opencurve.io/'); // http:// in landscape.yml
    expect(text).toContain('maturity: archived');
    expect(text).toContain("  archived: '2024-10-26'");
    expect(existsSync(path.join(tree.root, 'public/logos/curve.svg'))).toBe(true);
    const check = script('validate.ts', ['--content', 'content'], tree.root);
    expect(check.stdout).toBe('');
    expect(check.code).toBe(0);
  });

  it('optimises a given logo instead of writing the placeholder', () => {
    const tree = makeTree();
    cleanups.push(tree.cleanup);
    const source = path.join(tree.root, 'logo-source.svg');
    writeFileSync(
      source,
      '<?xml version="1.0"?>\n<!-- editor comment -->\n<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20" viewBox="0 0 20 20"><rect width="20" height="20" fill="#ff0000"/></svg>\n',
    );
    expect(newEntry(tree, 'logo-test', '--logo', source).code).toBe(0);
    const logo = readFileSync(path.join(tree.root, 'public/logos/logo-test.svg'), 'utf8');
    expect(logo).toContain('viewBox="0 0 20 20"');
    expect(logo).not.toContain('editor comment');
    expect(logo).not.toContain('Placeholder');
  });

  it('refuses to overwrite an entry and leaves it unchanged', () => {
    const tree = makeTree();
    cleanups.push(tree.cleanup);
    const before = hashTree(tree.root);
    const again = newEntry(tree, 'alpha');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/content\/projects\/alpha\.mdx already exists/);
    expect(hashTree(tree.root)).toBe(before);
  });

  it('refuses a slug that is not kebab-case, and an unknown category', () => {
    const tree = makeTree();
    cleanups.push(tree.cleanup);
    expect(newEntry(tree, 'Bad_Slug').stderr).toMatch(/not a slug/);
    expect(newEntry(tree, 'ok-slug', '--category', 'nope').stderr).toMatch(
      /unknown category "nope" \(expected one of storage, service-mesh, unused\)/,
    );
    expect(existsSync(path.join(tree.content, 'projects/ok-slug.mdx'))).toBe(false);
  });
});
