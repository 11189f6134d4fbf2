import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { crawl, cssReferences, fragmentTargets, htmlReferences, type Fetcher } from '../helpers/link-crawl.ts';
import { distReader } from '../../scripts/lib/dist-reader.ts';

const SITE = path.resolve(import.meta.dirname, '../fixtures/crawl-site');
const ROOT = 'http://127.0.0.1:9/site/';
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.svg': 'image/svg+xml',
};

/** Serves the fixture site under /site/ the way the static server serves dist/. */
function fixtureFetcher(log: string[] = []): Fetcher {
  const read = distReader(SITE, '/site/');
  return async (url) => {
    log.push(url);
    const { pathname } = new URL(url);
    const bytes = read(pathname);
    const ext = path.extname(pathname.endsWith('/') ? 'index.html' : pathname) || '.html';
    return bytes
      ? {
          status: 200,
          contentType: TYPES[ext] ?? 'application/octet-stream',
          body: Buffer.from(bytes).toString('utf8'),
        }
      : { status: 404, contentType: 'text/html', body: '' };
  };
}

describe('link extraction', () => {
  it('reads links and assets from markup, not from scripts, styles or comments', () => {
    const refs = htmlReferences(
      '<a href="/a/?x=1&amp;y=2">a</a><!-- <a href="/gone/"> --><script>var s = "<img src=/nope.png>";</script><img srcset="a.png 1x, b.png 2x" src="c.png"><link rel="preconnect" href="https://x.example">',
    );
    expect(refs).toEqual(['/a/?x=1&y=2', 'c.png', 'a.png', 'b.png']);
  });

  it('reads url() and @import from CSS, ignoring comments', () => {
    expect(
      cssReferences('/* url(x.png) */ @import "base.css"; a{background:url( \'i.svg\' )} b{background:url(j.png)}'),
    ).toEqual(['i.svg', 'j.png', 'base.css']);
  });

  it('collects ids and <a name> targets', () => {
    expect(
      [
        ...fragmentTargets(
          '<h2 id="one">1</h2><a name="two"></a><p id=\'three\'></p><script>x = "<b id=fake>"</script>',
        ),
      ].sort(),
    ).toEqual(['one', 'three', 'two']);
  });
});

describe('crawl', () => {
  it('follows every same-site link and asset once, reports what is broken, lists external links', async () => {
    const log: string[] = [];
    const report = await crawl([ROOT, `${ROOT}404.html`], fixtureFetcher(log), {
      root: ROOT,
      alias: 'https://example.org/site/',
    });

    expect(new Set(log).size).toBe(log.length);
    expect(report.visited).toEqual(
      expect.arrayContaining([
        ROOT,
        `${ROOT}docs/`,
        `${ROOT}assets/style.css`,
        `${ROOT}assets/app.js`,
        `${ROOT}assets/logo.svg`,
        `${ROOT}404.html`,
      ]),
    );
    expect(report.visited.some((u) => /inside-script|not-a-link|commented/.test(u))).toBe(false);

    const problems = report.broken
      .map((b) => `${b.url} ← ${b.from.replace(ROOT, '/site/')}: ${b.problem.replace(ROOT, '/site/')}`)
      .sort();
    expect(problems).toEqual([
      '/elsewhere/ ← /site/: outside the base path',
      '/site/docs/#nowhere ← /site/: no element with id "nowhere" in /site/docs/',
      `${ROOT}assets/gone.png ← /site/assets/style.css: HTTP 404`,
      `${ROOT}assets/logo-2x.svg ← /site/: HTTP 404`,
      `${ROOT}assets/missing-share.png ← /site/: HTTP 404`,
      `${ROOT}missing/ ← /site/: HTTP 404`,
    ]);
    expect(report.external).toEqual([{ from: ROOT, url: 'https://github.com/example/repo' }]);
  });

  it('stops at the fetch limit and says so', async () => {
    const report = await crawl(ROOT, fixtureFetcher(), { root: ROOT, maxFetches: 2 });
    expect(report.visited).toHaveLength(2);
    expect(report.broken.at(-1)?.problem).toBe('stopped after 2 fetches');
  });

  it('reports a start page that does not load', async () => {
    const report = await crawl(`${ROOT}nothing/`, fixtureFetcher(), { root: ROOT });
    expect(report.broken).toEqual([{ from: '(start)', url: `${ROOT}nothing/`, problem: 'HTTP 404' }]);
  });
});
