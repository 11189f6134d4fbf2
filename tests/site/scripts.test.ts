/**
 * The site's JavaScript as built: small (gzipped budgets), external files only (so a
 * Content-Security-Policy needs no 'unsafe-inline'), and the search index built under the base.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { BASE, DIST, assertBuilt, distFiles, htmlFiles, readPage } from '../helpers/dist.ts';

beforeAll(assertBuilt);

const scriptTags = (html: string) =>
  [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].map((m) => ({ attrs: m[1], body: m[2] }));
const srcOf = (attrs: string) => /\bsrc="([^"]+)"/.exec(attrs)?.[1];
const gzipped = (file: string) => gzipSync(readFileSync(join(DIST, file)), { level: 9 }).length;
const fileOf = (src: string) => src.slice(BASE.length);
const moduleScripts = (page: string) =>
  scriptTags(readPage(page))
    .map((t) => srcOf(t.attrs))
    .filter((s): s is string => !!s && s.includes('/_astro/'));

describe('scripts', () => {
  it('puts no executable inline script on any page', () => {
    const inline = htmlFiles().flatMap((page) =>
      scriptTags(readPage(page))
        .filter((t) => t.body.trim() && !/type="application\/(ld\+)?json"/.test(t.attrs))
        .map((t) => `${page}: <script${t.attrs}>`),
    );
    expect(inline).toEqual([]);
  });

  it('loads the theme with a blocking script in <head> of every page, under the base', () => {
    for (const page of htmlFiles()) {
      const head = readPage(page).split('</head>')[0];
      expect(head, page).toContain(`<script src="${BASE}theme.js"></script>`);
    }
    expect(gzipped('theme.js')).toBeLessThan(1024);
  });

  it('serves as /theme.js exactly the script kept in src/client/theme.js (no script comes from public/)', () => {
    expect(readFileSync(join(DIST, 'theme.js'), 'utf8')).toBe(
      readFileSync(join(import.meta.dirname, '../../src/client/theme.js'), 'utf8'),
    );
    expect(existsSync(join(import.meta.dirname, '../../public/theme.js'))).toBe(false);
  });

  it('keeps the search loader under 2 KB and the table script under 5 KB, gzipped', () => {
    const everywhere = moduleScripts('404.html');
    expect(everywhere, 'the loader is the one module script on every page').toHaveLength(1);
    const loader = fileOf(everywhere[0]);
    const table = moduleScripts('projects/index.html')
      .filter((s) => !everywhere.includes(s))
      .map(fileOf);
    expect(table, 'the table script').toHaveLength(1);
    const ui = distFiles().filter((f) => /^_astro\/search-ui\.[\w-]+\.js$/.test(f));
    expect(ui).toHaveLength(1);
    const sizes = { loader: gzipped(loader), table: gzipped(table[0]), searchUi: gzipped(ui[0]) };
    expect(sizes.loader).toBeLessThan(2048);
    expect(sizes.table).toBeLessThan(5120);
    expect(sizes.searchUi).toBeLessThan(5120);
  });

  it('builds the Pagefind index and indexes the content pages but not 404 or the search page', () => {
    expect(existsSync(join(DIST, 'pagefind', 'pagefind.js'))).toBe(true);
    const entry = JSON.parse(readFileSync(join(DIST, 'pagefind', 'pagefind-entry.json'), 'utf8')) as {
      languages: Record<string, { page_count: number }>;
    };
    const indexed = Object.values(entry.languages).reduce((n, l) => n + l.page_count, 0);
    const bodies = htmlFiles().filter((p) => readPage(p).includes('data-pagefind-body'));
    expect(indexed).toBe(bodies.length);
    expect(bodies).not.toContain('404.html');
    expect(bodies).not.toContain('search/index.html');
    expect(bodies).toContain('projects/linkerd/index.html');
    const project = readPage('projects/linkerd/index.html');
    expect(project).toMatch(/data-pagefind-meta="maturity:Graduated"/);
    expect(project).toMatch(/data-pagefind-meta="summary"/);
  });
});
