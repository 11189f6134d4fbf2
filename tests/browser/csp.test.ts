/**
 * The Content-Security-Policy breaks nothing: every page template is opened in Chromium and
 * its scripts are exercised (theme toggle, table filters, header search, the search page with
 * Pagefind's WebAssembly), while `securitypolicyviolation` events and console errors are
 * recorded. One violation anywhere fails the test with what was blocked and by which directive.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowserSession } from '../helpers/browser.ts';
import { readCatalog } from '../helpers/content.ts';
import { CONTENT_SECURITY_POLICY } from '../../src/data/site/csp.ts';
import { htmlFiles } from '../helpers/dist.ts';
import { templatePaths } from '../helpers/templates.ts';

interface Violation {
  page: string;
  blocked: string;
  directive: string;
  sample: string;
}

const { entries } = readCatalog();
const session = useBrowserSession();

/** A page that records every CSP violation from the first byte on. */
async function watchedPage(): Promise<Page> {
  const page = await session().newPage({ width: 1280, height: 900 });
  await page.addInitScript(() => {
    const list: unknown[] = [];
    (window as unknown as { cspViolations: unknown[] }).cspViolations = list;
    document.addEventListener('securitypolicyviolation', (e) =>
      list.push({ page: location.pathname, blocked: e.blockedURI, directive: e.violatedDirective, sample: e.sample }),
    );
  });
  return page;
}

const violations = (page: Page) =>
  page.evaluate(() => (window as unknown as { cspViolations: Violation[] }).cspViolations);

/** One page of each template, found in dist/ (the 404 page is opened by its own test). */
const templates = () => templatePaths(htmlFiles()).filter((path) => path !== '/404.html');

describe('Content-Security-Policy in the browser', () => {
  it('is the policy the browser enforces on every template, and nothing is blocked', async () => {
    const page = await watchedPage();
    const found: Violation[] = [];
    for (const path of templates()) {
      const response = await page.goto(session().server.url(path));
      expect(response?.status(), path).toBe(200);
      await page.waitForLoadState('networkidle');
      const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
      expect(policy, path).toBe(CONTENT_SECURITY_POLICY);
      // The theme script ran (it un-hides the toggle): scripts from 'self' are allowed.
      await expect.poll(() => page.locator('[data-theme-toggle]').isVisible(), { message: path }).toBe(true);
      // The stylesheet applied (not blocked): the header is laid out by it.
      expect(await page.locator('.site-header').evaluate((el) => getComputedStyle(el).display), path).not.toBe(
        'inline',
      );
      found.push(...(await violations(page)));
    }
    expect(found).toEqual([]);
    await page.close();
  });

  it('lets the 404 page, the theme toggle and the table filters run', async () => {
    const page = await watchedPage();
    const missing = session().server.url('/no-such-page/');
    session().expectNotFound(missing);
    const response = await page.goto(missing);
    expect(response?.status()).toBe(404);
    await page.waitForLoadState('networkidle');
    const found = await violations(page);

    await page.goto(session().server.url('/projects/'));
    await page.locator('[data-theme-toggle]').click();
    await page.locator('table[data-project-table][data-enhanced]').waitFor({ state: 'attached' });
    await page.locator('select[name="maturity"]').selectOption('graduated');
    await expect
      .poll(() => page.locator('table[data-project-table] tbody tr:not([hidden])').count())
      .toBe(entries.filter((e) => e.data.maturity === 'graduated').length);
    found.push(...(await violations(page)));
    expect(found).toEqual([]);
    await page.close();
  });

  it('lets Pagefind load and compile its WebAssembly, from the header box and the search page', async () => {
    const page = await watchedPage();
    await page.goto(session().server.url('/'));
    await page.getByRole('searchbox', { name: 'Search the catalog' }).fill('linkerd');
    await expect
      .poll(() => page.locator('#search-header-results .search-list li').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    const found = await violations(page);

    await page.goto(session().server.url('/search/?q=tikv'));
    await expect
      .poll(() => page.locator('#search-page-results .search-list li').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    found.push(...(await violations(page)));
    expect(
      session().requests.some((url) => url.endsWith('.wasm') || url.includes('/pagefind/wasm')),
      'Pagefind fetched its WebAssembly',
    ).toBe(true);
    expect(found).toEqual([]);
    await page.close();
  });
});
