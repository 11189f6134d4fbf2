/**
 * The built site (dist/, built with the base path): a page for every entry and group,
 * counts that equal the content's, and no internal link or asset that misses the base.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { BASE, assertBuilt, dataCounts, fileForUrl, htmlFiles, pageUrls, readPage } from '../helpers/dist.ts';
import { readCatalog, yamlList } from '../helpers/content.ts';
import { readFileSync } from 'node:fs';
import { summarizeDiscoverRun } from '../../src/data/views/discover-run.ts';
import { discoverRunSchema } from '../../src/schemas/discover-run.ts';
import { leftOutSchema } from '../../src/schemas/left-out.ts';
import { MATURITY_LEVELS, RUST_USAGES } from '../../src/schemas/taxonomy.ts';

const { entries, categories } = readCatalog();
beforeAll(assertBuilt);
type Entry = (typeof entries)[number];
/** Every count on the site is of projects with Rust; an entry with none found is named apart. */
const withRust = (e: Entry) => e.data.rustUsage !== 'none-found';

const stripTags = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('pages', () => {
  it('builds a page for every entry, maturity level, Rust usage and category', () => {
    const pages = new Set(htmlFiles());
    const expected = [
      'index.html',
      '404.html',
      'projects/index.html',
      'maturity/index.html',
      'categories/index.html',
      'rust-usage/index.html',
      'data-notes/index.html',
      'report/index.html',
      'sources/index.html',
      ...entries.map((e) => `projects/${e.slug}/index.html`),
      ...MATURITY_LEVELS.map((m) => `maturity/${m}/index.html`),
      ...RUST_USAGES.map((u) => `rust-usage/${u}/index.html`),
      ...categories.map((c) => `categories/${c.id}/index.html`),
    ];
    expect(expected.filter((p) => !pages.has(p))).toEqual([]);
  });

  it('counts on each group page the projects with Rust, names its none-found entries apart, and lists every entry', () => {
    const groups: [string, Entry[]][] = [
      ...MATURITY_LEVELS.map((m): [string, Entry[]] => [
        `maturity/${m}/index.html`,
        entries.filter((e) => e.data.maturity === m),
      ]),
      ...RUST_USAGES.map((u): [string, Entry[]] => [
        `rust-usage/${u}/index.html`,
        entries.filter((e) => e.data.rustUsage === u),
      ]),
      ...categories.map((c): [string, Entry[]] => [
        `categories/${c.id}/index.html`,
        entries.filter((e) => e.data.categories.includes(c.id)),
      ]),
    ];
    for (const [page, members] of groups) {
      const html = readPage(page);
      expect(dataCounts(html), page).toEqual([members.filter(withRust).length]);
      expect((html.match(/<tr data-slug=/g) ?? []).length, page).toBe(members.length);
      for (const e of members.filter((e) => !withRust(e)))
        expect(html, `${page} names ${e.slug} apart`).toContain(`${e.data.name} (no Rust found)`);
    }
  });

  it('prints the same counts on the index pages', () => {
    const count = (list: Entry[]) => list.filter(withRust).length;
    expect(dataCounts(readPage('maturity/index.html'))).toEqual(
      MATURITY_LEVELS.map((m) => count(entries.filter((e) => e.data.maturity === m))),
    );
    expect(dataCounts(readPage('rust-usage/index.html'))).toEqual(
      RUST_USAGES.map((u) => count(entries.filter((e) => e.data.rustUsage === u))),
    );
    const byName = [...categories].sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }));
    expect(dataCounts(readPage('categories/index.html'))).toEqual(
      byName.map((c) => count(entries.filter((e) => e.data.categories.includes(c.id)))),
    );
  });

  it('lists every project once in the full table', () => {
    const slugs = [...readPage('projects/index.html').matchAll(/<tr data-slug="([^"]+)"/g)].map((m) => m[1]);
    expect([...slugs].sort()).toEqual(entries.map((e) => e.slug).sort());
  });

  it('shows on the home page the totals computed from the entries, in code lines with all lines as the detail', () => {
    const rust = entries.filter((e) => e.data.rustUsage !== 'none-found');
    const repos = rust.flatMap((e) => e.data.rustRepos);
    const lines = repos.reduce((s, r) => s + r.measurement.lines, 0);
    const codeLines = repos.reduce((s, r) => s + r.measurement.codeLines, 0);
    const text = stripTags(readPage('index.html'));
    expect(text).toContain(
      `${codeLines.toLocaleString('en-US')} code lines; ${lines.toLocaleString('en-US')} lines with blank and comment lines`,
    );
    expect(text).toContain(`${rust.length} projects with Rust`);
    expect(text).toContain(`${rust.length} CNCF projects ship Rust: ${(codeLines / 1e6).toFixed(1)}M code lines`);
    // The maturity line counts the projects with Rust, so it adds up to the headline.
    const line = /Maturity:(.*?)Rust usage:/.exec(text)![1];
    let sum = 0;
    for (const m of MATURITY_LEVELS) {
      const n = rust.filter((e) => e.data.maturity === m).length;
      if (n > 0) expect(line).toMatch(new RegExp(`${n} ${m}`, 'i'));
      sum += n;
    }
    expect(sum).toBe(rust.length);
    // Entries with no Rust found are named apart.
    for (const e of entries.filter((x) => x.data.rustUsage === 'none-found'))
      expect(text).toMatch(new RegExp(`plus ${e.data.name}\\s*, named by a source but with no Rust found`));
  });

  it('names on the home page the projects with the most code lines, in order, each linked, and the projects in each category card', () => {
    const html = readPage('index.html');
    const top = /<ol class="top-list"[\s\S]*?<\/ol>/.exec(html)![0];
    const linked = [...top.matchAll(/<span class="top-name"><a href="[^"]*\/projects\/([^/"]+)\/"/g)].map((m) => m[1]);
    const code = (e: (typeof entries)[number]) => e.data.rustRepos.reduce((s, r) => s + r.measurement.codeLines, 0);
    const expected = entries
      .filter((e) => e.data.rustUsage !== 'none-found')
      .sort((a, b) => code(b) - code(a) || a.data.name.localeCompare(b.data.name, 'en', { sensitivity: 'base' }))
      .map((e) => e.slug);
    expect(linked.length).toBeGreaterThanOrEqual(5);
    expect(linked).toEqual(expected.slice(0, linked.length));
    const cards = html.slice(html.indexOf('id="by-category"'));
    for (const c of categories)
      for (const e of entries.filter((x) => x.data.rustUsage !== 'none-found' && x.data.categories.includes(c.id)))
        expect(cards, `${c.id} ${e.slug}`).toContain(
          `href="${BASE}projects/${e.slug}/">${e.data.name.replace(/&/g, '&amp;')}</a>`,
        );
  });

  it('orders each project page as readers ask: what it is, where the Rust is, why Rust, then crates, history, figures', () => {
    for (const e of entries) {
      const html = readPage(`projects/${e.slug}/index.html`);
      const at = (id: string) => html.indexOf(` id="${id}"`);
      const body = [...e.body.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
      const first = html.indexOf('<h2', html.indexOf('class="toc"'));
      // The entry's own sections come first after the figures and the contents list.
      if (body.length) expect(stripTags(html.slice(first, html.indexOf('</h2>', first))).trim(), e.slug).toBe(body[0]);
      const order = ['why', 'crates', 'rust-over-time', 'rust', 'facts', 'sources'].filter((id) => at(id) !== -1);
      expect(order.map(at), e.slug).toEqual(order.map(at).sort((a, b) => a - b));
      if (e.data.rationale) expect(at('why'), e.slug).toBeLessThan(at('crates') === -1 ? at('rust') : at('crates'));
      // The contents list names every section of the page, in the page's order.
      const toc = /<nav aria-label="On this page" class="toc"[\s\S]*?<\/nav>/.exec(html)![0];
      const targets = [...toc.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
      const sections = [...html.matchAll(/<h2 id="([^"]+)"/g)].map((m) => m[1]);
      expect(targets, e.slug).toEqual(sections);
    }
  });

  it('puts a stat strip under each project title, health links where the landscape has them, and no raw measurement note', () => {
    for (const e of entries) {
      const html = readPage(`projects/${e.slug}/index.html`);
      const strip = /<dl class="stat-strip"[\s\S]*?<\/dl>/.exec(html)?.[0] ?? '';
      expect(html.indexOf('class="stat-strip"'), e.slug).toBeLessThan(html.indexOf('id="facts"'));
      const code = e.data.rustRepos.reduce((s, r) => s + r.measurement.codeLines, 0);
      if (e.data.rustUsage !== 'none-found')
        expect(stripTags(strip), e.slug).toContain(`Rust code lines ${code.toLocaleString('en-US')}`);
      else expect(stripTags(strip), e.slug).toContain('none found');
      for (const r of e.data.rustRepos)
        if (r.measurement.notes) expect(html, e.slug).not.toContain(r.measurement.notes.replace(/&/g, '&amp;'));
      expect(html, e.slug).not.toMatch(/source KB/);
    }
    expect(readPage('projects/tikv/index.html')).toMatch(/href="https:\/\/clomonitor\.io\/projects\/cncf\/tikv"/);
  });

  it('shows every figure of an entry with its source and as-of date', () => {
    for (const e of entries) {
      const text = stripTags(readPage(`projects/${e.slug}/index.html`));
      for (const r of e.data.rustRepos) {
        expect(text, `${e.slug} ${r.repo}`).toContain(r.measurement.lines.toLocaleString('en-US'));
        expect(text, `${e.slug} ${r.repo}`).toContain(r.measurement.commit.slice(0, 7));
      }
      expect(text, e.slug).toMatch(/Source: CNCF landscape\.yml .* as of \d{1,2} \w{3} \d{4}/);
      expect(text, e.slug).toMatch(/Source: Rust code measurements .* as of \d{1,2} \w{3} \d{4}/);
      // What the 2025 report printed is one footnote away, on the report page.
      const html = readPage(`projects/${e.slug}/index.html`);
      if (e.data.reported) expect(html, e.slug).toContain(`href="${BASE}report/#p-${e.slug}"`);
      else expect(html, e.slug).not.toContain(`${BASE}report/`);
    }
    const report = stripTags(readPage('report/index.html'));
    for (const e of entries)
      if (e.data.reported)
        for (const f of e.data.reported.figures)
          expect(report, `${e.slug} ${f.text}`).toContain(f.text.replace(/&/g, '&amp;'));
  });

  it('compares each report figure on the report page with the repositories it covers', () => {
    const html = readPage('report/index.html');
    const table = html.slice(html.indexOf('id="report-units"'), html.indexOf('id="report-self"'));
    const rows = [...table.matchAll(/<tr>\s*<th scope="row">([\s\S]*?)<\/tr>/g)].map((m) => stripTags(m[1]));
    for (const e of entries) {
      for (const f of e.data.reported?.figures ?? []) {
        if (f.bytes === undefined || !/Summary table|section/.test(f.where)) continue;
        const covered = f.repos ?? e.data.rustRepos.map((r) => r.repo);
        const repos = e.data.rustRepos.filter((r) => covered.includes(r.repo));
        const bytes = repos.reduce((sum, r) => sum + r.measurement.bytes, 0);
        const row = rows.find((r) => r.includes(f.text));
        expect(row, `${e.slug} ${f.text}`).toBeDefined();
        expect(row, `${e.slug} ${f.text}`).toContain(bytes.toLocaleString('en-US'));
        expect(row, `${e.slug} ${f.text}`).toContain((f.bytes / bytes).toFixed(2));
      }
    }
  });

  it('lists every project of content/left-out.yaml on the data notes page with its figures and reason', () => {
    const leftOut = yamlList('content/left-out.yaml').map((x) => leftOutSchema.parse(x));
    const html = readPage('data-notes/index.html');
    const table = html.slice(html.indexOf('id="left-out"'), html.indexOf('id="report"'));
    const rows = [...table.matchAll(/<tr>\s*<th scope="row">([\s\S]*?)<\/tr>/g)].map((m) => stripTags(m[1]));
    expect(rows).toHaveLength(leftOut.length);
    for (const l of leftOut) {
      const row = rows.find((r) => r.trim().startsWith(l.landscapeName));
      expect(row, l.id).toBeDefined();
      expect(row, l.id).toContain(stripTags(l.reason.replace(/&/g, '&amp;')).trim().slice(0, 40));
      for (const r of l.repos) {
        expect(row, `${l.id} ${r.repo}`).toContain(r.repo);
        if (r.commit) expect(row, `${l.id} ${r.repo}`).toContain(r.commit.slice(0, 7));
      }
      const lines = l.repos.reduce((sum, r) => sum + (r.codeLines ?? 0), 0);
      if (l.repos.some((r) => r.codeLines !== undefined)) expect(row, l.id).toContain(lines.toLocaleString('en-US'));
    }
  });

  it('says on the data notes page how the last discover run looked, from its data file', () => {
    const run = summarizeDiscoverRun(
      discoverRunSchema.parse(JSON.parse(readFileSync('data/discover-run.json', 'utf8'))),
    );
    const html = readPage('data-notes/index.html');
    const text = stripTags(html.slice(html.indexOf('id="how-we-looked"'), html.indexOf('id="history"')));
    for (const figure of [
      `${run.projects.toLocaleString('en-US')} projects`,
      `${run.organisations.toLocaleString('en-US')} organisations`,
      `${run.repositories.toLocaleString('en-US')} repositories`,
      `${run.measured.toLocaleString('en-US')} measured`,
      `${run.notLookedAt.toLocaleString('en-US')} not looked at`,
    ])
      expect(text).toContain(figure);
    for (const via of run.listingVia) expect(text).toContain(via);
    for (const name of run.undecided) expect(text).toContain(name.replace(/&/g, '&amp;'));
  });

  it('lists on the report page every project whose class disagrees with the report', () => {
    const html = readPage('report/index.html');
    const list = stripTags(html.slice(html.indexOf('id="report-classes"'), html.indexOf('id="report-maturity"')));
    const asReport = { pure: ['pure'], component: ['component', 'sdk'], implementation: ['sdk'] } as const;
    for (const e of entries) {
      const types = e.data.reported?.type ?? [];
      const disagrees =
        types.length > 0 && !types.some((t) => (asReport[t] as readonly string[]).includes(e.data.rustUsage));
      if (disagrees) expect(list, e.slug).toMatch(new RegExp(`${e.data.name}\\s*: the report says`));
    }
  });
});

describe('base path', () => {
  it('puts the base on every root-absolute link and asset, and every one resolves in dist/', () => {
    const problems: string[] = [];
    for (const file of htmlFiles()) {
      for (const url of pageUrls(readPage(file))) {
        if (/^(https?:|mailto:|#|data:)/.test(url) || url === '') continue;
        if (!url.startsWith('/')) {
          problems.push(`${file}: relative URL ${url} (expected a root-absolute URL with the base)`);
          continue;
        }
        const path = url.split('#')[0].split('?')[0];
        if (!path.startsWith(BASE)) problems.push(`${file}: ${url} misses the base ${BASE}`);
        else if (!fileForUrl(path)) problems.push(`${file}: ${url} does not exist in dist/`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('makes the 404 page link home under the base', () => {
    expect(readPage('404.html')).toContain(`href="${BASE}"`);
  });
});
