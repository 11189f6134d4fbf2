/**
 * Feed, sitemap, robots.txt, share metadata and images in dist/: every URL absolute with the
 * site and base, one feed item and one sitemap URL per entry, an existing image for every page.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { BASE, DIST, assertBuilt, distFiles, htmlFiles, readPage, SITE, fileForAbsolute } from '../helpers/dist.ts';
import { readCatalog } from '../helpers/content.ts';
import { pngSize } from '../helpers/png.ts';

const { entries } = readCatalog();
beforeAll(assertBuilt);

const read = (file: string) => readFileSync(join(DIST, file), 'utf8');
const asList = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];
const parseXml = (file: string) => {
  const text = read(file);
  expect(XMLValidator.validate(text), file).toBe(true);
  return new XMLParser({ ignoreAttributes: false }).parse(text);
};
/** The dist/ file behind an absolute URL of the built site. */
const meta = (html: string, key: string) =>
  [...html.matchAll(/<meta\s+(?:property|name)="([^"]+)"\s+content="([^"]*)"/g)]
    .filter((m) => m[1] === key)
    .map((m) => m[2].replace(/&amp;/g, '&'));

describe('RSS feed', () => {
  it('is well-formed RSS 2.0 whose channel links to the home page under the base', () => {
    const { rss } = parseXml('rss.xml');
    expect(rss['@_version']).toBe('2.0');
    expect(rss.channel.link).toBe(SITE);
    expect(rss.channel.title).toBeTruthy();
    expect(rss.channel['atom:link']).toMatchObject({
      '@_href': `${SITE}rss.xml`,
      '@_rel': 'self',
      '@_type': 'application/rss+xml',
    });
  });

  it('has one item per change to an entry, newest first, each linking to its page under the base with its own guid', () => {
    const items = asList(parseXml('rss.xml').rss.channel.item) as {
      link: string;
      pubDate: string;
      title: string;
      guid: { '#text': string; '@_isPermaLink': string };
    }[];
    const changes = entries.flatMap((e) =>
      (e.data.changes ?? [{ date: e.data.updated, summary: 'Entry reviewed' }]).map((c) => ({ slug: e.slug, ...c })),
    );
    expect(items).toHaveLength(changes.length);
    expect([...new Set(items.map((i) => i.link))].sort()).toEqual(
      entries.map((e) => `${SITE}projects/${e.slug}/`).sort(),
    );
    expect(items.map((i) => i.guid['#text']).sort()).toEqual(
      changes.map((c) => `${SITE}projects/${c.slug}/#change-${c.date}`).sort(),
    );
    for (const item of items) expect(item.guid['@_isPermaLink']).toBe('false');
    for (const c of changes)
      expect(items.find((i) => i.guid['#text'].endsWith(`/projects/${c.slug}/#change-${c.date}`))!.title).toContain(
        c.summary,
      );
    for (const item of items) expect(fileForAbsolute(item.link), item.link).toBeDefined();
    const dates = items.map((i) => Date.parse(i.pubDate));
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    for (const e of entries) {
      // The entry's newest item is dated by its updated date.
      const item = items.find((i) => i.link.endsWith(`/projects/${e.slug}/`))!;
      expect(new Date(item.pubDate).toISOString().slice(0, 10), e.slug).toBe(e.data.updated);
      expect(item.title).toContain(e.data.name);
    }
  });

  it('is announced in every page head', () => {
    for (const file of ['index.html', `projects/${entries[0].slug}/index.html`])
      expect(readPage(file)).toContain(
        `type="application/rss+xml" title="CNCF Rust Catalog: entry updates" href="${BASE}rss.xml"`,
      );
  });
});

describe('sitemap and robots.txt', () => {
  const sitemapUrls = () => {
    const index = parseXml('sitemap-index.xml');
    const maps = asList(index.sitemapindex.sitemap) as { loc: string }[];
    expect(maps.length).toBeGreaterThan(0);
    return maps.flatMap((m) => {
      expect(m.loc.startsWith(SITE), m.loc).toBe(true);
      const file = fileForAbsolute(m.loc);
      expect(file, m.loc).toBeDefined();
      return (asList(parseXml(file!).urlset.url) as { loc: string }[]).map((u) => u.loc);
    });
  };

  it('lists every project page with its full URL, base included', () => {
    const urls = sitemapUrls();
    for (const e of entries) expect(urls).toContain(`${SITE}projects/${e.slug}/`);
    expect(urls).toContain(SITE);
    expect(urls).toContain(`${SITE}charts/`);
    expect(urls).toContain(`${SITE}timeline/`);
  });

  it('lists only pages that exist, and not the 404 page', () => {
    const urls = sitemapUrls();
    for (const url of urls) expect(fileForAbsolute(url), url).toMatch(/index\.html$/);
    expect(urls.filter((u) => /404/.test(u))).toEqual([]);
  });

  it('is named by robots.txt with its full URL', () => {
    const robots = read('robots.txt');
    expect(robots).toMatch(/^User-agent: \*$/m);
    expect(robots).toContain(`Sitemap: ${SITE}sitemap-index.xml`);
  });
});

describe('share metadata', () => {
  it('gives every page OpenGraph and Twitter tags, and an og:image that is a 1200×630 PNG in dist/', () => {
    const problems: string[] = [];
    for (const file of htmlFiles().filter((f) => !f.startsWith('pagefind/'))) {
      const html = readPage(file);
      for (const key of [
        'og:title',
        'og:description',
        'og:url',
        'og:type',
        'og:image',
        'twitter:card',
        'twitter:image',
      ])
        if (meta(html, key).length !== 1) problems.push(`${file}: ${meta(html, key).length} ${key}`);
      const [image] = meta(html, 'og:image');
      const png = image && fileForAbsolute(image);
      if (!png) {
        problems.push(`${file}: og:image ${image} is not a file of the site`);
        continue;
      }
      const size = pngSize(readFileSync(join(DIST, png)));
      if (size.width !== 1200 || size.height !== 630) problems.push(`${file}: ${png} is ${size.width}×${size.height}`);
    }
    expect(problems).toEqual([]);
  });

  it('uses the canonical URL as og:url', () => {
    for (const file of ['index.html', 'charts/index.html', `projects/${entries[0].slug}/index.html`]) {
      const html = readPage(file);
      const canonical = /<link rel="canonical" href="([^"]+)"/.exec(html)![1];
      expect(meta(html, 'og:url')).toEqual([canonical]);
      expect(canonical.startsWith(SITE)).toBe(true);
    }
  });

  it("shows each project's own image on its page, and the default image elsewhere", () => {
    for (const e of entries) {
      const html = readPage(`projects/${e.slug}/index.html`);
      expect(meta(html, 'og:image'), e.slug).toEqual([`${SITE}og/${e.slug}.png`]);
      expect(meta(html, 'og:type'), e.slug).toEqual(['article']);
      expect(meta(html, 'og:image:alt')[0], e.slug).toContain(e.data.name);
    }
    expect(meta(readPage('index.html'), 'og:image')).toEqual([`${SITE}og/default.png`]);
    expect(meta(readPage('index.html'), 'twitter:card')).toEqual(['summary_large_image']);
  });

  it('renders a share image for every entry and no stray one', () => {
    const images = distFiles()
      .filter((f) => f.startsWith('og/'))
      .sort();
    expect(images).toEqual(['og/default.png', ...entries.map((e) => `og/${e.slug}.png`)].sort());
  });
});

describe('icons', () => {
  it('links a 32 px PNG favicon and a 180 px apple-touch-icon under the base', () => {
    const html = readPage('index.html');
    expect(html).toContain(`href="${BASE}favicon-32.png"`);
    expect(html).toContain(`href="${BASE}apple-touch-icon.png"`);
    expect(html).toContain(`href="${BASE}favicon.svg"`);
    expect(pngSize(readFileSync(join(DIST, 'favicon-32.png')))).toEqual({ width: 32, height: 32 });
    expect(pngSize(readFileSync(join(DIST, 'apple-touch-icon.png')))).toEqual({ width: 180, height: 180 });
  });
});
