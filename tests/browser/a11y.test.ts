/**
 * axe-core on one page of every template, in both themes, plus the states scripts create
 * (open search results, a filtered and sorted table). Templates are found in dist/, so a
 * page added later is checked without editing this list.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowserSession } from '../helpers/browser.ts';
import { assertBuilt, htmlFiles } from '../helpers/dist.ts';

/** One URL path per template: every top-level page, and the first page of each `x/<param>/` route. */
export function templatePaths(files: string[]): string[] {
  const pages = files.filter((f) => f.endsWith('.html')).sort();
  const paths = new Map<string, string>();
  for (const file of pages) {
    const parts = file.split('/');
    const path =
      file === 'index.html'
        ? '/'
        : file.endsWith('/index.html')
          ? `/${file.slice(0, -'index.html'.length)}`
          : `/${file}`;
    const template = parts.length <= 2 ? path : `/${parts[0]}/*`;
    // Prefer a well-known project for the project template; otherwise the first by name.
    if (!paths.has(template) || path === '/projects/linkerd/') paths.set(template, path);
  }
  return [...paths.values()];
}

assertBuilt();
const PAGES = templatePaths(htmlFiles());
/** axe on every template (the /crates/ listing is long): 30 s each on a loaded machine. */
const session = useBrowserSession();
let page: Page;

// A fresh page per test: a test that times out in the middle of an axe run leaves its page
// busy, and a shared page made every later test fail with it.
beforeEach(async () => {
  page = await session().newPage();
  session().expectNotFound(session().server.url('/404.html'));
});
afterEach(async () => {
  await page?.close().catch(() => undefined);
});

async function violations(scope?: string) {
  const builder = new AxeBuilder({ page });
  if (scope) builder.include(scope);
  const result = await builder.analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('accessibility (axe-core)', () => {
  it('checks the templates the build has, including the required ones', () => {
    for (const required of [
      '/',
      '/projects/',
      '/projects/linkerd/',
      '/data-notes/',
      '/sources/',
      '/search/',
      '/404.html',
    ])
      expect(PAGES).toContain(required);
    for (const template of ['/maturity/', '/categories/', '/rust-usage/'])
      expect(
        PAGES.some((p) => p.startsWith(template) && p !== template),
        template,
      ).toBe(true);
  });

  for (const scheme of ['light', 'dark'] as const) {
    // One test per template: each has its own time budget on a busy machine, and one slow
    // page cannot take the others down with it.
    it.each(PAGES)(`reports no violation on %s in the ${scheme} theme`, async (path) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(session().server.url(path));
      await page.evaluate((s) => document.documentElement.setAttribute('data-theme', s), scheme);
      expect((await violations()).map((v) => `${path} ${v}`)).toEqual([]);
    });

    it(`reports no violation with search results open and the table filtered, in the ${scheme} theme`, async () => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(session().server.url('/projects/?sort=lines&dir=desc&maturity=graduated'));
      await page.locator('table[data-enhanced]').waitFor({ state: 'attached' });
      await page.getByRole('searchbox', { name: 'Search the catalog' }).fill('rust');
      await page.locator('#search-header-results .search-list li').first().waitFor({ timeout: 15_000 });
      expect(await violations()).toEqual([]);
      await page.goto(session().server.url('/search/?q=wasm'));
      await page.locator('#search-page-results .search-list li').first().waitFor({ timeout: 15_000 });
      expect(await violations()).toEqual([]);
    }, 180_000);
  }
});
