/**
 * What the catalog offers for reuse, in dist/: a badge per project (SVG and shields.io endpoint)
 * saying what its page says, one JSON file per project equal to its object in projects.json,
 * JSON-LD that a JSON-LD processor reads back, the Data Package checked against the CSV files
 * it describes, and the JSON Feed beside the RSS feed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { BASE, DIST, assertBuilt, htmlFiles, readPage, SITE, fileForAbsolute } from '../helpers/dist.ts';
import { readCatalog } from '../helpers/content.ts';
import { SCHEMA, expand, jsonLdBlocks, values } from '../helpers/json-ld.ts';
import { tableProblems } from '../helpers/table-schema.ts';
import { parseCsv } from '../helpers/csv.ts';
import type { ProjectsExport } from '../../src/data/exports/exports.ts';
import type { CratesExport } from '../../src/data/exports/crates-export.ts';
import type { ProjectFile, ProjectsIndex } from '../../src/data/exports/project-api.ts';
import type { DataPackage } from '../../src/data/exports/datapackage.ts';
import type { JsonFeed } from '../../src/data/exports/feed.ts';
import { DATA_LICENSE } from '../../src/data/exports/downloads.ts';
import { CONTENT_SECURITY_POLICY } from '../../src/data/site/csp.ts';
import { parsePolicy, scriptSources } from '../helpers/csp.ts';

const { entries } = readCatalog();
beforeAll(assertBuilt);

const read = (file: string) => readFileSync(join(DIST, file), 'utf8');
const json = <T>(file: string) => JSON.parse(read(file)) as T;
const stripTags = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
const decode = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
/** The dist/ file behind an absolute URL of the built site. */
/** projects.json as the site writes it: the export, with `crates` and `safety` beside it. */
const projectsJson = () => json<ProjectsExport & { crates: CratesExport }>('data/projects.json');

/** The figures of a project page's stat strip: code lines and the share cell, as the reader sees them. */
function stripFigures(slug: string): { lines?: string; share?: string; none: boolean } {
  const strip = /<dl class="stat-strip"[\s\S]*?<\/dl>/.exec(readPage(`projects/${slug}/index.html`))![0];
  const cell = (term: string) =>
    new RegExp(`<dt>(?:<a[^>]*>)?${term}(?:</a>)?</dt>\\s*<dd>([\\s\\S]*?)</dd>`).exec(strip)?.[1];
  const lines = cell('Rust code lines');
  const share = cell('Rust share');
  return { lines: lines && stripTags(lines), share: share && stripTags(share), none: /none found/.test(strip) };
}

describe('badges', () => {
  it('give every project an SVG badge of a few hundred bytes that says what its page says', () => {
    for (const e of entries) {
      const svg = read(`badges/${e.slug}.svg`);
      expect(XMLValidator.validate(svg), e.slug).toBe(true);
      expect(Buffer.byteLength(svg), e.slug).toBeLessThan(1024);
      const doc = new XMLParser({ ignoreAttributes: false }).parse(svg).svg;
      const [label, message] = doc.g.text.map((t: { '#text': string }) => String(t['#text']));
      expect(label).toBe('Rust');
      const page = stripFigures(e.slug);
      if (page.none) expect(message, e.slug).toBe('none found');
      else if (/^\d+(\.\d)?%$/.test(page.share!))
        expect(message, e.slug).toBe(`${page.lines} code lines · ${page.share}`);
      else {
        // "not given" or "—": the badge gives no share either.
        expect(message, e.slug).toBe(`${page.lines} code ${page.lines === '1' ? 'line' : 'lines'}`);
        expect(message).not.toContain('%');
      }
      expect(String(doc.title), e.slug).toContain(message);
      expect(String(doc.title), e.slug).toContain(e.data.name);
    }
  });

  it('give every project a shields.io endpoint file with the same words', () => {
    for (const e of entries) {
      const endpoint = json<Record<string, unknown>>(`badges/${e.slug}.json`);
      expect(Object.keys(endpoint).sort()).toEqual(['color', 'label', 'labelColor', 'message', 'schemaVersion']);
      expect(endpoint.schemaVersion).toBe(1);
      expect(endpoint.label).toBe('Rust');
      expect(read(`badges/${e.slug}.svg`)).toContain(`>${endpoint.message}</text>`);
      expect(endpoint.color).toMatch(/^#[0-9a-f]{6}$/);
    }
  });

  it('are offered on every project page as Markdown and HTML linking the page, with absolute URLs under the base', () => {
    for (const e of entries) {
      const html = readPage(`projects/${e.slug}/index.html`);
      const box = /<section aria-labelledby="badge"[\s\S]*?<\/section>/.exec(html)?.[0];
      expect(box, e.slug).toBeDefined();
      expect(box).toContain(`<img src="${BASE}badges/${e.slug}.svg"`);
      const snippets = [...box!.matchAll(/<pre><code>([\s\S]*?)<\/code><\/pre>/g)].map((m) => decode(m[1]));
      expect(snippets, e.slug).toHaveLength(2);
      const [markdown, snippet] = snippets;
      expect(markdown).toMatch(
        new RegExp(`^\\[!\\[.+\\]\\(${SITE}badges/${e.slug}\\.svg\\)\\]\\(${SITE}projects/${e.slug}/\\)$`),
      );
      expect(snippet).toMatch(
        new RegExp(
          `^<a href="${SITE}projects/${e.slug}/"><img src="${SITE}badges/${e.slug}\\.svg" alt="[^"]+" width="\\d+" height="20"></a>$`,
        ),
      );
      const width = /width="(\d+)"/.exec(snippet)![1];
      expect(read(`badges/${e.slug}.svg`)).toContain(`width="${width}" height="20"`);
      expect(box).toContain(`href="${BASE}badges/${e.slug}.json"`);
    }
  });
});

describe('per-project files', () => {
  it('hold for every entry its object of projects.json unchanged, plus its history and its crates', () => {
    const doc = projectsJson();
    const histories = json<{ id: string }[]>('data/history.json');
    for (const e of entries) {
      const file = json<ProjectFile>(`data/projects/${e.slug}.json`);
      const { history, crates, ...rest } = file;
      expect(rest, e.slug).toEqual(doc.projects.find((p) => p.slug === e.slug));
      expect(history, e.slug).toEqual(histories.find((h) => h.id === e.slug) ?? null);
      expect(crates.repositories, e.slug).toEqual(doc.crates.repositories.filter((r) => r.project === e.slug));
      expect(crates.uses.map((u) => u.name).sort(), e.slug).toEqual(
        doc.crates.shared
          .filter((s) => s.usedBy.some((u) => u.project === e.slug))
          .map((s) => s.name)
          .sort(),
      );
    }
  });

  it('are listed in projects/index.json with their headline figures and a URL that is the file', () => {
    const index = json<ProjectsIndex>('data/projects/index.json');
    const doc = projectsJson();
    expect(index.version).toBe(doc.version);
    expect(index.site).toBe(SITE);
    expect(index.projects.map((p) => p.slug)).toEqual(doc.projects.map((p) => p.slug));
    for (const row of index.projects) {
      const p = doc.projects.find((x) => x.slug === row.slug)!;
      expect(row).toEqual({
        slug: p.slug,
        name: p.name,
        url: p.url,
        maturity: p.maturity,
        rustUsage: p.rustUsage,
        codeLines: p.totals.codeLines,
        rustShare: p.rustShare,
        file: `${SITE}data/projects/${p.slug}.json`,
      });
      expect(fileForAbsolute(row.file), row.file).toBe(`data/projects/${p.slug}.json`);
    }
  });
});

describe('structured data', () => {
  it('describes every project page as a SoftwareSourceCode with the fields of its projects.json object', async () => {
    const doc = projectsJson();
    for (const e of entries) {
      const blocks = jsonLdBlocks(readPage(`projects/${e.slug}/index.html`));
      expect(blocks, e.slug).toHaveLength(1);
      const [node] = await expand(JSON.parse(blocks[0]));
      const p = doc.projects.find((x) => x.slug === e.slug)!;
      expect(node['@type']).toEqual([`${SCHEMA}SoftwareSourceCode`]);
      expect(values(node, 'name')).toEqual([p.name]);
      expect(values(node, 'description')).toEqual([p.summary]);
      expect(values(node, 'url')).toEqual([p.url]);
      expect(values(node, 'codeRepository')).toEqual([p.repository]);
      const languages = values(node, 'programmingLanguage');
      if (p.countsAsRust) expect(languages[0], e.slug).toBe('Rust');
      else expect(languages, e.slug).not.toContain('Rust');
    }
  });

  it('describes /data/ as a Dataset whose distribution is every file, each one that exists', async () => {
    const blocks = jsonLdBlocks(readPage('data/index.html'));
    expect(blocks).toHaveLength(1);
    const [node] = await expand(JSON.parse(blocks[0]));
    expect(node['@type']).toEqual([`${SCHEMA}Dataset`]);
    expect(values(node, 'license')).toEqual([DATA_LICENSE.url]);
    expect(values(node, 'dateModified')).toEqual([projectsJson().asOf.entriesUpdated]);
    expect(values((node[`${SCHEMA}creator`] as never[])[0], 'name')).toHaveLength(1);
    const urls = (node[`${SCHEMA}distribution`] as never[]).map((d) => values(d, 'contentUrl')[0] as string);
    for (const url of urls) expect(fileForAbsolute(url), url).toBeDefined();
    // Every data file the page links is in the distribution.
    const linked = [...readPage('data/index.html').matchAll(/href="([^"]+\.(?:json|csv|xml))"/g)]
      .map((m) => m[1])
      .filter((href) => href.startsWith(BASE) && !href.includes('/data/projects/') && !href.includes('/badges/'));
    expect(linked.length).toBeGreaterThanOrEqual(8);
    for (const href of linked) expect(urls, href).toContain(new URL(href, SITE).href);
  });

  it('keeps the Content-Security-Policy: JSON-LD is data (no script-src exception), escaped so no "<" reaches the page', () => {
    const policy = parsePolicy(CONTENT_SECURITY_POLICY);
    expect(scriptSources(policy)).not.toContain("'unsafe-inline'");
    expect(scriptSources(policy).some((s) => s.startsWith("'sha") || s.startsWith("'nonce"))).toBe(false);
    const pages = htmlFiles().filter((f) => readPage(f).includes('application/ld+json'));
    expect(pages.length).toBe(entries.length + 1);
    for (const page of pages) {
      const html = readPage(page);
      const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];
      expect(decode((meta ?? '').replace(/&#x27;/g, "'")), page).toBe(CONTENT_SECURITY_POLICY);
      for (const block of jsonLdBlocks(html)) expect(block, page).not.toMatch(/[<>]/);
    }
  });
});

describe('datapackage.json', () => {
  const pkg = () => json<DataPackage>('data/datapackage.json');

  it('describes each CSV file with a Table Schema its rows satisfy: header order, types, required cells, unique primary keys', () => {
    const resources = pkg().resources;
    expect(resources.map((r) => r.path).sort()).toEqual([
      'advisories.csv',
      'crates.csv',
      'projects.csv',
      'repositories.csv',
    ]);
    for (const r of resources) {
      const { problems, rows } = tableProblems(r.schema, read(`data/${r.path}`));
      expect(problems.slice(0, 10), r.path).toEqual([]);
      expect(rows.length, r.path).toBeGreaterThan(0);
    }
  });

  it('has foreign keys that resolve: every row refers to a project of projects.csv', () => {
    const resources = pkg().resources;
    const slugs = new Set(
      parseCsv(read('data/projects.csv'))
        .slice(1)
        .map((r) => r[0]),
    );
    for (const r of resources)
      for (const fk of r.schema.foreignKeys ?? []) {
        expect(fk.reference).toEqual({ resource: 'projects', fields: ['slug'] });
        const [header, ...rows] = parseCsv(read(`data/${r.path}`));
        const column = header.indexOf(fk.fields[0]);
        expect(
          rows.filter((row) => !slugs.has(row[column])).map((row) => row[column]),
          r.path,
        ).toEqual([]);
      }
  });

  it('carries the package metadata: profile, name, licence, the /data/ page as home', () => {
    const p = pkg();
    expect(p.profile).toBe('tabular-data-package');
    expect(p.homepage).toBe(`${SITE}data/`);
    expect(p.licenses[0].name).toBe(DATA_LICENSE.spdx);
    expect(Number.isNaN(Date.parse(p.created))).toBe(false);
  });
});

describe('JSON Feed', () => {
  it('is JSON Feed 1.1 with the RSS items, linked from the head of every page under the base', () => {
    const feed = json<JsonFeed>('feed.json');
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.feed_url).toBe(`${SITE}feed.json`);
    expect(feed.home_page_url).toBe(SITE);
    const rss = new XMLParser().parse(read('rss.xml')).rss.channel.item as {
      link: string;
      title: string;
      guid: string;
    }[];
    expect(feed.items.map((i) => [i.id, i.url, i.title])).toEqual(rss.map((i) => [i.guid, i.link, i.title]));
    for (const item of feed.items) {
      expect(fileForAbsolute(item.url), item.url).toBeDefined();
      expect(Number.isNaN(Date.parse(item.date_published))).toBe(false);
    }
    for (const page of htmlFiles()) {
      const head = readPage(page).split('</head>')[0];
      expect(head, page).toMatch(
        new RegExp(`<link rel="alternate" type="application/feed\\+json" title="[^"]+" href="${BASE}feed\\.json">`),
      );
    }
  });

  it('exists beside the files the catalog keeps', () => {
    for (const file of ['feed.json', 'rss.xml', 'data/datapackage.json', 'data/projects/index.json'])
      expect(existsSync(join(DIST, file)), file).toBe(true);
  });
});
