/**
 * Performance and quality budgets on the built site. The numbers are promises:
 * a page that grows past one fails here with the figures to act on, not with a warning.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BASE, DIST, assertBuilt, htmlFiles, readPage } from '../helpers/dist.ts';
import { readCatalog } from '../helpers/content.ts';
import {
  BADGE_BUDGET_BYTES,
  BADGE_ENDPOINT_BUDGET_BYTES,
  gzipSize,
  pageReferences,
  pageWeight,
  type PageWeight,
} from '../../scripts/lib/page-weight.ts';
import { distReader } from '../../scripts/lib/dist-reader.ts';
import { CONTENT_SECURITY_POLICY } from '../../src/data/site/csp.ts';
import { LOGO_BUDGET_BYTES } from '../../scripts/lib/logo.ts';

const KB = 1024;
/** HTML + CSS, gzipped, of the home page. */
const PAGE_BUDGET = 14 * KB;
/**
 * HTML + CSS, gzipped, of a project page: the home page's budget for the page itself, plus room
 * for its evidence, which grows with the claims it makes: a numbered mark on every sentence and
 * a References entry with the quoted words for each citation (Linkerd's 51 citations and 15
 * advisory rows weigh 25.0 KB in all, Paralus's 9 and none 10.6 KB).
 */
const PER_CITATION = 300;
const projectPageBudget = (citations: number) => PAGE_BUDGET + citations * PER_CITATION;
/** HTML + CSS + JS, gzipped, of the projects table. */
const TABLE_BUDGET = 30 * KB;
/** HTML + CSS, gzipped, of /crates/: a listing (every crate page is linked from it), like the table. */
const CRATES_INDEX_BUDGET = 24 * KB;
/** The scripts every page loads (search loader, theme), gzipped together. */
const SITE_SCRIPT_BUDGET = 2 * KB;

const { entries } = readCatalog();
const read = distReader(DIST, BASE);
const urlOf = (file: string) => BASE + file.replace(/index\.html$/, '');
const weightOf = (file: string): PageWeight => pageWeight(readPage(file), urlOf(file), read);
const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;

beforeAll(assertBuilt);

/** The pages that must work without JavaScript of their own. */
function scriptFreePages(): string[] {
  const all = htmlFiles();
  return [
    'index.html',
    ...entries.map((e) => `projects/${e.slug}/index.html`),
    ...all.filter((f) => /^(?:maturity|categories|rust-usage|timeline|crates)\/(?:[^/]+\/)?index\.html$/.test(f)),
  ];
}

/** Script URLs that every page loads: the site-wide loader(s), allowed on every page. */
function siteWideScripts(): string[] {
  const lists = htmlFiles().map((f) => new Set(pageReferences(readPage(f)).scripts));
  return [...lists[0]].filter((src) => lists.every((list) => list.has(src)));
}

describe('JavaScript', () => {
  it('loads on every page only the theme switch and the search loader of the layout', () => {
    const scripts = siteWideScripts();
    expect(scripts).toHaveLength(2);
    expect(scripts).toContain(`${BASE}theme.js`);
    expect(
      scripts.filter((src) => /\/_astro\/Base\.astro_astro_type_script_index_0_lang\.[\w-]+\.js$/.test(src)),
    ).toHaveLength(1);
  });

  it('ships no script of its own on project, maturity, category, Rust usage, timeline and home pages', () => {
    const pages = scriptFreePages();
    expect(pages.length).toBeGreaterThan(entries.length + 3);
    for (const page of ['timeline/index.html', 'rust-usage/index.html', 'maturity/index.html', 'categories/index.html'])
      expect(pages).toContain(page);
    const allowed = new Set(siteWideScripts());
    const offenders = pages.flatMap((file) => {
      const refs = pageReferences(readPage(file));
      const extra = [
        ...refs.scripts.filter((s) => !allowed.has(s)),
        ...refs.inlineScripts.map(() => '(inline script)'),
      ];
      return extra.length > 0 ? [`${file}: ${extra.join(', ')}`] : [];
    });
    expect(offenders).toEqual([]);
  });

  it('keeps the scripts on those pages under 2 KB gzipped, loading the search itself on first use', () => {
    const over = scriptFreePages().flatMap((file) => {
      // Everything the page runs on arrival, static imports included.
      const js = weightOf(file).js;
      const total = js.reduce((s, a) => s + a.gzip, 0);
      const problems: string[] = [];
      if (total > SITE_SCRIPT_BUDGET)
        problems.push(`${file}: ${total} B of script (${js.map((a) => `${a.url} ${a.gzip} B`).join(', ')})`);
      // Pagefind and the results UI are fetched only when a reader starts to search.
      const eager = js.filter((a) => /pagefind|search-ui/i.test(a.url));
      if (eager.length > 0) problems.push(`${file}: loads ${eager.map((a) => a.url).join(', ')} up front`);
      return problems;
    });
    expect(over).toEqual([]);
  });
});

describe('page weight', () => {
  it('fits every project page, HTML plus CSS, in 14 KB gzipped plus 300 B for each citation', () => {
    const over = entries
      .map((e) => [e.slug, weightOf(`projects/${e.slug}/index.html`), (e.data.citations ?? []).length] as const)
      .filter(([, w, cited]) => w.htmlCssGzip > projectPageBudget(cited) || w.missing.length > 0)
      .map(
        ([slug, w, cited]) =>
          `${slug}: ${kb(w.htmlCssGzip)} of ${kb(projectPageBudget(cited))} (HTML ${kb(w.html.gzip)}, CSS ${kb(w.htmlCssGzip - w.html.gzip)})${w.missing.length ? `, missing ${w.missing.join(' ')}` : ''}`,
      );
    expect(over).toEqual([]);
  });

  it('fits every crate page in 14 KB and /crates/ in 24 KB, HTML plus CSS gzipped', () => {
    const pages = htmlFiles().filter((f) => /^crates\/[^/]+\/index\.html$/.test(f));
    expect(pages.length).toBeGreaterThan(0);
    const over = pages
      .map((file) => [file, weightOf(file)] as const)
      .filter(([, w]) => w.htmlCssGzip > PAGE_BUDGET || w.missing.length > 0)
      .map(([file, w]) => `${file}: ${kb(w.htmlCssGzip)}`);
    expect(over).toEqual([]);
    const index = weightOf('crates/index.html');
    expect(index.missing).toEqual([]);
    expect(
      index.htmlCssGzip,
      `crates: HTML ${kb(index.html.gzip)}, CSS ${kb(index.htmlCssGzip - index.html.gzip)}`,
    ).toBeLessThanOrEqual(CRATES_INDEX_BUDGET);
  });

  it('fits the home page, HTML plus CSS, in 14 KB gzipped', () => {
    const w = weightOf('index.html');
    expect(w.missing).toEqual([]);
    expect(w.htmlCssGzip, `home: HTML ${kb(w.html.gzip)}, CSS ${kb(w.htmlCssGzip - w.html.gzip)}`).toBeLessThanOrEqual(
      PAGE_BUDGET,
    );
  });

  it('fits the projects table with its scripts in 30 KB gzipped', () => {
    const w = weightOf('projects/index.html');
    expect(w.missing).toEqual([]);
    expect(w.totalGzip, [w.html, ...w.css, ...w.js].map((a) => `${a.url} ${a.gzip} B`).join(', ')).toBeLessThanOrEqual(
      TABLE_BUDGET,
    );
  });
});

describe('images', () => {
  it('keeps every logo under 10 KB as sent (gzipped, as GitHub Pages serves SVG)', () => {
    const dir = join(DIST, 'logos');
    const over = readdirSync(dir)
      .map((f) => [f, gzipSize(readFileSync(join(dir, f))), statSync(join(dir, f)).size] as const)
      .filter(([, sent]) => sent > LOGO_BUDGET_BYTES)
      .map(([f, sent, raw]) => `${f}: ${kb(sent)} sent (${kb(raw)} on disk)`);
    expect(over).toEqual([]);
  });

  it('keeps every project badge under 1 KB and its shields.io endpoint file under 256 B, uncompressed', () => {
    const sizes = entries.map((e) => ({
      slug: e.slug,
      svg: statSync(join(DIST, 'badges', `${e.slug}.svg`)).size,
      endpoint: statSync(join(DIST, 'badges', `${e.slug}.json`)).size,
    }));
    expect(sizes.filter((s) => s.svg > BADGE_BUDGET_BYTES || s.endpoint > BADGE_ENDPOINT_BUDGET_BYTES)).toEqual([]);
  });

  it('gives every <img> a width and a height', () => {
    const missing = htmlFiles().flatMap((file) =>
      [...readPage(file).matchAll(/<img\b[^>]*>/gi)]
        .filter((m) => !/\swidth="\d+"/.test(m[0]) || !/\sheight="\d+"/.test(m[0]))
        .map((m) => `${file}: ${m[0]}`),
    );
    expect(
      htmlFiles().some((f) => /<img\b/.test(readPage(f))),
      'the site has images',
    ).toBe(true);
    expect(missing).toEqual([]);
  });
});

describe('Content-Security-Policy', () => {
  it('is the first thing in every page head after the charset, before any script, style or link', () => {
    const expected = `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY.replace(/'/g, '&#39;')}">`;
    const wrong = htmlFiles().filter((file) => {
      const head = /<head>([\s\S]*?)<\/head>/i.exec(readPage(file))?.[1] ?? '';
      const meta = head.replace(/&#39;|&#x27;/g, "'").indexOf(expected.replace(/&#39;/g, "'"));
      const firstLoad = head.search(/<(?:script|style|link)\b/i);
      return !/^<meta charset="utf-8">/i.test(head) || meta < 0 || (firstLoad >= 0 && firstLoad < meta);
    });
    expect(wrong).toEqual([]);
  });

  it('needs no inline script, inline style or style attribute anywhere', () => {
    const inline = htmlFiles().flatMap((file) => {
      const html = readPage(file);
      const found = [
        ...pageReferences(html).inlineScripts.map(() => 'inline <script>'),
        ...[...html.matchAll(/<style\b/gi)].map(() => '<style>'),
        ...[...html.matchAll(/<[a-z][^>]*\sstyle\s*=/gi)].map((m) => `style attribute: ${m[0].slice(0, 60)}`),
        ...[...html.matchAll(/<[a-z][^>]*\son[a-z]+\s*=/gi)].map(
          (m) => `event handler attribute: ${m[0].slice(0, 60)}`,
        ),
      ];
      return found.map((f) => `${file}: ${f}`);
    });
    expect(inline).toEqual([]);
  });
});
