/**
 * What a first-time reader sees on the first screen: the home page names the
 * projects with the most Rust, with maturity, usage and code lines; a project page shows its
 * code lines; and the print style prints the content whole, with external addresses. Print
 * screenshots go to test-results/screenshots/ for a person to look at.
 */
import { mkdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBrowserSession } from '../helpers/browser.ts';
import { readCatalog } from '../helpers/content.ts';

const SHOTS = 'test-results/screenshots';
const { entries } = readCatalog();
const session = useBrowserSession();
/** A phone's first screen is about 740 px tall under the browser's bars; a laptop's about 800. */
const SCREENS = [
  { width: 320, height: 740 },
  { width: 375, height: 740 },
  { width: 1280, height: 800 },
];
const codeLines = (e: (typeof entries)[number]) => e.data.rustRepos.reduce((s, r) => s + r.measurement.codeLines, 0);

beforeAll(() => {
  mkdirSync(SHOTS, { recursive: true });
});

describe('first screen', () => {
  for (const { width, height } of SCREENS) {
    it(`names on the home page, above the fold at ${width} px, the projects with the most Rust with maturity, usage and code lines`, async () => {
      const page = await session().newPage({ width, height });
      await page.goto(session().server.url('/'));
      const rust = entries.filter((e) => e.data.rustUsage !== 'none-found');
      const top = [...rust].sort(
        (a, b) => codeLines(b) - codeLines(a) || a.data.name.localeCompare(b.data.name, 'en', { sensitivity: 'base' }),
      );
      // The headline answers "how many, how much".
      const lede = page.locator('.home-lede');
      expect(await lede.textContent()).toMatch(new RegExp(`${rust.length} CNCF projects ship Rust`));
      expect((await lede.boundingBox())!.y + (await lede.boundingBox())!.height).toBeLessThanOrEqual(height);
      // At least the first three rows, whole, within the first screen: name, maturity, usage, code lines.
      const rows = page.locator('.top-row');
      for (let i = 0; i < 3; i++) {
        const row = rows.nth(i);
        expect(await row.locator('.top-name').textContent()).toBe(top[i].data.name);
        for (const part of ['.top-name a', '.top-fig', '.top-tags .badge.u', '.top-tags .badge[class*="m-"]']) {
          const box = (await row.locator(part).first().boundingBox())!;
          expect(box.y + box.height, `${top[i].slug} ${part} at ${width} px`).toBeLessThanOrEqual(height);
          expect(box.x + box.width, `${top[i].slug} ${part} at ${width} px`).toBeLessThanOrEqual(width);
        }
        expect(await row.locator('.top-fig').textContent()).toMatch(/code lines/);
      }
      await page.close();
    });

    it(`shows a project's code lines within the first screen at ${width} px`, async () => {
      const page = await session().newPage({ width, height });
      for (const slug of ['tikv', 'linkerd', 'opentelemetry']) {
        const e = entries.find((x) => x.slug === slug)!;
        await page.goto(session().server.url(`/projects/${slug}/`));
        const figure = page.locator('.stat-strip .stat-main dd');
        expect(await figure.textContent()).toBe(codeLines(e).toLocaleString('en-US'));
        const box = (await figure.boundingBox())!;
        expect(box.y + box.height, `${slug} at ${width} px`).toBeLessThanOrEqual(height);
        const edit = (await page.getByRole('link', { name: 'Edit this page' }).first().boundingBox())!;
        expect(edit.y, `Edit this page near the top of ${slug}`).toBeLessThanOrEqual(height);
      }
      await page.close();
    });
  }
});

/**
 * The eight questions of a first-time reader, each answered on the first screen of the page
 * a reader starts from, or one tap away (a link on that first screen), at 375 and 1280 px.
 */
describe('the eight questions', () => {
  const inView = async (page: import('playwright-core').Page, selector: string, height: number) => {
    const box = await page.locator(selector).first().boundingBox();
    // An anchor's target lands at the top, give or take a pixel of rounding.
    return box !== null && box.y >= -2 && box.y + Math.min(box.height, 40) <= height;
  };
  for (const { width, height } of [SCREENS[1], SCREENS[2]]) {
    it(`are answered on the first screen or one tap away at ${width} px`, async () => {
      const page = await session().newPage({ width, height });
      const url = (path: string) => session().server.url(path);
      const graduated = entries.filter((e) => e.data.maturity === 'graduated' && e.data.rustUsage !== 'none-found');

      // 1. Which graduated projects are mostly Rust? Home links the graduated ones on its first screen;
      //    their page lists each with its Rust share.
      await page.goto(url('/'));
      expect(await inView(page, '.mix a[href$="/maturity/graduated/"]', height), 'graduated link on home').toBe(true);
      await Promise.all([
        page.waitForURL(/\/maturity\/graduated\/$/),
        page.locator('.mix a[href$="/maturity/graduated/"]').click(),
      ]);
      await page.waitForLoadState('load');
      expect(await page.locator('.project-table tbody tr').count()).toBe(graduated.length);
      expect(await inView(page, '.project-table tbody tr .c-share', height)).toBe(true);

      // 2. How much of Prometheus is Rust? Its share is in the figures under its title.
      await page.goto(url('/projects/prometheus/'));
      expect(await inView(page, '.stat-strip dd:below(:text("Rust share"))', height), 'Prometheus share').toBe(true);
      expect(await page.locator('.stat-strip').textContent()).toMatch(/Rust share\s*\d+(\.\d)?%/);

      // 3. Why did Linkerd choose Rust, and says who? "Why Rust" is in the contents list on the
      //    first screen, and the page's sources follow.
      await page.goto(url('/projects/linkerd/'));
      expect(await inView(page, '.toc a[href="#why"]', height), 'Why Rust in the contents').toBe(true);
      await page.locator('.toc a[href="#why"]').click();
      expect(await inView(page, '#why', height)).toBe(true);
      expect(await page.locator('#sources + ol li').count()).toBeGreaterThan(0);

      // 4. Who uses rustls rather than openssl? Each crate's page lists its users at the top.
      for (const crate of ['rustls', 'openssl']) {
        await page.goto(url(`/crates/${crate}/`));
        expect(await inView(page, 'h1', height), crate).toBe(true);
        expect(await inView(page, '#users', height + 400), `${crate}: its users start near the top`).toBe(true);
      }

      // 5. How has Rust grown? The navigation leads to the Rust timeline, whose chart comes first.
      await page.goto(url('/'));
      const nav = page.locator('.site-nav a', { hasText: 'Rust timeline' });
      expect(await nav.isVisible()).toBe(true);
      await Promise.all([page.waitForURL(/\/timeline\/$/), nav.click()]);
      await page.waitForLoadState('load');
      expect(await page.locator('h1').textContent()).toBe('Rust timeline');
      expect(await inView(page, '#growth', height), 'the growth chart starts on the first screen').toBe(true);

      // 6. Is this project still active? Its last commit, and "quiet" when it is, under its title.
      await page.goto(url('/projects/linkerd/'));
      expect(await inView(page, '.stat-strip [data-last-commit]', height), 'last commit').toBe(true);
      expect(await inView(page, '.stat-strip [data-counted-at]', height), 'counted at').toBe(true);
      expect(await page.locator('.stat-strip [data-counted-at]').textContent()).toMatch(
        /^\s*\d+ commits of \d{1,2} \w{3} \d{4}/,
      );

      // 7 and 8, the searches and the phone, are the search-ranking and layout tests.
      await page.close();
    });
  }
});

describe('print', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`prints a project page as content only, tables whole, external links with their address (${scheme} theme)`, async () => {
      const page = await session().newPage({ width: 794, height: 1123 });
      await page.emulateMedia({ media: 'print', colorScheme: scheme });
      await page.goto(session().server.url('/projects/linkerd/'));
      await page.evaluate((s) => document.documentElement.setAttribute('data-theme', s), scheme);
      for (const selector of ['.site-header', '.site-footer', '.actions', '.edit-top'])
        expect(await page.locator(selector).first().isVisible(), selector).toBe(false);
      // Black on white whatever the theme.
      expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(255, 255, 255)');
      // Tables print whole: nothing scrolls, nothing is wider than the page.
      const tables = await page.$$eval('.table-scroll', (els) =>
        els.map((el) => ({ overflow: getComputedStyle(el).overflowX, wide: el.scrollWidth - el.clientWidth })),
      );
      expect(tables.length).toBeGreaterThan(0);
      for (const t of tables) {
        expect(t.overflow).toBe('visible');
        expect(t.wide).toBeLessThanOrEqual(0);
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(
        0,
      );
      // An external link prints its address after it; a link that shows its address does not repeat it.
      // A citation mark prints its number alone: the References list prints each address once.
      const after = await page.$$eval('main a[href^="http"]', (links) =>
        links.map((a) => ({
          href: a.getAttribute('href')!,
          plain: a.classList.contains('url') || a.closest('.cite') !== null,
          content: getComputedStyle(a, '::after').content,
        })),
      );
      expect(after.length).toBeGreaterThan(3);
      for (const { href, plain, content } of after) expect(content, href).toBe(plain ? 'none' : `" (${href})"`);
      await page.screenshot({ path: `${SHOTS}/print-project-linkerd-${scheme}.png`, fullPage: true });
      await page.goto(session().server.url('/projects/'));
      await page.screenshot({ path: `${SHOTS}/print-projects-${scheme}.png`, fullPage: true });
      expect(await page.locator('.table-controls').isVisible()).toBe(false);
      await page.close();
    });
  }
});
