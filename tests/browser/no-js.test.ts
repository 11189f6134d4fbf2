/** Without JavaScript: the whole table, links instead of filters, a search link and a search page that explains itself. */
import { describe, expect, it } from 'vitest';
import { useBrowserSession } from '../helpers/browser.ts';
import { readCatalog } from '../helpers/content.ts';

const { entries } = readCatalog();
const session = useBrowserSession({ javaScript: false });

describe('without JavaScript', () => {
  it('shows the full table, with the filters as links to the group pages', async () => {
    const page = await session().newPage();
    await page.goto(session().server.url('/projects/?maturity=graduated&sort=lines'));
    expect(await page.locator('#projects tbody tr:visible').count()).toBe(entries.length);
    expect(await page.locator('#projects thead button').count()).toBe(0);
    expect(await page.locator('form[data-table-controls]').isHidden()).toBe(true);
    const filters = page.getByRole('navigation', { name: 'Browse by' });
    await filters.getByRole('link', { name: /^Graduated \(\d+\)$/ }).click();
    await page.waitForURL(session().server.url('/maturity/graduated/'));
    await page.close();
  });

  it('has a Search link in the header to a page that says first that search needs JavaScript, and shows no dead form', async () => {
    const page = await session().newPage();
    await page.goto(session().server.url('/sources/'));
    expect(await page.getByRole('search').count(), 'no hidden search box is exposed').toBe(0);
    expect(
      await page.getByRole('button', { name: 'Dark theme' }).count(),
      'the toggle needs JavaScript, so it stays hidden',
    ).toBe(0);
    await page.getByRole('banner').getByRole('link', { name: 'Search' }).click();
    await page.waitForURL(session().server.url('/search/'));
    const main = page.getByRole('main');
    // A form that cannot search is not shown: it would reload the page with ?q= and do nothing.
    expect(await page.getByRole('search').count()).toBe(0);
    expect(await main.getByRole('searchbox').count()).toBe(0);
    // Right under the heading, in plain words, with the ways to find a project without search.
    const first = main.locator('h1 + p');
    expect(await first.innerText()).toMatch(/^Search needs JavaScript/);
    // Each link keeps its spaces: "the table of all projects and the pages by maturity, category and Rust usage".
    expect(await first.innerText()).toContain(
      'the table of all projects and the pages by maturity, category and Rust usage list them all',
    );
    const links = Object.fromEntries(
      await first.getByRole('link').evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href')])),
    );
    expect(links).toEqual({
      'table of all projects': '/cncf-rust-catalog/projects/',
      maturity: '/cncf-rust-catalog/maturity/',
      category: '/cncf-rust-catalog/categories/',
      'Rust usage': '/cncf-rust-catalog/rust-usage/',
    });
    await page.close();
  });

  it('keeps the search page plain when opened with a query', async () => {
    const page = await session().newPage();
    await page.goto(session().server.url('/search/?q=tikv'));
    expect(await page.getByRole('search').count()).toBe(0);
    expect(await page.getByRole('main').locator('h1 + p').innerText()).toMatch(/^Search needs JavaScript/);
    await page.close();
  });
});
