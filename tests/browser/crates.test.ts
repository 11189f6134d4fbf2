/**
 * The crate pages in a real browser: /crates/, the page of the most shared crate and a
 * project page's Crates section pass axe in both themes, fit a 320 px screen, and their
 * links lead to the crate pages under the base.
 */
import { readFileSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { describe, expect, it, vi } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowserSession } from '../helpers/browser.ts';
import { BASE } from '../helpers/dist.ts';
import { readCatalog } from '../helpers/content.ts';
import { cratesWithPages, mainDependencies, projectCrates, sharedCrates } from '../../src/data/views/crates.ts';
import { cratesFileSchema } from '../../src/schemas/crates.ts';

const { entries } = readCatalog();
const records = cratesFileSchema.parse(JSON.parse(readFileSync('data/crates.json', 'utf8')));
const perProject = entries.map((e) =>
  projectCrates({ slug: e.slug, name: e.data.name, rustRepos: e.data.rustRepos }, records),
);
const withPages = cratesWithPages(sharedCrates(perProject));
const top = withPages[0];
/** The project whose main dependencies link to the most crate pages. */
const linked = (pc: (typeof perProject)[number]) =>
  mainDependencies(pc, 12).filter((d) => withPages.some((s) => s.name === d.name)).length;
const project = [...perProject].sort((a, b) => linked(b) - linked(a))[0].project;

// axe on a long page takes a while on a loaded two-core machine.
vi.setConfig({ testTimeout: 240_000 });
const session = useBrowserSession();

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('crate pages in the browser', () => {
  const paths = ['/crates/', `/crates/${top.name}/`, `/projects/${project.slug}/`];

  for (const scheme of ['light', 'dark'] as const)
    for (const path of paths)
      it(`${path} passes axe in the ${scheme} theme`, async () => {
        const page = await session().newPage();
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(session().server.url(path));
        await page.evaluate((s) => document.documentElement.setAttribute('data-theme', s), scheme);
        expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(
          scheme === 'dark' ? 'rgb(13, 17, 23)' : 'rgb(255, 255, 255)',
        );
        expect(await violations(page)).toEqual([]);
        await page.close();
      });

  it('fit a 320 px screen, their wide tables scrolling inside their frame', async () => {
    const page = await session().newPage({ width: 320, height: 800 });
    for (const path of paths) {
      await page.goto(session().server.url(path));
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
        path,
      ).toBeLessThanOrEqual(0);
    }
    await page.close();
  });

  it('lead from /crates/ to a crate page, and from a project page to one, under the base', async () => {
    const page = await session().newPage();
    await page.goto(session().server.url('/crates/'));
    await page.locator('#most-shared').locator('..').getByRole('link', { name: top.name, exact: true }).first().click();
    await page.waitForURL(`**${BASE}crates/${top.name}/`);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(`Crate ${top.name} in CNCF projects`);
    expect(await page.locator('tbody tr').count()).toBe(top.uses.length);

    await page.goto(session().server.url(`/projects/${project.slug}/`));
    const list = page.getByRole('list', { name: 'Main direct dependencies' });
    const first = list.getByRole('link').first();
    const name = await first.innerText();
    await first.click();
    await page.waitForURL(`**${BASE}crates/${name}/`);
    expect(await page.getByRole('cell', { name: 'direct', exact: false }).count()).toBeGreaterThan(0);
    await page.close();
  });
});
