/**
 * Readable at a glance, one page per template, from a 320 px phone to a 1280 px laptop: no
 * table cell's text is clipped (a table either fits, is a stack of labelled rows, or scrolls
 * with its first column in view and a shadow that says there is more; at 1280 px nothing
 * scrolls), chart labels never cover the axis labels, the links of the projects table are
 * targets of 24 × 24 px or spaced apart, and a screenshot of each template at 375 and 1280 px
 * goes to test-results/screenshots/templates/ for a person to look at.
 */
import { mkdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowserSession } from '../helpers/browser.ts';

const SHOTS = 'test-results/screenshots/templates';
/** One page per template. */
const TEMPLATES = [
  { name: 'home', path: '/' },
  { name: 'projects', path: '/projects/' },
  { name: 'project', path: '/projects/linkerd/' },
  { name: 'group', path: '/maturity/graduated/' },
  { name: 'group-index', path: '/categories/' },
  { name: 'crates', path: '/crates/' },
  { name: 'crate', path: '/crates/tokio/' },
  { name: 'charts', path: '/charts/' },
  { name: 'timeline', path: '/timeline/' },
  { name: 'data-notes', path: '/data-notes/' },
  { name: 'report', path: '/report/' },
  { name: 'data', path: '/data/' },
  { name: 'sources', path: '/sources/' },
];
const WIDTHS = [320, 375, 768, 1280];
/** Widths at which every table must fit whole, with nothing to scroll to. */
const WIDE = 1280;

const session = useBrowserSession();

beforeAll(() => {
  mkdirSync(SHOTS, { recursive: true });
});

/**
 * What a reader cannot read in the page's tables (every <details> opened first): a cell whose
 * text overflows the cell, a cell cut off by a box that does not scroll, and a table that
 * scrolls where it must fit (at `wide`, or a stack of labelled rows), or scrolls without its
 * first column staying in view or without the shadow that says there is more.
 */
async function unreadableCells(page: Page, wide: boolean): Promise<string[]> {
  return page.evaluate((wide) => {
    for (const d of document.querySelectorAll('main details')) (d as HTMLDetailsElement).open = true;
    const problems: string[] = [];
    const label = (el: Element) => (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 50);
    const checked = new Set<Element>();
    for (const cell of document.querySelectorAll<HTMLElement>('main td, main th')) {
      const box = cell.getBoundingClientRect();
      if (!cell.getClientRects().length || box.width === 0 || !label(cell)) continue;
      if (cell.scrollWidth > cell.clientWidth + 1) problems.push(`text overflows its cell: "${label(cell)}"`);
      // The nearest box that clips: a scroll wrapper, or anything else with overflow other than visible.
      let clip = cell.parentElement;
      while (clip && clip !== document.body && getComputedStyle(clip).overflowX === 'visible')
        clip = clip.parentElement;
      if (!clip || clip === document.body) continue;
      // A visually hidden header (a 1 px box for screen readers) is not text a reader misses.
      if (clip.getBoundingClientRect().width <= 1) continue;
      const scrolls = clip.scrollWidth > clip.clientWidth + 1 && getComputedStyle(clip).overflowX === 'auto';
      const area = clip.getBoundingClientRect();
      if (!scrolls) {
        if (box.left < area.left - 1 || box.right > area.right + 1) problems.push(`cut off: "${label(cell)}"`);
        continue;
      }
      if (checked.has(clip)) continue;
      checked.add(clip);
      const table = clip.querySelector('table')!;
      const name = label(table.caption ?? table);
      if (wide) {
        problems.push(`scrolls at a wide screen: "${name}"`);
        continue;
      }
      const stacked = getComputedStyle(table.querySelector('tbody tr')!).display === 'block';
      if (stacked) problems.push(`stack of rows wider than the screen: "${name}"`);
      if (!/gradient/.test(getComputedStyle(clip).backgroundImage)) problems.push(`scrolls with no cue: "${name}"`);
      // Scrolled to its end, the first column is still where it started.
      const first = [...table.querySelectorAll<HTMLElement>('tbody tr > :first-child')].filter(
        (c) => c.getClientRects().length,
      );
      const before = first.map((c) => c.getBoundingClientRect().left);
      clip.scrollLeft = clip.scrollWidth;
      const moved = first.filter((c, i) => Math.abs(c.getBoundingClientRect().left - before[i]) > 1);
      if (moved.length) problems.push(`first column leaves the view when scrolled: "${name}"`);
      clip.scrollLeft = 0;
    }
    return problems;
  }, wide);
}

describe('tables', () => {
  for (const width of WIDTHS) {
    it(`leave no cell's text clipped at ${width} px, on one page per template`, async () => {
      const page = await session().newPage({ width, height: 900 });
      const found: string[] = [];
      for (const { path } of TEMPLATES) {
        await page.goto(session().server.url(path));
        for (const problem of await unreadableCells(page, width >= WIDE))
          found.push(`${path} at ${width} px: ${problem}`);
      }
      expect(found).toEqual([]);
      await page.close();
    });
  }

  it('turn repository and crate tables into labelled rows on a phone', async () => {
    const page = await session().newPage({ width: 375, height: 800 });
    for (const path of ['/projects/linkerd/', '/crates/tokio/']) {
      await page.goto(session().server.url(path));
      const cells = await page.$$eval('table.stack-table tbody td[data-label]', (tds) =>
        tds.slice(0, 6).map((td) => ({
          label: getComputedStyle(td, '::before').content,
          own: td.dataset.label,
          display: getComputedStyle(td.closest('tr')!).display,
        })),
      );
      expect(cells.length, path).toBeGreaterThan(0);
      for (const c of cells) {
        expect(c.label, path).toBe(`"${c.own}"`);
        expect(c.display, path).toBe('block');
      }
    }
    await page.close();
  });
});

describe('charts', () => {
  for (const width of [320, 1280]) {
    it(`never cover an axis label with a milestone label, at ${width} px`, async () => {
      const page = await session().newPage({ width, height: 900 });
      await page.goto(session().server.url('/projects/linkerd/'));
      const overlaps = await page.$$eval('svg.col-chart-svg', (svgs) =>
        svgs.flatMap((svg) => {
          const boxes = (selector: string) =>
            [...svg.querySelectorAll(selector)].map((t) => ({ text: t.textContent, box: t.getBoundingClientRect() }));
          const markers = boxes('.col-chart-marker text');
          const ticks = boxes('.col-chart-ticks text');
          return markers.flatMap((m) =>
            ticks
              .filter(
                (t) =>
                  m.box.left < t.box.right &&
                  t.box.left < m.box.right &&
                  m.box.top < t.box.bottom &&
                  t.box.top < m.box.bottom,
              )
              .map((t) => `${m.text} covers ${t.text}`),
          );
        }),
      );
      expect(await page.locator('svg.col-chart-svg .col-chart-marker text').count()).toBeGreaterThan(0);
      expect(overlaps).toEqual([]);
      await page.close();
    });
  }
});

describe('touch targets', () => {
  for (const width of [375, 1280]) {
    it(`are 24 × 24 px or spaced so, in the projects table at ${width} px (WCAG 2.5.8)`, async () => {
      const page = await session().newPage({ width, height: 900 });
      await page.goto(session().server.url('/projects/'));
      const small = await page.$$eval('.project-table tbody a', (links) => {
        const rects = links.map((a) => a.getBoundingClientRect()).filter((r) => r.width > 0);
        const distance = (x: number, y: number, r: DOMRect) =>
          Math.hypot(Math.max(r.left - x, 0, x - r.right), Math.max(r.top - y, 0, y - r.bottom));
        const undersized = (r: DOMRect) => r.width < 24 || r.height < 24;
        // An undersized target passes when a 24 px circle on its centre meets no other target
        // and no other undersized target's circle.
        return rects.flatMap((r, i) => {
          if (!undersized(r)) return [];
          const [x, y] = [r.left + r.width / 2, r.top + r.height / 2];
          const clash = rects.some(
            (o, j) =>
              j !== i &&
              (distance(x, y, o) < 12 ||
                (undersized(o) && Math.hypot(x - (o.left + o.width / 2), y - (o.top + o.height / 2)) < 24)),
          );
          return clash ? [`${links[i].textContent?.trim()} (${Math.round(r.width)} × ${Math.round(r.height)})`] : [];
        });
      });
      expect(small).toEqual([]);
      await page.close();
    });
  }
});

describe('screenshots', () => {
  for (const width of [375, 1280]) {
    it(`saves one of each template at ${width} px`, async () => {
      const page = await session().newPage({ width, height: 900 });
      for (const { name, path } of TEMPLATES) {
        await page.goto(session().server.url(path));
        await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
      }
      await page.close();
    });
  }
});
