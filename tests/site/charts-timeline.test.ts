/**
 * Charts and the timeline in dist/: each chart is an image with a name and the same numbers in
 * a table, the numbers are the content's, and the timeline puts every entry under its year.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { BASE, DIST, assertBuilt, readPage } from '../helpers/dist.ts';
import { readCatalog, someCodeUnmeasured } from '../helpers/content.ts';
import { MATURITY_LEVELS, RUST_USAGES } from '../../src/schemas/taxonomy.ts';

const { entries, categories } = readCatalog();
beforeAll(assertBuilt);

type Entry = (typeof entries)[number];
const lines = (e: Entry) => e.data.rustRepos.reduce((s, r) => s + r.measurement.codeLines, 0);
const counts = (e: Entry) => e.data.rustUsage !== 'none-found';
const decode = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/<[^>]+>/g, '')
    .trim();

interface Chart {
  svgOpen: string;
  titleId: string | undefined;
  title: string | undefined;
  /** [key, value] from the table, in table order. */
  table: [string, number][];
  /** Value labels printed in the SVG, in bar order. */
  svgValues: number[];
  svgLabels: string[];
}

function chart(html: string, id: string): Chart {
  const figure = new RegExp(`<figure[^>]*data-chart="${id}"[^>]*>([\\s\\S]*?)</figure>`).exec(html);
  if (!figure) throw new Error(`no chart ${id}`);
  const body = figure[1];
  const svgOpen = /<svg[^>]*class="chart-svg"[^>]*>/.exec(body)![0];
  const svg = /<svg[^>]*class="chart-svg"[\s\S]*?<\/svg>/.exec(body)![0];
  const title = /<title id="([^"]+)"[^>]*>([^<]*)<\/title>/.exec(svg);
  const table = /<table[\s\S]*?<\/table>/.exec(body)?.[0] ?? '';
  return {
    svgOpen,
    titleId: title?.[1],
    title: title?.[2],
    table: [...table.matchAll(/<tr data-key="([^"]+)"[\s\S]*?data-value="(\d+)"/g)].map((m) => [m[1], Number(m[2])]),
    svgValues: [...svg.matchAll(/<text class="chart-value"[^>]*>([^<]+)<\/text>/g)].map((m) =>
      Number(m[1].replace(/,/g, '')),
    ),
    svgLabels: [...svg.matchAll(/<text class="chart-label"[^>]*>([^<]+)<\/text>/g)].map((m) => decode(m[1])),
  };
}

function expectAccessible(c: Chart, id: string) {
  // A chart whose bars are links is a named group of links; any other chart is one image.
  expect(c.svgOpen, id).toMatch(/role="(img|group)"/);
  expect(c.titleId, id).toBeDefined();
  expect(c.svgOpen, id).toMatch(new RegExp(`aria-labelledby="${c.titleId}[ "]`));
  expect(c.title, id).toBeTruthy();
  expect(c.table.length, id).toBeGreaterThan(0);
  expect(c.svgValues, `${id}: the SVG prints the table's numbers, in order`).toEqual(c.table.map(([, v]) => v));
}

const byValueThenName = (a: [string, number, string], b: [string, number, string]) =>
  b[1] - a[1] || a[2].localeCompare(b[2], 'en', { sensitivity: 'base' }) || a[0].localeCompare(b[0]);

describe('charts page', () => {
  const html = () => readPage('charts/index.html');

  it('plots code lines of Rust per project, largest first, projects with no Rust left out, each bar a link patterned by usage', () => {
    const c = chart(html(), 'chart-lines-by-project');
    expectAccessible(c, 'lines by project');
    const expected = entries
      .filter(counts)
      .map((e): [string, number, string] => [e.slug, lines(e), e.data.name])
      .sort(byValueThenName);
    expect(c.table).toEqual(expected.map(([k, v]) => [k, v]));
    expect(c.svgLabels).toEqual(expected.map(([, , name]) => name));
    const figure = /<figure[^>]*data-chart="chart-lines-by-project"[\s\S]*?<\/figure>/.exec(html())![0];
    const svg = /<svg[^>]*class="chart-svg"[\s\S]*?<\/svg>/.exec(figure)![0];
    for (const e of entries.filter(counts))
      expect(svg, e.slug).toContain(`<a class="chart-row chart-link" href="${BASE}projects/${e.slug}/"`);
    // A legend names every usage class that has bars, and bars of all but the first class carry a pattern.
    const legend = /<ul class="chart-legend"[\s\S]*?<\/ul>/.exec(figure)![0];
    const used = [...new Set(entries.filter(counts).map((e) => e.data.rustUsage))];
    expect((legend.match(/<li>/g) ?? []).length).toBe(used.length);
    expect(svg).toMatch(/<pattern id="chart-lines-by-project-component"/);
    expect(svg).toMatch(/fill="url\(#chart-lines-by-project-component\)"/);
  });

  it('plots the Rust share of each project with Rust whose code is all measured, linked, and names the others', () => {
    const figure = /<figure[^>]*data-chart="chart-share-by-project"[\s\S]*?<\/figure>/.exec(html())![0];
    const rows = [...figure.matchAll(/<tr data-key="([^"]+)"/g)].map((m) => m[1]);
    expect(rows.sort()).toEqual(
      entries
        .filter((e) => counts(e) && !someCodeUnmeasured(e))
        .map((e) => e.slug)
        .sort(),
    );
    const named = /<span id="share-not-given">([\s\S]*?)<\/span>/.exec(html())?.[1] ?? '';
    expect([...named.matchAll(/projects\/([^/"]+)\//g)].map((m) => m[1]).sort()).toEqual(
      entries
        .filter((e) => counts(e) && someCodeUnmeasured(e))
        .map((e) => e.slug)
        .sort(),
    );
    expect(figure).toMatch(/<text class="chart-value"[^>]*>\d+\.\d%<\/text>/);
  });

  it('counts projects per maturity level and per Rust usage', () => {
    const maturity = chart(html(), 'chart-per-maturity');
    expectAccessible(maturity, 'per maturity');
    // Projects with Rust, as every page counts them; the none-found usage has no bar.
    expect(maturity.table).toEqual(
      MATURITY_LEVELS.map((m) => [m, entries.filter((e) => counts(e) && e.data.maturity === m).length]),
    );
    const usage = chart(html(), 'chart-per-usage');
    expectAccessible(usage, 'per usage');
    expect(usage.table).toEqual(
      RUST_USAGES.filter((u) => u !== 'none-found').map((u) => [
        u,
        entries.filter((e) => e.data.rustUsage === u).length,
      ]),
    );
  });

  it('sums code lines of Rust per category over the projects in it', () => {
    const c = chart(html(), 'chart-lines-by-category');
    expectAccessible(c, 'lines by category');
    const expected = categories
      .map((cat): [string, number, string] => [
        cat.id,
        entries.filter((e) => counts(e) && e.data.categories.includes(cat.id)).reduce((s, e) => s + lines(e), 0),
        cat.name,
      ])
      .sort(byValueThenName);
    expect(c.table).toEqual(expected.map(([k, v]) => [k, v]));
  });

  it('links each table row to its page under the base', () => {
    const c = /<figure[^>]*data-chart="chart-lines-by-project"[\s\S]*?<\/figure>/.exec(html())![0];
    for (const e of entries.filter(counts)) expect(c).toContain(`href="${BASE}projects/${e.slug}/"`);
  });

  it('is in the main navigation', () => {
    expect(readPage('index.html')).toMatch(
      new RegExp(`<nav class="site-nav"[\\s\\S]*href="${BASE}charts/"[\\s\\S]*</nav>`),
    );
  });
});

describe('home page', () => {
  it('stays under 14 KB of gzipped HTML and CSS', () => {
    const html = readPage('index.html');
    const css = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) =>
      readFileSync(join(DIST, m[1].slice(BASE.length))),
    );
    const bytes = [Buffer.from(html), ...css].reduce((s, b) => s + gzipSync(b, { level: 9 }).length, 0);
    expect(bytes).toBeLessThan(14 * 1024);
  });
});

describe('timeline page', () => {
  const html = () => readPage('timeline/index.html');
  const section = (year: number) =>
    new RegExp(`<section[^>]*data-timeline-year="${year}"[^>]*>([\\s\\S]*?)</section>`).exec(html())?.[1] ?? '';

  it('lists every entry under the year it was accepted', () => {
    for (const e of entries) {
      const year = Number(e.data.dates.accepted.slice(0, 4));
      expect(section(year), `${e.slug} in ${year}`).toMatch(
        new RegExp(`<li data-slug="${e.slug}" data-kind="accepted"[ >]`),
      );
      expect(section(year)).toContain(`datetime="${e.data.dates.accepted}"`);
    }
  });

  it('lists graduations and archivals under their years, and moves to incubating unless on the day of acceptance', () => {
    for (const e of entries) {
      const { accepted, incubating, graduated, archived } = e.data.dates;
      const steps: [string, string | undefined][] = [
        ['incubating', incubating !== accepted ? incubating : undefined],
        ['graduated', graduated],
        ['archived', archived],
      ];
      for (const [kind, date] of steps)
        if (date)
          expect(section(Number(date.slice(0, 4))), `${e.slug} ${kind}`).toMatch(
            new RegExp(`<li data-slug="${e.slug}" data-kind="${kind}"[ >]`),
          );
    }
  });

  it('counts each year’s milestones in the summary table', () => {
    const years = new Set(entries.map((e) => Number(e.data.dates.accepted.slice(0, 4))));
    for (const year of years) {
      const row = new RegExp(`<tr data-year="${year}"[^>]*>([\\s\\S]*?)</tr>`).exec(html())?.[1] ?? '';
      const accepted = Number(/data-kind="accepted"[^>]*>(\d+)</.exec(row)?.[1]);
      expect(accepted, String(year)).toBe(entries.filter((e) => e.data.dates.accepted.startsWith(String(year))).length);
    }
  });

  it('is in the main navigation, as the Rust timeline', () => {
    expect(readPage('index.html')).toMatch(
      new RegExp(`<nav class="site-nav"[\\s\\S]*href="${BASE}timeline/"[^>]*>Rust timeline</a>[\\s\\S]*</nav>`),
    );
  });

  it('shows Rust over time first, then each CNCF move with the project’s Rust on that day', () => {
    const page = html();
    expect(page.indexOf('data-chart="timeline-rust-over-time"')).toBeGreaterThan(-1);
    expect(page.indexOf('data-chart="timeline-rust-over-time"')).toBeLessThan(page.indexOf('data-timeline-year'));
    const histories = JSON.parse(readFileSync('data/history.json', 'utf8')) as {
      id: string;
      repos: { events: { event: string; point: { codeLines: number } | null }[] }[];
    }[];
    let checked = 0;
    for (const h of histories) {
      const events = h.repos.flatMap((r) => r.events.filter((e) => e.event === 'accepted'));
      if (!events.length) continue;
      const none = events.every((e) => e.point === null);
      const lines = events.reduce((sum, e) => sum + (e.point?.codeLines ?? 0), 0);
      const li = new RegExp(`<li data-slug="${h.id}" data-kind="accepted"[\\s\\S]*?</li>`).exec(page)?.[0] ?? '';
      expect(li, h.id).toContain(`data-rust-that-day="${none ? 'none' : lines}"`);
      checked++;
    }
    expect(checked).toBeGreaterThan(entries.length / 2);
  });
});

describe('chart labels and bars in the built SVG', () => {
  /** Every column chart of the site: the project pages', home's, the charts page's and the timeline's. */
  const pages = [
    'index.html',
    'charts/index.html',
    'timeline/index.html',
    ...entries.map((e) => `projects/${e.slug}/index.html`),
  ];
  const numbers = (svg: string, re: RegExp) => [...svg.matchAll(re)].map((m) => Number(m[1]));

  it('keeps every milestone label above the plot and every y-axis label inside it, so none covers another', () => {
    let markers = 0;
    for (const page of pages)
      for (const [svg] of readPage(page).matchAll(/<svg[^>]*class="col-chart-svg"[\s\S]*?<\/svg>/g)) {
        const gridYs = numbers(/<g class="col-chart-grid"[\s\S]*?<\/g>/.exec(svg)![0], /y1="([\d.]+)"/g);
        const plotTop = Math.min(...gridYs);
        const ticks = numbers(/<g class="col-chart-ticks">[\s\S]*?<\/g>/.exec(svg)![0], /<text[^>]*y="([\d.]+)"/g);
        const labels = [...svg.matchAll(/<g class="col-chart-marker[\s\S]*?<text[^>]*y="([\d.]+)"/g)].map((m) =>
          Number(m[1]),
        );
        markers += labels.length;
        // A 0.8rem label reaches about 3 px under its baseline and 10 px over it.
        for (const y of labels)
          expect(y + 3, `${page}: milestone label at ${y}, plot from ${plotTop}`).toBeLessThanOrEqual(plotTop);
        for (const y of ticks)
          expect(y - 10, `${page}: axis label at ${y}, plot from ${plotTop}`).toBeGreaterThanOrEqual(plotTop);
      }
    expect(markers, 'milestone labels checked').toBeGreaterThan(entries.length);
  });

  it('draws every bar above zero at least 12 px long, so its pattern shows', () => {
    const html = readPage('charts/index.html');
    for (const id of ['chart-lines-by-project', 'chart-share-by-project']) {
      const svg = new RegExp(`<figure[^>]*data-chart="${id}"[\\s\\S]*?<svg[^>]*class="chart-svg"[\\s\\S]*?</svg>`).exec(
        html,
      )![0];
      const rows = [...svg.matchAll(/<(?:a|g) class="chart-row[\s\S]*?<\/(?:a|g)>/g)].map((m) => m[0]);
      expect(rows.length, id).toBeGreaterThan(entries.length / 2);
      for (const row of rows) {
        const value = Number(/<text class="chart-value"[^>]*>([^<]+)</.exec(row)![1].replace(/[,%]/g, ''));
        const least = /<rect[^>]*class="[^"]*chart-min[^"]*"[^>]*width="(\d+)"/.exec(row)?.[1];
        if (value > 0) expect(Number(least), row.slice(0, 120)).toBeGreaterThanOrEqual(12);
      }
    }
  });
});
