/**
 * Responsive layout: no page scrolls sideways from 320 px up (on phones the table's rows are
 * cards; wider, it scrolls inside its wrapper if it must), and screenshots of home, the table and
 * a project page at 375 px and 1280 px are saved to test-results/screenshots/ for a person to
 * look at. At phone widths every template is checked, with the pages at its extremes (longest
 * names, widest table, most repositories, longest pages), all computed from dist/: a page in
 * between them holds less than they do.
 */
import { mkdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowserSession } from '../helpers/browser.ts';
import { BASE, htmlFiles } from '../helpers/dist.ts';
import { extremePages, templatePaths } from '../helpers/templates.ts';

const SHOTS = 'test-results/screenshots';
const PAGES = [
  { name: 'home', path: '/' },
  { name: 'projects', path: '/projects/' },
  { name: 'project-linkerd', path: '/projects/linkerd/' },
];
const TEMPLATES = templatePaths(htmlFiles());
const EXTREMES = extremePages();
const session = useBrowserSession();

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
});

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** The projects table's wrapper: it scrolls, and whether the table fits in it. */
async function tableWrapper(page: Page) {
  await page.goto(session().server.url('/projects/'));
  return page.locator('.table-scroll').evaluate((el) => ({
    overflowX: getComputedStyle(el).overflowX,
    fits: el.scrollWidth <= el.clientWidth,
  }));
}

describe('layout', () => {
  it('checks every template and the extremes, from dist/', () => {
    expect(TEMPLATES.length).toBeGreaterThan(10);
    for (const required of ['/', '/projects/', '/projects/linkerd/', '/search/', '/404.html'])
      expect(TEMPLATES).toContain(required);
    expect(EXTREMES.map((e) => e.why).join(', ')).toMatch(
      /longest project name.*most Rust repositories.*longest project page.*longest crate name.*longest crate page.*widest table/,
    );
  });

  for (const width of [320, 375]) {
    it(`lets no template, nor the pages at its extremes, scroll sideways at ${width} px; the table's rows fit as cards`, async () => {
      const page = await session().newPage({ width, height: 800 });
      const wide: string[] = [];
      for (const { path, why } of [...TEMPLATES.map((path) => ({ path, why: 'template' })), ...EXTREMES]) {
        if (path === '/404.html') session().expectNotFound(session().server.url(path));
        await page.goto(session().server.url(path));
        const over = await overflow(page);
        if (over > 0) wide.push(`${BASE.slice(0, -1)}${path} (${why}) at ${width} px: ${over} px too wide`);
      }
      expect(wide).toEqual([]);
      // Under 40rem the rows are cards that fit.
      expect(await tableWrapper(page)).toEqual({ overflowX: 'auto', fits: true });
      await page.close();
    });
  }

  for (const width of [768, 1280, 1920]) {
    it(`does not scroll sideways at ${width} px; the table scrolls inside its wrapper if it must`, async () => {
      const page = await session().newPage({ width, height: 800 });
      for (const { path } of [...PAGES, { path: '/search/' }, { path: '/maturity/graduated/' }]) {
        await page.goto(session().server.url(path));
        expect(await overflow(page), `${path} at ${width} px`).toBeLessThanOrEqual(0);
      }
      expect((await tableWrapper(page)).overflowX).toBe('auto');
      await page.close();
    });
  }

  for (const width of [375, 1280]) {
    for (const scheme of ['light', 'dark'] as const) {
      it(`saves screenshots at ${width} px in the ${scheme} theme`, async () => {
        const page = await session().newPage({ width, height: 900 });
        await page.emulateMedia({ colorScheme: scheme });
        for (const { name, path } of PAGES) {
          await page.goto(session().server.url(path));
          await page.screenshot({ path: `${SHOTS}/${name}-${width}-${scheme}.png`, fullPage: true });
        }
        await page.close();
      });
    }
  }
});
