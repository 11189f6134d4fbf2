/** The projects table: sorting, filtering, and its state in the URL (shareable, reload, back). */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowserSession } from '../helpers/browser.ts';
import { readCatalog } from '../helpers/content.ts';

const { entries, categories } = readCatalog();
const session = useBrowserSession();


async function openTable(page: Page, query = '') {
  await page.goto(session().server.url(`/projects/${query}`));
  await page.locator('table[data-project-table][data-enhanced]').waitFor({ state: 'attached' });
}
const visibleSlugs = (page: Page) =>
  page.$$eval('#projects tbody tr', (rows) => rows.filter((r) => !(r as HTMLElement).hidden).map((r) => (r as HTMLElement).dataset.slug!));
/** The Rust lines column as the reader sees it: a number, or null for "—". */
const visibleLines = (page: Page) =>
  page.$$eval('#projects tbody tr', (rows) =>
    rows
      .filter((r) => !(r as HTMLElement).hidden)
      .map((r) => {
        const text = r.querySelector('td.num')!.textContent!.trim();
        return text === '—' ? null : Number(text.replace(/,/g, ''));
      }),
  );
const status = (page: Page) => page.locator('[data-table-status]').textContent();
const sortOf = (page: Page, name: string) => page.getByRole('columnheader', { name }).getAttribute('aria-sort');

describe('projects table', () => {
  it('sorts by Rust lines, biggest first, then smallest first', async () => {
    const page = await session().newPage();
    await openTable(page);
    expect(await sortOf(page, 'Rust lines')).toBeNull();
    await page.getByRole('button', { name: 'Rust lines' }).click();
    expect(await sortOf(page, 'Rust lines')).toBe('descending');
    expect(new URL(page.url()).search).toBe('?sort=lines&dir=desc');

    const desc = await visibleLines(page);
    expect(desc).toHaveLength(entries.length);
    const numbers = desc.filter((n): n is number => n !== null);
    expect(numbers.length, 'projects with measured Rust').toBeGreaterThan(1);
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
    // Rows without Rust ("—") come after every number.
    expect(desc.slice(0, numbers.length)).toEqual(numbers);

    await page.getByRole('button', { name: 'Rust lines' }).click();
    expect(await sortOf(page, 'Rust lines')).toBe('ascending');
    const asc = (await visibleLines(page)).filter((n): n is number => n !== null);
    expect(asc).toEqual([...numbers].sort((a, b) => a - b));
    await page.close();
  });

  it('filters by maturity, keeps the state in the URL, and restores it on reload and back', async () => {
    const graduated = entries.filter((e) => e.data.maturity === 'graduated').map((e) => e.slug).sort();
    expect(graduated.length).toBeGreaterThan(0);
    const page = await session().newPage();
    await openTable(page);
    // Without a filter every project shows; the no-JS link list gives way to the controls.
    expect((await visibleSlugs(page)).sort()).toEqual(entries.map((e) => e.slug).sort());
    expect(await page.locator('nav.filters').isHidden()).toBe(true);

    await page.getByRole('button', { name: 'Rust lines' }).click();
    await page.getByLabel('Maturity').selectOption('graduated');
    expect([...(await visibleSlugs(page))].sort()).toEqual(graduated);
    expect(await status(page)).toBe(`${graduated.length} project${graduated.length === 1 ? '' : 's'} shown, out of ${entries.length}`);
    expect(new URL(page.url()).search).toBe('?sort=lines&dir=desc&maturity=graduated');
    const sortedBefore = await visibleSlugs(page);

    await page.reload();
    await page.locator('table[data-enhanced]').waitFor({ state: 'attached' });
    expect(await page.getByLabel('Maturity').inputValue()).toBe('graduated');
    expect(await sortOf(page, 'Rust lines')).toBe('descending');
    expect(await visibleSlugs(page)).toEqual(sortedBefore);

    await page.goBack();
    await expect.poll(() => new URL(page.url()).search).toBe('?sort=lines&dir=desc');
    await expect.poll(() => page.getByLabel('Maturity').inputValue()).toBe('');
    expect((await visibleSlugs(page)).length).toBe(entries.length);
    expect(await sortOf(page, 'Rust lines')).toBe('descending');

    await page.goBack();
    await expect.poll(() => new URL(page.url()).search).toBe('');
    await expect.poll(() => sortOf(page, 'Rust lines')).toBeNull();
    await page.goForward();
    await expect.poll(() => sortOf(page, 'Rust lines')).toBe('descending');
    await page.close();
  });

  it('combines the Rust usage and category filters from a shared link, and "Show all" clears them', async () => {
    const category = categories.find((c) => entries.some((e) => e.data.categories.includes(c.id)))!;
    const usage = entries.find((e) => e.data.categories.includes(category.id))!.data.rustUsage;
    const expected = entries.filter((e) => e.data.rustUsage === usage && e.data.categories.includes(category.id)).map((e) => e.slug).sort();
    const page = await session().newPage();
    await openTable(page, `?usage=${usage}&category=${category.id}`);
    expect([...(await visibleSlugs(page))].sort()).toEqual(expected);
    expect(await page.getByLabel('Rust usage').inputValue()).toBe(usage);
    expect(await page.getByLabel('Category').inputValue()).toBe(category.id);

    await page.getByRole('button', { name: 'Show all' }).click();
    expect((await visibleSlugs(page)).length).toBe(entries.length);
    expect(new URL(page.url()).search).toBe('');
    expect(await status(page)).toBe(`${entries.length} projects shown`);
    await page.close();
  });

  it('sorts from the keyboard', async () => {
    const page = await session().newPage();
    await openTable(page);
    await page.getByRole('button', { name: 'Project' }).focus();
    await page.keyboard.press('Enter');
    expect(await sortOf(page, 'Project')).toBe('ascending');
    await page.keyboard.press('Space');
    expect(await sortOf(page, 'Project')).toBe('descending');
    const names = await page.$$eval('#projects tbody tr th a', (links) => links.map((a) => a.textContent!.trim()));
    expect(names).toEqual([...names].sort((a, b) => b.localeCompare(a, 'en', { sensitivity: 'base', numeric: true })));
    await page.close();
  });
});
