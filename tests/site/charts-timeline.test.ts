/**
 * Charts and the timeline in dist/: each chart is an image with a name and the same numbers in
 * a table, the numbers are the content's, and the timeline puts every entry under its year.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { BASE, DIST, assertBuilt, readPage } from '../helpers/dist.ts';
import { readCatalog } from '../helpers/content.ts';
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

  it('plots the Rust share of each project with Rust, linked', () => {
    const figure = /<figure[^>]*data-chart="chart-share-by-project"[\s\S]*?<\/figure>/.exec(html())![0];
    const rows = [...figure.matchAll(/<tr data-key="([^"]+)"/g)].map((m) => m[1]);
    expect(rows.sort()).toEqual(
      entries
        .filter(counts)
        .map((e) => e.slug)
        .sort(),
    );
    expect(figure).toMatch(/<text class="chart-value"[^>]*>\d+\.\d%<\/text>/);
  });

  it('counts projects per maturity level and per Rust usage', () => {
    const maturity = chart(html(), 'chart-per-maturity');
    expectAccessible(maturity, 'per maturity');
    expect(maturity.table).toEqual(
      MATURITY_LEVELS.map((m) => [m, entries.filter((e) => e.data.maturity === m).length]),
    );
    const usage = chart(html(), 'chart-per-usage');
    expectAccessible(usage, 'per usage');
    expect(usage.table).toEqual(RUST_USAGES.map((u) => [u, entries.filter((e) => e.data.rustUsage === u).length]));
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

  it('is in the main navigation', () => {
    expect(readPage('index.html')).toMatch(
      new RegExp(`<nav class="site-nav"[\\s\\S]*href="${BASE}timeline/"[\\s\\S]*</nav>`),
    );
  });
});
