/** The projects table: sorting, filtering, and its state in the URL (shareable, reload, back). */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowserSession } from '../helpers/browser.ts';
import { readCatalog } from '../helpers/content.ts';
import { MATURITY_LEVELS, RUST_USAGES } from '../../src/schemas/taxonomy.ts';

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
/** A column of the visible rows as the row data attributes say (maturity or usage ids). */
const visibleData = (page: Page, key: 'maturity' | 'usage') =>
  page.$$eval('#projects tbody tr', (rows, k) => rows.filter((r) => !(r as HTMLElement).hidden).map((r) => (r as HTMLElement).dataset[k]!), key);
/** The intro sentence's and the caption's summary of the view. */
const summaries = (page: Page) => page.$$eval('[data-table-summary="projects"]', (spans) => spans.map((s) => s.closest('p, caption')!.textContent!.trim()));
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

  it('sorts maturity in lifecycle order and Rust usage from most to least, as the schema lists them', async () => {
    const page = await session().newPage();
    await openTable(page);
    const cases = [
      ['Maturity', 'maturity', MATURITY_LEVELS],
      ['Rust usage', 'usage', RUST_USAGES],
    ] as const;
    for (const [name, key, order] of cases) {
      const rank = (id: string) => (order as readonly string[]).indexOf(id);
      const present = new Set(entries.map((e) => (key === 'maturity' ? e.data.maturity : e.data.rustUsage)));
      // The catalog has values whose alphabetical order differs from the schema's, or this test proves nothing.
      expect([...present].sort(), `${key} values in the catalog`).not.toEqual([...present].sort((a, b) => rank(a) - rank(b)));
      await page.getByRole('button', { name, exact: true }).click();
      expect(await sortOf(page, name)).toBe('ascending');
      const asc = await visibleData(page, key);
      expect(asc).toHaveLength(entries.length);
      expect(asc).toEqual([...asc].sort((a, b) => rank(a) - rank(b)));
      await page.getByRole('button', { name, exact: true }).click();
      expect(await sortOf(page, name)).toBe('descending');
      const desc = await visibleData(page, key);
      expect(desc).toEqual([...desc].sort((a, b) => rank(b) - rank(a)));
    }
    expect(new URL(page.url()).search).toBe('?sort=usage&dir=desc');
    await page.close();
  });

  it('says in the intro and the caption how many projects show and how they are sorted', async () => {
    const graduated = entries.filter((e) => e.data.maturity === 'graduated').length;
    const page = await session().newPage();
    await openTable(page);
    const [intro, caption] = await summaries(page);
    expect(intro).toMatch(new RegExp(`^${entries.length} projects, sorted by name\\. Rust lines`));
    expect(caption).toMatch(new RegExp(`^${entries.length} projects, sorted by name\\. Rust lines`));

    await page.getByLabel('Maturity').selectOption('graduated');
    await page.getByRole('button', { name: 'Rust lines' }).click();
    for (const text of await summaries(page)) expect(text).toMatch(new RegExp(`^${graduated} of ${entries.length} projects, sorted by Rust lines, most first\\.`));
    await page.getByRole('button', { name: 'Maturity', exact: true }).click();
    for (const text of await summaries(page)) expect(text).toMatch(/, sorted by maturity, Sandbox to Archived\./);

    // A shared link opens with the words of its own view, not the server's default ones.
    await openTable(page, '?sort=name&dir=desc');
    for (const text of await summaries(page)) expect(text).toMatch(new RegExp(`^${entries.length} projects, sorted by name, Z to A\\.`));
    await page.close();
  });

  it('leaves no border under the last row shown: rows filtered out leave the table', async () => {
    const page = await session().newPage();
    await openTable(page, '?maturity=graduated');
    const rows = page.locator('#projects tbody tr');
    expect(await rows.count()).toBe(entries.filter((e) => e.data.maturity === 'graduated').length);
    const borders = await rows.evaluateAll((trs) => trs.map((tr) => getComputedStyle(tr.querySelector('td')!).borderBottomWidth));
    expect(borders.at(-1), 'the last row shown').toBe('0px');
    expect(borders.slice(0, -1).every((b) => b !== '0px'), 'rows above it keep their separator').toBe(true);
    await page.close();
  });

  it('says so when no project matches, and its "Show all projects" button clears the filters', async () => {
    // A maturity and a Rust usage that no entry has together (archived and sdk, as the catalog stands).
    const pair = MATURITY_LEVELS.flatMap((m) => RUST_USAGES.map((u) => [m, u] as const)).find(
      ([m, u]) => !entries.some((e) => e.data.maturity === m && e.data.rustUsage === u),
    );
    expect(pair, 'a maturity and usage with no project').toBeDefined();
    const page = await session().newPage();
    await openTable(page, `?sort=lines&dir=desc&maturity=${pair![0]}&usage=${pair![1]}`);
    const message = page.locator('[data-table-empty]');
    expect(await message.isVisible()).toBe(true);
    expect(await message.textContent()).toMatch(/^\s*No project matches these filters\. Show all projects\s*$/);
    expect(await page.locator('#projects').isVisible(), 'no table of headers alone').toBe(false);
    expect(await status(page)).toBe(`0 projects shown, out of ${entries.length}`);
    expect((await summaries(page))[0]).toMatch(new RegExp(`^0 of ${entries.length} projects, sorted by Rust lines, most first\\.`));

    await page.getByRole('button', { name: 'Show all projects' }).click();
    expect(await message.isVisible()).toBe(false);
    expect((await visibleSlugs(page)).length).toBe(entries.length);
    expect(new URL(page.url()).search, 'the sort stays').toBe('?sort=lines&dir=desc');
    expect(await page.evaluate(() => document.activeElement?.id), 'focus stays on the controls').toBe('projects-maturity');
    await page.close();
  });
});
