/**
 * Rust over time in dist/: every project page with a history has its chart, sentence, table and
 * commits; home and /charts/ have the catalog by year. Every number is computed here from
 * data/history.json and the entries, never typed.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, readPage } from '../helpers/dist.ts';
import { readCatalog } from '../helpers/content.ts';
import { historyFileSchema } from '../../src/schemas/history.ts';
import { catalogByYear, historySentence, projectEvents, projectSeries } from '../../src/data/views/history.ts';

const histories = historyFileSchema.parse(JSON.parse(readFileSync('data/history.json', 'utf8')));
const { entries } = readCatalog();
beforeAll(assertBuilt);

const decode = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/<[^>]+>/g, '')
    .trim();

function figure(html: string, id: string): string {
  const match = new RegExp(`<figure[^>]*data-chart="${id}"[^>]*>([\\s\\S]*?)</figure>`).exec(html);
  if (!match) throw new Error(`no chart ${id}`);
  return match[1];
}

/** `data-key` → `data-value` of the first value cell of each row of a table marked `marker`. */
function tableValues(body: string, marker: string): Map<string, number> {
  const table = new RegExp(`<table[^>]*${marker}[^>]*>[\\s\\S]*?</table>`).exec(body)?.[0];
  if (!table) throw new Error(`no table ${marker}`);
  return new Map(
    [...table.matchAll(/<tr data-key="([^"]+)"[^>]*>[\s\S]*?data-value="(\d+)"/g)].map((m) => [m[1], Number(m[2])]),
  );
}

/** `data-key` → `data-value` of the SVG's columns. */
const columns = (body: string) =>
  new Map(
    [...body.matchAll(/<g class="col-chart-column" data-key="([^"]+)" data-value="(\d+)"/g)].map((m) => [
      m[1],
      Number(m[2]),
    ]),
  );

describe('project pages', () => {
  it('have a history for every entry that lists Rust repositories', () => {
    const without = entries
      .filter((e) => e.data.rustRepos.length > 0 && !histories.some((h) => h.id === e.slug && h.repos.length > 0))
      .map((e) => e.slug);
    expect(without, 'entries without history: run `npm run history`').toEqual([]);
  });

  for (const history of histories.filter((h) => h.repos.length > 0)) {
    it(`${history.id}: chart, sentence, table and commits from the data`, () => {
      const html = readPage(`projects/${history.id}/index.html`);
      const body = figure(html, 'chart-rust-over-time');
      const series = projectSeries(history);
      const events = projectEvents(history);
      expect(body).toMatch(
        /<svg[^>]*role="img"[^>]*aria-labelledby="chart-rust-over-time-title chart-rust-over-time-desc"/,
      );
      expect([...columns(body)]).toEqual(series.map((y) => [String(y.year), y.codeLines]));
      const table = tableValues(body, 'data-history-table');
      for (const y of series) expect(table.get(`year-${y.year}`), `${history.id} ${y.year}`).toBe(y.codeLines);
      for (const e of events) expect(table.get(`event-${e.event}`), `${history.id} ${e.event}`).toBe(e.codeLines);
      expect(body.match(/data-marker="([a-z]+)"/g)?.map((m) => m.slice(13, -1)) ?? []).toEqual(
        events.map((e) => e.event),
      );
      const sentence = /<p data-history-sentence>([\s\S]*?)<\/p>/.exec(html)?.[1];
      expect(decode(sentence ?? '')).toBe(historySentence(series, events, history.repos.length));
      // Provenance: every commit a point comes from is linked.
      for (const r of history.repos)
        for (const p of [...r.years.map((y) => y.point), ...r.events.flatMap((e) => (e.point ? [e.point] : []))])
          expect(html).toContain(`https://github.com/${r.repo}/tree/${p.commit}`);
    });
  }
});

describe('Rust in the CNCF over time', () => {
  const byYear = catalogByYear(
    histories
      .filter((h) => h.repos.length > 0)
      .map((h) => ({ history: h, accepted: entries.find((e) => e.slug === h.id)!.data.dates.accepted })),
  );

  it('covers the years of the data', () => {
    expect(byYear.length).toBeGreaterThan(1);
    expect(byYear.at(-1)!.projectsWithRust).toBeGreaterThan(0);
  });

  for (const [file, id] of [
    ['index.html', 'home-rust-over-time'],
    ['charts/index.html', 'chart-rust-over-time'],
  ] as const) {
    it(`${file}: columns and table match the data`, () => {
      const body = figure(readPage(file), id);
      expect([...columns(body)]).toEqual(byYear.map((y) => [String(y.year), y.codeLines]));
      const table = new RegExp(`<table[^>]*data-history-table[^>]*>[\\s\\S]*?</table>`).exec(body)![0];
      const rows = [...table.matchAll(/<tr data-key="(\d+)"[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => [
        Number(m[1]),
        ...[...m[2].matchAll(/data-value="(\d+)"/g)].map((v) => Number(v[1])),
      ]);
      expect(rows).toEqual(byYear.map((y) => [y.year, y.projectsWithRust, y.inCncf, y.codeLines, y.inCncfCodeLines]));
      expect(table).toMatch(/<caption>/);
    });
  }

  it('the data notes give the method and say which repositories lack history', () => {
    const notes = readPage('data-notes/index.html');
    expect(notes).toMatch(/<h2 id="history">Rust over time<\/h2>/);
    const repos = histories.reduce((n, h) => n + h.repos.length, 0);
    expect(decode(notes)).toContain(`${repos.toLocaleString('en-US')} repositories of`);
  });

  it('publishes the data as /data/history.json', () => {
    const published = historyFileSchema.parse(JSON.parse(readPage('data/history.json')));
    expect(published).toEqual([...histories].sort((a, b) => a.id.localeCompare(b.id)));
  });
});
