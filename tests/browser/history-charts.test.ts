/**
 * The Rust-over-time charts in a real browser, in both themes: axe finds nothing in them with
 * their tables open, the columns are drawn in proportion to their values inside the chart's
 * width, and the CNCF move labels are readable.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowserSession } from '../helpers/browser.ts';
import { assertBuilt } from '../helpers/dist.ts';

assertBuilt();
const session = useBrowserSession();
let page: Page;
beforeAll(async () => {
  page = await session().newPage();
});

const CHARTS = [
  ['/projects/tikv/', 'chart-rust-over-time'],
  ['/projects/linkerd/', 'chart-rust-over-time'],
  ['/', 'home-rust-over-time'],
  ['/charts/', 'chart-rust-over-time'],
] as const;

describe('Rust over time charts', { timeout: 240_000 }, () => {
  // One load per chart; the themes are switched on it (the dark theme changes colours only).
  for (const [path, id] of CHARTS) {
    it(`${path} ${id}, light and dark themes: no axe violation, columns in proportion`, async () => {
      await page.goto(session().server.url(path));
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.evaluate((s) => document.documentElement.setAttribute('data-theme', s), scheme);
        const selector = `figure[data-chart="${id}"]`;
        await page
          .locator(`${selector} details`)
          .evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
        const result = await new AxeBuilder({ page }).include(selector).analyze();
        expect(
          result.violations.map((v) => `${scheme}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
        ).toEqual([]);

        const drawn = await page.locator(`${selector} .col-chart-column`).evaluateAll((groups) =>
          groups.map((g) => {
            const bar = g.querySelector('.col-chart-bar')!.getBoundingClientRect();
            return {
              value: Number(g.getAttribute('data-value')),
              height: bar.height,
              left: bar.left,
              right: bar.right,
            };
          }),
        );
        const svg = await page.locator(`${selector} svg`).boundingBox();
        expect(drawn.length).toBeGreaterThan(0);
        const max = Math.max(...drawn.map((d) => d.value));
        const tallest = drawn.find((d) => d.value === max)!;
        for (const d of drawn) {
          expect(d.left).toBeGreaterThanOrEqual(svg!.x - 0.5);
          expect(d.right).toBeLessThanOrEqual(svg!.x + svg!.width + 0.5);
          expect(d.height / tallest.height).toBeCloseTo(d.value / max, 1);
        }
        // Marker labels sit inside the page and their text has a colour distinct from the background.
        const markers = await page.locator(`${selector} .col-chart-marker text`).evaluateAll((texts) =>
          texts.map((t) => ({
            fill: getComputedStyle(t).fill,
            bg: getComputedStyle(document.body).backgroundColor,
            right: t.getBoundingClientRect().right,
          })),
        );
        for (const m of markers) {
          expect(m.fill, scheme).not.toBe(m.bg);
          expect(m.right).toBeLessThanOrEqual(1280);
        }
        if (path.startsWith('/projects/')) expect(markers.length).toBeGreaterThan(0);
      }
    });
  }
});
