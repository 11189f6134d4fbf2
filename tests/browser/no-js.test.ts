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

  it('has a Search link in the header to a page that explains search and has a plain form', async () => {
    const page = await session().newPage();
    await page.goto(session().server.url('/sources/'));
    expect(await page.getByRole('search').count(), 'no hidden search box is exposed').toBe(0);
    expect(await page.getByRole('button', { name: 'Dark theme' }).count(), 'the toggle needs JavaScript, so it stays hidden').toBe(0);
    await page.getByRole('banner').getByRole('link', { name: 'Search' }).click();
    await page.waitForURL(session().server.url('/search/'));
    const main = page.getByRole('main');
    expect(await main.getByRole('searchbox', { name: 'Search the catalog' }).isVisible()).toBe(true);
    expect(await main.getByRole('button', { name: 'Search' }).isVisible()).toBe(true);
    expect(await main.innerText()).toMatch(/Search needs JavaScript/);
    expect(await main.getByRole('link', { name: 'table of all projects' }).getAttribute('href')).toBe('/cncf-rust-catalog/projects/');
    await page.close();
  });
});
