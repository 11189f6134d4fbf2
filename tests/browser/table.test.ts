/** The projects table: sorting, filtering, and its state in the URL (shareable, reload, back). */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowserSession } from '../helpers/browser.ts';
import { readCatalog, someCodeUnmeasured } from '../helpers/content.ts';
import { MATURITY_LEVELS, RUST_USAGES } from '../../src/schemas/taxonomy.ts';
import { countLabel, countProjects, type ProjectCount } from '../../src/data/views/counts.ts';
import { shownMessage, viewSummary } from '../../src/data/views/table-state.ts';

const { entries, categories } = readCatalog();
const session = useBrowserSession();
/** Entries counted as every page counts them: with Rust, the none-found ones named apart. */
const count = (list: typeof entries): ProjectCount =>
  countProjects(list.map((e) => ({ name: e.data.name, noneFound: e.data.rustUsage === 'none-found' })));
const all = count(entries);
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function openTable(page: Page, query = '') {
  await page.goto(session().server.url(`/projects/${query}`));
  await page.locator('table[data-project-table][data-enhanced]').waitFor({ state: 'attached' });
}
const visibleSlugs = (page: Page) =>
  page.$$eval('#projects tbody tr', (rows) =>
    rows.filter((r) => !(r as HTMLElement).hidden).map((r) => (r as HTMLElement).dataset.slug!),
  );
/** The code lines column as the reader sees it: a number, or null for a project with no Rust found. */
const visibleLines = (page: Page) =>
  page.$$eval('#projects tbody tr', (rows) =>
    rows
      .filter((r) => !(r as HTMLElement).hidden)
      .map((r) => {
        const text = r.querySelector('td.c-code')!.textContent!.trim();
        return /no Rust/.test(text) ? null : Number(text.replace(/ code lines$/, '').replace(/,/g, ''));
      }),
  );
/** A column of the visible rows as the row data attributes say (maturity or usage ids). */
const visibleData = (page: Page, key: 'maturity' | 'usage') =>
  page.$$eval(
    '#projects tbody tr',
    (rows, k) => rows.filter((r) => !(r as HTMLElement).hidden).map((r) => (r as HTMLElement).dataset[k]!),
    key,
  );
/** The intro sentence's summary of the view (said once: the caption explains the columns). */
const summaries = (page: Page) =>
  page.$$eval('[data-table-summary="projects"]', (spans) =>
    spans.map((s) => s.closest('p, caption')!.textContent!.trim()),
  );
const status = (page: Page) => page.locator('[data-table-status]').textContent();
const sortOf = (page: Page, name: string) => page.getByRole('columnheader', { name }).getAttribute('aria-sort');

describe('projects table', () => {
  it('sorts by code lines, biggest first, then smallest first', async () => {
    const page = await session().newPage();
    await openTable(page);
    expect(await sortOf(page, 'Code lines')).toBeNull();
    await page.getByRole('button', { name: 'Code lines' }).click();
    expect(await sortOf(page, 'Code lines')).toBe('descending');
    expect(new URL(page.url()).search).toBe('?sort=code&dir=desc');

    const desc = await visibleLines(page);
    expect(desc).toHaveLength(entries.length);
    const numbers = desc.filter((n): n is number => n !== null);
    expect(numbers.length, 'projects with measured Rust').toBeGreaterThan(1);
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
    // Rows without Rust ("—") come after every number.
    expect(desc.slice(0, numbers.length)).toEqual(numbers);

    await page.getByRole('button', { name: 'Code lines' }).click();
    expect(await sortOf(page, 'Code lines')).toBe('ascending');
    const asc = (await visibleLines(page)).filter((n): n is number => n !== null);
    expect(asc).toEqual([...numbers].sort((a, b) => a - b));
    await page.close();
  });

  it('filters by maturity, keeps the state in the URL, and restores it on reload and back', async () => {
    const graduated = entries
      .filter((e) => e.data.maturity === 'graduated')
      .map((e) => e.slug)
      .sort();
    expect(graduated.length).toBeGreaterThan(0);
    const page = await session().newPage();
    await openTable(page);
    // Without a filter every project shows; the no-JS link list gives way to the controls.
    expect((await visibleSlugs(page)).sort()).toEqual(entries.map((e) => e.slug).sort());
    expect(await page.locator('nav.filters').isHidden()).toBe(true);

    await page.getByRole('button', { name: 'Code lines' }).click();
    await page.getByLabel('Maturity').selectOption('graduated');
    expect([...(await visibleSlugs(page))].sort()).toEqual(graduated);
    expect(await status(page)).toBe(shownMessage(count(entries.filter((e) => e.data.maturity === 'graduated')), all));
    expect(new URL(page.url()).search).toBe('?sort=code&dir=desc&maturity=graduated');
    const sortedBefore = await visibleSlugs(page);

    await page.reload();
    await page.locator('table[data-enhanced]').waitFor({ state: 'attached' });
    expect(await page.getByLabel('Maturity').inputValue()).toBe('graduated');
    expect(await sortOf(page, 'Code lines')).toBe('descending');
    expect(await visibleSlugs(page)).toEqual(sortedBefore);

    await page.goBack();
    await expect.poll(() => new URL(page.url()).search).toBe('?sort=code&dir=desc');
    await expect.poll(() => page.getByLabel('Maturity').inputValue()).toBe('');
    expect((await visibleSlugs(page)).length).toBe(entries.length);
    expect(await sortOf(page, 'Code lines')).toBe('descending');

    await page.goBack();
    await expect.poll(() => new URL(page.url()).search).toBe('');
    await expect.poll(() => sortOf(page, 'Code lines')).toBeNull();
    await page.goForward();
    await expect.poll(() => sortOf(page, 'Code lines')).toBe('descending');
    await page.close();
  });

  it('combines the Rust usage and category filters from a shared link, and "Show all" clears them', async () => {
    const category = categories.find((c) => entries.some((e) => e.data.categories.includes(c.id)))!;
    const usage = entries.find((e) => e.data.categories.includes(category.id))!.data.rustUsage;
    const expected = entries
      .filter((e) => e.data.rustUsage === usage && e.data.categories.includes(category.id))
      .map((e) => e.slug)
      .sort();
    const page = await session().newPage();
    await openTable(page, `?usage=${usage}&category=${category.id}`);
    expect([...(await visibleSlugs(page))].sort()).toEqual(expected);
    expect(await page.getByLabel('Rust usage').inputValue()).toBe(usage);
    expect(await page.getByLabel('Category').inputValue()).toBe(category.id);

    await page.getByRole('button', { name: 'Show all' }).click();
    expect((await visibleSlugs(page)).length).toBe(entries.length);
    expect(new URL(page.url()).search).toBe('');
    expect(await status(page)).toBe(shownMessage(all, all));
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
      expect([...present].sort(), `${key} values in the catalog`).not.toEqual(
        [...present].sort((a, b) => rank(a) - rank(b)),
      );
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

  it('says once, in the intro, how many projects show and how they are sorted', async () => {
    const graduated = count(entries.filter((e) => e.data.maturity === 'graduated'));
    const page = await session().newPage();
    await openTable(page);
    const texts = await summaries(page);
    expect(texts, 'the count of shown projects is said once').toHaveLength(1);
    expect(texts[0]).toMatch(new RegExp(`^${escape(viewSummary(all, all, 'sorted by name'))}\\. Code lines`));
    expect(await page.locator('#projects caption').textContent()).not.toMatch(/projects, sorted/);

    await page.getByLabel('Maturity').selectOption('graduated');
    await page.getByRole('button', { name: 'Code lines' }).click();
    for (const text of await summaries(page))
      expect(text).toMatch(
        new RegExp(`^${escape(viewSummary(graduated, all, 'sorted by code lines, most first'))}\\.`),
      );
    await page.getByRole('button', { name: 'Maturity', exact: true }).click();
    for (const text of await summaries(page)) expect(text).toMatch(/, sorted by maturity, Sandbox to Archived\./);

    // A shared link opens with the words of its own view, not the server's default ones.
    await openTable(page, '?sort=name&dir=desc');
    for (const text of await summaries(page))
      expect(text).toMatch(new RegExp(`^${escape(viewSummary(all, all, 'sorted by name, Z to A'))}\\.`));
    await page.close();
  });

  it('leaves no border under the last row shown: rows filtered out leave the table', async () => {
    const page = await session().newPage();
    await openTable(page, '?maturity=graduated');
    const rows = page.locator('#projects tbody tr');
    expect(await rows.count()).toBe(entries.filter((e) => e.data.maturity === 'graduated').length);
    const borders = await rows.evaluateAll((trs) =>
      trs.map((tr) => getComputedStyle(tr.querySelector('td')!).borderBottomWidth),
    );
    expect(borders.at(-1), 'the last row shown').toBe('0px');
    expect(
      borders.slice(0, -1).every((b) => b !== '0px'),
      'rows above it keep their separator',
    ).toBe(true);
    await page.close();
  });

  it('says so when no project matches, and its "Show all projects" button clears the filters', async () => {
    // A maturity and a Rust usage that no entry has together (archived and sdk, as the catalog stands).
    const pair = MATURITY_LEVELS.flatMap((m) => RUST_USAGES.map((u) => [m, u] as const)).find(
      ([m, u]) => !entries.some((e) => e.data.maturity === m && e.data.rustUsage === u),
    );
    expect(pair, 'a maturity and usage with no project').toBeDefined();
    const page = await session().newPage();
    await openTable(page, `?sort=code&dir=desc&maturity=${pair![0]}&usage=${pair![1]}`);
    const message = page.locator('[data-table-empty]');
    expect(await message.isVisible()).toBe(true);
    expect(await message.textContent()).toMatch(/^\s*No project matches these filters\. Show all projects\s*$/);
    expect(await page.locator('#projects').isVisible(), 'no table of headers alone').toBe(false);
    const none = count([]);
    expect(await status(page)).toBe(shownMessage(none, all));
    expect((await summaries(page))[0]).toMatch(
      new RegExp(`^${escape(viewSummary(none, all, 'sorted by code lines, most first'))}\\.`),
    );

    await page.getByRole('button', { name: 'Show all projects' }).click();
    expect(await message.isVisible()).toBe(false);
    expect((await visibleSlugs(page)).length).toBe(entries.length);
    expect(new URL(page.url()).search, 'the sort stays').toBe('?sort=code&dir=desc');
    expect(await page.evaluate(() => document.activeElement?.id), 'focus stays on the controls').toBe(
      'projects-maturity',
    );
    await page.close();
  });

  it('filters by name as the reader types, keeps it in the URL, and a shared link restores it', async () => {
    const target = entries.find((e) => e.slug === 'linkerd') ?? entries[0];
    const part = target.data.name.slice(0, 4).toUpperCase();
    const expected = entries
      .filter((e) => e.data.name.toLowerCase().includes(part.toLowerCase()))
      .map((e) => e.slug)
      .sort();
    const page = await session().newPage();
    await openTable(page);
    await page.getByLabel('Name').fill(part);
    await expect.poll(async () => [...(await visibleSlugs(page))].sort()).toEqual(expected);
    expect(new URL(page.url()).searchParams.get('name')).toBe(part);
    await openTable(page, `?name=${encodeURIComponent(part)}`);
    expect([...(await visibleSlugs(page))].sort()).toEqual(expected);
    expect(await page.getByLabel('Name').inputValue()).toBe(part);
    await page.getByRole('button', { name: 'Show all' }).click();
    expect((await visibleSlugs(page)).length).toBe(entries.length);
    expect(await page.getByLabel('Name').inputValue()).toBe('');
    await page.close();
  });

  it('counts on each filter option the projects it would show, given the other filters', async () => {
    const page = await session().newPage();
    await openTable(page, '?maturity=graduated');
    const options = await page
      .getByLabel('Rust usage')
      .locator('option')
      .evaluateAll((os) => os.map((o) => [(o as HTMLOptionElement).value, o.textContent!.trim()]));
    for (const [value, text] of options) {
      if (!value) continue;
      const n = count(entries.filter((e) => e.data.maturity === 'graduated' && e.data.rustUsage === value));
      expect(text, value).toMatch(new RegExp(`\\(${escape(countLabel(n))}\\)$`));
    }
    // The maturity options, with no other filter, count each level as every page does.
    for (const [value, text] of await page
      .getByLabel('Maturity')
      .locator('option')
      .evaluateAll((os) => os.map((o) => [(o as HTMLOptionElement).value, o.textContent!.trim()]))) {
      if (value)
        expect(text, value).toMatch(
          new RegExp(`\\(${escape(countLabel(count(entries.filter((e) => e.data.maturity === value))))}\\)$`),
        );
    }
    await page.close();
  });

  it('adds up the code lines of the rows shown in the subtotal row', async () => {
    const code = (e: (typeof entries)[number]) =>
      e.data.rustUsage === 'none-found' ? 0 : e.data.rustRepos.reduce((s, r) => s + r.measurement.codeLines, 0);
    const page = await session().newPage();
    await openTable(page);
    const subtotal = page.locator('#projects tfoot [data-table-subtotal="code"]');
    const read = async () => Number((await subtotal.textContent())!.replace(/ code lines$/, '').replace(/,/g, ''));
    expect(await read()).toBe(entries.reduce((s, e) => s + code(e), 0));
    await page.getByLabel('Maturity').selectOption('graduated');
    const graduated = entries.filter((e) => e.data.maturity === 'graduated');
    expect(await read()).toBe(graduated.reduce((s, e) => s + code(e), 0));
    expect(await page.locator('#projects tfoot [data-table-subtotal-label]').textContent()).toBe(
      `Subtotal, ${viewSummary(count(graduated), all, '')} shown`,
    );
    await page.close();
  });

  it('sorts by project-level Rust share, largest first', async () => {
    const page = await session().newPage();
    await openTable(page);
    await page.getByRole('button', { name: 'Rust share' }).click();
    expect(new URL(page.url()).search).toBe('?sort=share&dir=desc');
    const shares = await page.$$eval('#projects tbody td.c-share', (tds) =>
      tds
        .map((td) => (td as HTMLElement).dataset.value!)
        .filter(Boolean)
        .map(Number),
    );
    // A share is given for a project with Rust when all its known code is measured.
    expect(shares.length).toBe(
      entries.filter((e) => e.data.rustUsage !== 'none-found' && !someCodeUnmeasured(e)).length,
    );
    expect(shares).toEqual([...shares].sort((a, b) => b - a));
    await page.close();
  });

  for (const width of [320, 375]) {
    it(`shows name, Rust usage and code lines of every row at ${width} px, without scrolling sideways`, async () => {
      const page = await session().newPage({ width, height: 800 });
      await openTable(page);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(
        0,
      );
      const boxes = await page.$$eval('#projects tbody tr', (rows) =>
        rows.map((tr) => {
          const box = (sel: string) => {
            const r = tr.querySelector(sel)!.getBoundingClientRect();
            return { left: r.left, right: r.right, width: r.width, height: r.height };
          };
          return {
            slug: (tr as HTMLElement).dataset.slug,
            name: box('.c-name a'),
            usage: box('.c-usage .badge'),
            code: box('.c-code'),
          };
        }),
      );
      expect(boxes).toHaveLength(entries.length);
      const off = boxes.flatMap((b) =>
        (['name', 'usage', 'code'] as const)
          .filter((k) => b[k].width === 0 || b[k].height === 0 || b[k].left < 0 || b[k].right > width)
          .map((k) => `${b.slug} ${k}: ${Math.round(b[k].left)}..${Math.round(b[k].right)}`),
      );
      expect(off).toEqual([]);
      // Each row is a card no taller than a third of a phone screen.
      const heights = await page.$$eval('#projects tbody tr', (rows) =>
        rows.map((r) => r.getBoundingClientRect().height),
      );
      expect(Math.max(...heights)).toBeLessThan(800 / 3);
      await page.close();
    });
  }
});
