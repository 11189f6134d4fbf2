/**
 * axe-core on one page of every template, in both themes, plus the states scripts create
 * (open search results, a filtered and sorted table). Templates are found in dist/, so a
 * page added later is checked without editing this list. The dark theme changes colours only
 * (checked below on the built CSS), so in it axe runs the rules that depend on colour; every
 * other rule would give the light theme's answer again.
 */
import { readFileSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowserSession } from '../helpers/browser.ts';
import { DIST, assertBuilt, distFiles, htmlFiles } from '../helpers/dist.ts';
import { extremePages, templatePaths } from '../helpers/templates.ts';

/** The axe rules whose answer depends on the colours a theme sets. */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

assertBuilt();
// For the crate pages, the longest one (the most projects and versions in its table).
const longestCrate = extremePages().find((e) => e.why.includes('longest crate page'))!.path;
const PAGES = templatePaths(htmlFiles(), ['/projects/linkerd/', longestCrate]);
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

async function violations(rules?: string[]) {
  const builder = new AxeBuilder({ page });
  if (rules) builder.withRules(rules);
  const result = await builder.analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Switches the open page to a theme as the toggle does, and as the system preference would. */
async function theme(scheme: 'light' | 'dark') {
  await page.emulateMedia({ colorScheme: scheme });
  await page.evaluate((s) => document.documentElement.setAttribute('data-theme', s), scheme);
}

/** Full axe in the light theme, then the colour rules in the dark theme, on the page as it is. */
async function bothThemes(): Promise<string[]> {
  await theme('light');
  const light = (await violations()).map((v) => `light: ${v}`);
  await theme('dark');
  const dark = (await violations(COLOUR_RULES)).map((v) => `dark: ${v}`);
  return [...light, ...dark];
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
    for (const template of ['/maturity/', '/categories/', '/rust-usage/', '/crates/'])
      expect(
        PAGES.some((p) => p.startsWith(template) && p !== template),
        template,
      ).toBe(true);
  });

  it('has a dark theme that changes colours only, so only the colour rules can answer differently in it', () => {
    const css = distFiles()
      .filter((f) => f.endsWith('.css'))
      .map((f) => readFileSync(`${DIST}/${f}`, 'utf8'))
      .join('\n');
    const blocks = [
      ...[...css.matchAll(/([^{}]*data-theme[^{}]*)\{([^{}]*)\}/g)].map((m) => ({ selector: m[1], body: m[2] })),
      ...[...css.matchAll(/@media\s*\(prefers-color-scheme:\s*dark\)\s*\{((?:[^{}]*\{[^{}]*\})*)\s*\}/g)].flatMap((m) =>
        [...m[1].matchAll(/([^{}]*)\{([^{}]*)\}/g)].map((r) => ({ selector: r[1], body: r[2] })),
      ),
    ];
    expect(blocks.length).toBeGreaterThan(1);
    const other = blocks.flatMap(({ selector, body }) =>
      body
        .split(';')
        .map((d) => d.trim())
        .filter((d) => d && !/^(--[\w-]+|color-scheme)\s*:/.test(d))
        .map((d) => `${selector.trim()} { ${d} }`),
    );
    expect(other).toEqual([]);
  });

  // One test per template: each has its own time budget on a busy machine, and one slow
  // page cannot take the others down with it.
  // Two analyses of a long page (the crate listing) take minutes on a loaded machine.
  it.each(PAGES)(
    'reports no violation on %s in the light and dark themes',
    async (path) => {
      await page.goto(session().server.url(path));
      expect((await bothThemes()).map((v) => `${path} ${v}`)).toEqual([]);
    },
    480_000,
  );

  it('reports no violation with search results open and the table filtered, in the light and dark themes', async () => {
    await page.goto(session().server.url('/projects/?sort=lines&dir=desc&maturity=graduated'));
    await page.locator('table[data-enhanced]').waitFor({ state: 'attached' });
    await page.getByRole('searchbox', { name: 'Search the catalog' }).fill('rust');
    await page.locator('#search-header-results .search-list li').first().waitFor({ timeout: 15_000 });
    expect(await bothThemes()).toEqual([]);
    await page.goto(session().server.url('/search/?q=wasm'));
    await page.locator('#search-page-results .search-list li').first().waitFor({ timeout: 15_000 });
    expect(await bothThemes()).toEqual([]);
  }, 480_000);
});
