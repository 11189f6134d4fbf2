/**
 * The safety views in a real browser: /safety/'s unsafe table sorts by density (and back),
 * the project page with the most advisories opens its list, both pass axe in those states and
 * fit a 320 px screen, and a search for "safety" finds /safety/ first.
 */
import { readFileSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { describe, expect, it, vi } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowserSession } from '../helpers/browser.ts';
import { readCatalog } from '../helpers/content.ts';
import { byName } from '../../src/data/model/project.ts';
import { projectAdvisories, projectUnsafe } from '../../src/data/views/safety.ts';
import { advisoriesFileSchema } from '../../src/schemas/advisories.ts';
import { cratesFileSchema } from '../../src/schemas/crates.ts';
import { unsafeFileSchema } from '../../src/schemas/unsafe.ts';

const { entries } = readCatalog();
const advisories = advisoriesFileSchema.parse(JSON.parse(readFileSync('data/advisories.json', 'utf8')));
const unsafe = unsafeFileSchema.parse(JSON.parse(readFileSync('data/unsafe.json', 'utf8')));
const crates = cratesFileSchema.parse(JSON.parse(readFileSync('data/crates.json', 'utf8')));
const projects = entries
  .filter((e) => e.data.rustRepos.length > 0)
  .map((e) => ({ slug: e.slug, name: e.data.name, rustRepos: e.data.rustRepos }))
  // The catalog's order: by name.
  .sort(byName);
const unsafeRows = projects.map((p) => projectUnsafe(p, unsafe, crates));
/** The project page with the longest advisory list. */
const busiest = projects
  .map((p) => projectAdvisories(p, advisories, crates))
  .sort((a, b) => b.advisories.length - a.advisories.length)[0];

// axe on long pages takes a while on a loaded two-core machine.
vi.setConfig({ testTimeout: 240_000 });
const session = useBrowserSession();

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const densityOrder = (dir: 1 | -1) =>
  unsafeRows
    .filter((u) => u.density !== undefined)
    .map((u) => ({ slug: u.project.slug, density: u.density! }))
    .sort((a, b) => dir * (a.density - b.density))
    .map((u) => u.density.toFixed(2));

describe('/safety/ in the browser', () => {
  it('sorts the unsafe table by density both ways, blanks last, and passes axe sorted', async () => {
    const page = await session().newPage();
    await page.goto(session().server.url('/safety/'));
    const table = page.locator('#unsafe-density');
    await expect.poll(() => table.getAttribute('data-enhanced')).toBe('');
    const header = table.getByRole('button', { name: /Per 1,000 code lines/ });
    const column = async () =>
      (await table.locator('tbody tr td:nth-of-type(1)').allTextContents())
        .map((t) => t.trim())
        .filter((t) => t !== '—');
    await header.click();
    await expect.poll(() => table.locator('th[data-key="density"]').getAttribute('aria-sort')).toBe('descending');
    expect(await column()).toEqual(densityOrder(-1));
    await header.click();
    await expect.poll(() => table.locator('th[data-key="density"]').getAttribute('aria-sort')).toBe('ascending');
    expect(await column()).toEqual(densityOrder(1));
    expect((await table.locator('tbody tr').last().locator('td').first().textContent())?.trim()).toBe(
      unsafeRows.some((u) => u.density === undefined) ? '—' : densityOrder(1).at(-1),
    );
    expect(await violations(page)).toEqual([]);
    await page.close();
  });

  it('is found first by a search for "safety"', async () => {
    const page = await session().newPage();
    await page.goto(session().server.url('/search/'));
    const box = page.getByRole('searchbox', { name: 'Search the catalog' });
    await box.fill('safety');
    await box.press('Enter');
    const first = page.locator('#search-page-results .result-title').first();
    await expect.poll(() => first.textContent(), { timeout: 15_000 }).toBe("Safety: what the CNCF's Rust rests on");
    await page.close();
  });
});

describe('a project page in the browser', () => {
  it(`opens the advisory list of ${busiest.project.slug} and passes axe with it open, in both themes`, async () => {
    const page = await session().newPage();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      // A fresh load for each theme: the list starts closed.
      await page.goto(session().server.url(`/projects/${busiest.project.slug}/`));
      await page.evaluate((s) => document.documentElement.setAttribute('data-theme', s), scheme);
      const section = page.locator('section[aria-labelledby="safety"]');
      expect(await section.locator('details').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
      await section.locator('summary').click();
      await expect.poll(() => section.locator('tbody tr').count()).toBe(busiest.advisories.length);
      expect(await section.locator('tbody tr').first().isVisible()).toBe(true);
      expect(await violations(page)).toEqual([]);
    }
    await page.close();
  });

  it('fit, with /safety/, a 320 px screen, their tables scrolling inside their frame', async () => {
    const page = await session().newPage({ width: 320, height: 800 });
    for (const path of ['/safety/', `/projects/${busiest.project.slug}/`]) {
      await page.goto(session().server.url(path));
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
        path,
      ).toBeLessThanOrEqual(0);
    }
    await page.close();
  });
});
