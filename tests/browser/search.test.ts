/** Full-text search: the header box, loaded on demand, and the /search/ page. */
import { describe, expect, it } from 'vitest';
import { useBrowserSession } from '../helpers/browser.ts';
import { readCatalog } from '../helpers/content.ts';
import { MATURITY_LEVELS } from '../../src/schemas/taxonomy.ts';

const session = useBrowserSession();
const pagefindRequests = () => session().requests.filter((url) => url.includes('/pagefind/'));

describe('search', () => {
  it('loads nothing of the index until the reader starts a search', async () => {
    const page = await session().newPage();
    const before = pagefindRequests().length;
    await page.goto(session().server.url('/projects/'));
    await page.waitForLoadState('networkidle');
    expect(pagefindRequests().length, 'pagefind requests on page load').toBe(before);
    // Without JavaScript the header link is the way to search; with it, the box replaces the link.
    await expect.poll(() => page.locator('[data-search-link]').isHidden()).toBe(true);
    await page.getByRole('searchbox', { name: 'Search the catalog' }).focus();
    await expect.poll(() => pagefindRequests().some((url) => url.endsWith('/pagefind/pagefind.js'))).toBe(true);
    expect(
      pagefindRequests().every((url) => url.startsWith(session().server.root + 'pagefind/')),
      'pagefind loads under the base path',
    ).toBe(true);
    await page.close();
  });

  it('lists Linkerd first for "linkerd", with its maturity and summary', async () => {
    const page = await session().newPage();
    await page.goto(session().server.url('/'));
    const box = page.getByRole('searchbox', { name: 'Search the catalog' });
    await box.fill('linkerd');
    const results = page.locator('#search-header-results');
    const first = results.locator('.search-list li').first();
    await expect.poll(() => first.locator('.result-title').textContent(), { timeout: 15_000 }).toBe('Linkerd');
    expect(await first.locator('.badge').textContent()).toBe('Graduated');
    expect((await first.locator('.result-text').textContent())?.length).toBeGreaterThan(20);
    expect(await results.locator('.search-summary').textContent()).toMatch(/^\d+ pages? found for “linkerd”/);
    expect(await page.locator('[data-search-status]').textContent()).toMatch(/found for “linkerd”/);

    // Keyboard: down arrow into the results, Enter opens the first one.
    await box.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL(session().server.url('/projects/linkerd/'));
    await page.close();
  });

  it('says so when nothing matches', async () => {
    const page = await session().newPage();
    await page.goto(session().server.url('/'));
    await page.getByRole('searchbox', { name: 'Search the catalog' }).fill('zqxjvwkplm');
    const summary = page.locator('#search-header-results .search-summary');
    await expect.poll(() => summary.textContent(), { timeout: 15_000 }).toBe('Nothing found for “zqxjvwkplm”.');
    expect(await page.locator('#search-header-results .search-list li').count()).toBe(0);
    await page.keyboard.press('Escape');
    expect(await page.locator('#search-header-results').isHidden()).toBe(true);
    await page.close();
  });

  it('runs a query from the URL on the search page, and Enter in the header box goes there', async () => {
    const page = await session().newPage();
    await page.goto(session().server.url('/'));
    const box = page.getByRole('searchbox', { name: 'Search the catalog' });
    await box.fill('tikv');
    await box.press('Enter');
    await page.waitForURL(session().server.url('/search/?q=tikv'));
    const pageBox = page.getByRole('searchbox', { name: 'Search the catalog' });
    expect(await pageBox.inputValue()).toBe('tikv');
    // With scripts the form shows and the no-JavaScript note gives way to it.
    expect(await pageBox.isVisible()).toBe(true);
    expect(await page.getByRole('main').getByText('Search needs JavaScript').isHidden()).toBe(true);
    await expect
      .poll(() => page.locator('#search-page-results .result-title').first().textContent(), { timeout: 15_000 })
      .toBe('TiKV');
    await page.close();
  });

  it('closes the header results on Escape from the list, and returns to the box without reopening them', async () => {
    const page = await session().newPage();
    await page.goto(session().server.url('/'));
    const box = page.getByRole('searchbox', { name: 'Search the catalog' });
    await box.fill('linkerd');
    const results = page.locator('#search-header-results');
    await expect.poll(() => results.locator('.search-list li').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await box.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.closest('.search-list') !== null)).toBe(true);
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-header-q');
    // Give a reopening handler every chance to run.
    await page.waitForTimeout(200);
    expect(await results.isHidden()).toBe(true);
    // The arrow key opens the list again, on its first result.
    await box.press('ArrowDown');
    expect(await results.isVisible()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.closest('.search-list') !== null)).toBe(true);
    await page.close();
  });

  it('lists 20 results at a time on the search page, and "Show more results" lists the rest', async () => {
    const page = await session().newPage();
    await page.goto(session().server.url('/search/?q=rust'));
    const items = page.locator('#search-page-results .search-list li');
    await expect.poll(() => items.count(), { timeout: 15_000 }).toBe(20);
    const summary = page.locator('#search-page-results .search-summary');
    const total = Number((await summary.textContent())!.match(/^(\d+) pages found/)![1]);
    expect(total, 'a query with more than two pages of results').toBeGreaterThan(40);
    expect(await summary.textContent()).toBe(`${total} pages found for “rust”; the first 20 are listed.`);

    const more = page.getByRole('button', { name: 'Show more results' });
    await more.click();
    await expect.poll(() => items.count()).toBe(40);
    expect(await summary.textContent()).toBe(`${total} pages found for “rust”; the first 40 are listed.`);
    // Focus goes to the first new result, where reading goes on.
    expect(
      await page.evaluate(() => document.activeElement?.closest('li')?.matches('.search-list li:nth-child(21)')),
    ).toBe(true);
    for (let listed = 40; listed < total; listed += 20) {
      await more.click();
      await expect.poll(() => items.count()).toBe(Math.min(listed + 20, total));
    }
    expect(await more.isHidden(), 'nothing more to show').toBe(true);
    expect(await summary.textContent()).toBe(`${total} pages found for “rust”.`);

    // A new search starts again at 20.
    await page.getByRole('searchbox', { name: 'Search the catalog' }).fill('rust sandbox');
    await expect.poll(() => summary.textContent(), { timeout: 15_000 }).toMatch(/found for “rust sandbox”/);
    expect(await items.count()).toBeLessThanOrEqual(20);
    await page.close();
  });

  it('keeps words apart in the index of every page with a project table (no "stores.OpenEBS")', async () => {
    const { categories } = readCatalog();
    const page = await session().newPage();
    await page.goto(session().server.url('/search/'));
    const groups = [
      ...MATURITY_LEVELS.map((id) => ({ query: id, path: `maturity/${id}/` })),
      ...categories.map((c) => ({ query: c.name, path: `categories/${c.id}/` })),
      { query: 'projects', path: 'projects/' },
    ];
    // Pagefind's own API, in the page (a string, so that Vite leaves its dynamic import alone).
    const contents: Record<string, string> = await page.evaluate(`(async () => {
      const root = ${JSON.stringify(new URL(session().server.root).pathname)};
      const groups = ${JSON.stringify(groups)};
      const pagefind = await import(root + 'pagefind/pagefind.js');
      await pagefind.init();
      const out = {};
      for (const { query, path } of groups) {
        const search = await pagefind.search(query);
        for (const result of search.results) {
          const data = await result.data();
          if (data.url === root + path) out[path] = data.content;
        }
      }
      return out;
    })()`);
    // Maturity pages without a project are not built; every other group page was found.
    expect(Object.keys(contents).length).toBeGreaterThan(categories.length);
    for (const [path, content] of Object.entries(contents)) {
      // The table's caption ends a sentence; the first row's project name must not stick to it.
      expect(content, path).not.toMatch(/[a-z]\.[A-Z]/);
    }
    await page.close();
  });
});
