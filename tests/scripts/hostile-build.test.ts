/**
 * Hostile input, end to end: the real `astro build` of a small site (this repository's config
 * and src/, the validation fixture's content) with hostile entries. The build must stop in
 * the content guard, before any entry reaches the MDX compiler, naming each file and line;
 * never run the entry's code, never crash with a signal, never read a linked data file, never
 * write a page.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../helpers/validation-tree.ts';

const root = path.resolve(import.meta.dirname, '../..');
const node = path.join(root, 'node_modules/.bin/node');
const site = mkdtempSync(path.join(tmpdir(), 'hostile-build-'));
afterAll(() => rmSync(site, { recursive: true, force: true }));

const beta = readFileSync(path.join(FIXTURES, 'valid/content/projects/beta.mdx'), 'utf8');
/** The beta fixture as another project, with `body` after its frontmatter. */
const entry = (name: string, body: string, closing = '---\n') =>
  beta
    .replace('name: Beta', `name: ${name}`)
    .replace('landscapeName: Beta', `landscapeName: ${name}`)
    .replace("updated: '2026-11-22'\n---\n", `updated: '2026-11-22'\n${closing}`)
    .replace('Beta routes traffic.\n', body);
const FENCE_LINE = beta.split('\n').indexOf('---', 1) + 1;
// After the fence: the fixture's blank line, then the blank line each body below starts with.
const BODY_LINE = FENCE_LINE + 3;

const HOSTILE: Record<string, { text: string; expect: RegExp }> = {
  'fence.mdx': {
    // Read /etc/passwd at build time and publish it on the page.
    text: entry(
      'Fence',
      "import { readFileSync } from 'node:fs'\n\n{readFileSync('/etc/passwd', 'utf8')}\n\n---\n\nText.\n",
      '---\t\n',
    ),
    expect: new RegExp(`content/projects/fence\\.mdx:${FENCE_LINE}: frontmatter: the frontmatter ends at "---\\\\t"`),
  },
  'dashes.mdx': {
    text: entry('Dashes', `\n${'- '.repeat(2_000)}x\n`),
    expect: new RegExp(`content/projects/dashes\\.mdx:${BODY_LINE}: mdx:nesting: `),
  },
  'numbers.mdx': {
    text: entry('Numbers', `\n${'1. '.repeat(20_000)}x\n`),
    expect: new RegExp(`content/projects/numbers\\.mdx:${BODY_LINE}: mdx:nesting: `),
  },
  'stars.mdx': {
    text: entry('Stars', `\n${'**'.repeat(25_000)}x${'**'.repeat(25_000)}\n`),
    expect: new RegExp(`content/projects/stars\\.mdx:${BODY_LINE}: mdx:nesting: `),
  },
  'quotes.mdx': {
    text: entry('Quotes', `\n${'> '.repeat(5_000)}x\n`),
    expect: new RegExp(`content/projects/quotes\\.mdx:${BODY_LINE}: mdx:nesting: `),
  },
};

describe('astro build over hostile entries', () => {
  it('stops in the content guard naming every file and line, runs nothing, writes no page', () => {
    for (const part of ['astro.config.mjs', 'src', 'tsconfig.json', 'package.json'])
      cpSync(path.join(root, part), path.join(site, part), { recursive: true });
    cpSync(path.join(FIXTURES, 'valid'), site, { recursive: true });
    symlinkSync(path.join(root, 'node_modules'), path.join(site, 'node_modules'));
    for (const [file, { text }] of Object.entries(HOSTILE)) {
      writeFileSync(path.join(site, 'content/projects', file), text);
      const logo = path.join(site, 'public/logos', file.replace('.mdx', '.svg'));
      cpSync(path.join(site, 'public/logos/beta.svg'), logo);
      writeFileSync(
        path.join(site, 'content/projects', file),
        text.replace('logo: beta.svg', `logo: ${path.basename(logo)}`),
      );
    }
    // Rust through time read from /etc/passwd: it built with an empty history before.
    rmSync(path.join(site, 'data/history.json'));
    symlinkSync('/etc/passwd', path.join(site, 'data/history.json'));
    const r = spawnSync(node, [path.join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], {
      cwd: site,
      encoding: 'utf8',
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
      timeout: 300_000,
    });
    const output = `${r.stdout}\n${r.stderr}`;
    expect(r.signal, output).toBeNull(); // no segmentation fault, no timeout
    expect(r.status, output).toBe(1);
    expect(output).toContain('[cncf-rust-catalog:content-guard]');
    expect(output).toMatch(/\d+ content problems? \(run `npm run validate` for the same list\)/);
    for (const [file, { expect: line }] of Object.entries(HOSTILE)) expect(output, file).toMatch(line);
    expect(output).toContain('data/history.json:1: file:symlink: ');
    expect(output).not.toMatch(/root:x:0:0/);
    expect(existsSync(path.join(site, 'dist'))).toBe(false);

    // npm run validate on the same tree: exit 1 and the very lines the build printed.
    const validate = spawnSync(node, [path.join(root, 'scripts/validate.ts')], { cwd: site, encoding: 'utf8' });
    expect(validate.status).toBe(1);
    const lines = validate.stdout.trim().split('\n');
    expect(lines.length).toBe(Object.keys(HOSTILE).length + 1);
    for (const line of lines) expect(output).toContain(line);
  });
});
