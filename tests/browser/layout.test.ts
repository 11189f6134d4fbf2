/**
 * Responsive layout: no page scrolls sideways from 320 px up (on phones the table's rows are
 * cards; wider, it scrolls inside its wrapper if it must), and screenshots of home, the table and a project page at 375 px and
 * 1280 px are saved to test-results/screenshots/ for a person to look at.
 */
import { mkdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBrowserSession } from '../helpers/browser.ts';
import { BASE, htmlFiles } from '../helpers/dist.ts';

/** Two loads of every built page (hundreds, with the crate pages): a second each on a loaded machine. */
const PAGE_LOADS_TIMEOUT = 60_000 + htmlFiles().length * 2 * 1_000;

const SHOTS = 'test-results/screenshots';
const PAGES = [
  { name: 'home', path: '/' },
  { name: 'projects', path: '/projects/' },
  { name: 'project-linkerd', path: '/projects/linkerd/' },
];
const session = useBrowserSession();

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
});

describe('layout', () => {
  for (const width of [320, 375, 768, 1280, 1920]) {
    it(`does not scroll sideways at ${width} px; the table fits or scrolls inside its wrapper`, async () => {
      const page = await session().newPage({ width, height: 800 });
      for (const { path } of [...PAGES, { path: '/search/' }, { path: '/maturity/graduated/' }]) {
        await page.goto(session().server.url(path));
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${path} at ${width} px`).toBeLessThanOrEqual(0);
      }
      await page.goto(session().server.url('/projects/'));
      const wrapper = await page.locator('.table-scroll').evaluate((el) => ({
        overflowX: getComputedStyle(el).overflowX,
        fits: el.scrollWidth <= el.clientWidth,
      }));
      expect(wrapper.overflowX).toBe('auto');
      // Under 40rem the rows are cards that fit; from there up the full table scrolls inside its wrapper if it must.
      if (width <= 375) expect(wrapper.fits, 'the table fits a phone as cards').toBe(true);
      await page.close();
    });
  }

  it(
    'lets no page of the site scroll sideways at 320 px, nor at 375 px',
    async () => {
      const page = await session().newPage({ width: 320, height: 800 });
      const wide: string[] = [];
      const paths = htmlFiles().map((f) => '/' + f.replace(/index\.html$/, ''));
      expect(paths.length).toBeGreaterThan(30);
      for (const width of [320, 375]) {
        await page.setViewportSize({ width, height: 800 });
        for (const path of paths) {
          if (path === '/404.html') session().expectNotFound(session().server.url(path));
          await page.goto(session().server.url(path));
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          if (overflow > 0) wide.push(`${BASE.slice(0, -1)}${path} at ${width} px: ${overflow} px too wide`);
        }
      }
      expect(wide).toEqual([]);
      await page.close();
    },
    PAGE_LOADS_TIMEOUT,
  );

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
