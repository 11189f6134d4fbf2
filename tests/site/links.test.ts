/**
 * No broken link: dist/ served under the base on 127.0.0.1 (the browser tests' static server),
 * crawled from the home page and the 404 page. Every same-site link, asset and #fragment must
 * resolve without a redirect; off-site links are listed in test-results/external-links.txt and
 * not followed (the network is not part of the build's contract).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, assertBuilt, htmlFiles } from '../helpers/dist.ts';
import { startStaticServer, type StaticServer } from '../../scripts/lib/static-server.ts';
import { crawl, type CrawlReport, type Fetcher } from '../helpers/link-crawl.ts';

/** The production URL `npm run build:test` writes into canonical and share links. */
const PUBLISHED = `https://example.github.io${BASE}`;

let server: StaticServer;
let report: CrawlReport;

/** Fetches without following redirects: a link that only works through one is reported. */
const fetcher: Fetcher = async (url) => {
  const response = await fetch(url, { redirect: 'manual' });
  const contentType = (response.headers.get('content-type') ?? '').split(';')[0].trim();
  const body = /^text\/(?:html|css)$/.test(contentType) ? await response.text() : (await response.arrayBuffer(), '');
  const status = response.status;
  return {
    status,
    contentType,
    body: status >= 300 && status < 400 ? `redirect to ${response.headers.get('location')}` : body,
  };
};

beforeAll(async () => {
  assertBuilt();
  server = await startStaticServer();
  report = await crawl([server.root, server.url('/404.html')], fetcher, { root: server.root, alias: PUBLISHED });
  mkdirSync('test-results', { recursive: true });
  writeFileSync(
    'test-results/external-links.txt',
    report.external.map((e) => `${e.url}\t(first on ${e.from.replace(server.origin, '')})`).join('\n') + '\n',
  );
}, 240_000);

afterAll(async () => {
  await server?.close();
});

describe('links', () => {
  it('reaches every page of the site from the home page', () => {
    const reached = new Set(report.visited.map((u) => new URL(u).pathname));
    const pages = htmlFiles().map((f) => BASE + f.replace(/index\.html$/, ''));
    expect(pages.filter((p) => !reached.has(p))).toEqual([]);
  });

  it('finds no broken internal link, asset or fragment', () => {
    const problems = report.broken.map(
      (b) =>
        `${b.url.replace(server.origin, '')} (on ${b.from.replace(server.origin, '')}): ${b.problem.replaceAll(server.origin, '')}`,
    );
    expect(problems).toEqual([]);
  });

  it('lists the external links without following them, all over https', () => {
    expect(report.external.length).toBeGreaterThan(0);
    expect(report.external.filter((e) => !e.url.startsWith('https://'))).toEqual([]);
  });
});
