/** Full-text search: the header box, loaded on demand, and the /search/ page. */
import { describe, expect, it } from 'vitest';
import { useBrowserSession } from '../helpers/browser.ts';

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
    expect(pagefindRequests().every((url) => url.startsWith(session().server.root + 'pagefind/')), 'pagefind loads under the base path').toBe(true);
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
    await expect.poll(() => page.locator('#search-page-results .result-title').first().textContent(), { timeout: 15_000 }).toBe('TiKV');
    await page.close();
  });
});
