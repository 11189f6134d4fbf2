/** Reading the built site in dist/ (built by `npm run build:test` under a base path). */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export const DIST = 'dist';
/** The base path `npm run build:test` builds with. */
export const BASE = '/cncf-rust-catalog/';
/** The site's origin and base as `npm run build:test` builds them (its SITE_URL, read from package.json). */
export const SITE = `${/SITE_URL=(\S+)/
  .exec(
    (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts['build:test'],
  )![1]
  .replace(/\/+$/, '')}${BASE}`;

export function assertBuilt(): void {
  if (!existsSync(join(DIST, 'index.html')))
    throw new Error('dist/index.html is missing: run `npm run build:test` before the site tests (npm test does).');
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [relative(DIST, full).split('\\').join('/')];
  });
}

// dist/ does not change during a test run (npm test builds it first), so it is walked once and
// each page read once per test process, however many files and tests ask.
let files: string[] | undefined;
const pages = new Map<string, string>();

/** Every file under dist/, as paths relative to it with forward slashes. */
export function distFiles(): string[] {
  files ??= walk(DIST);
  return [...files];
}

export const htmlFiles = () => distFiles().filter((f) => f.endsWith('.html'));

export function readPage(file: string): string {
  let text = pages.get(file);
  if (text === undefined) pages.set(file, (text = readFileSync(join(DIST, file), 'utf8')));
  return text;
}

/** The dist/ file a site URL path (with the base) is served from, or undefined. */
export function fileForUrl(pathname: string): string | undefined {
  if (!pathname.startsWith(BASE)) return undefined;
  const rest = decodeURIComponent(pathname.slice(BASE.length));
  const candidates =
    rest === '' || rest.endsWith('/') ? [`${rest}index.html`] : [rest, `${rest}/index.html`, `${rest}.html`];
  return candidates.find((c) => existsSync(join(DIST, c)) && statSync(join(DIST, c)).isFile());
}

/** URL-bearing attribute values of a page: href, src, srcset parts, and meta content URLs. */
export function pageUrls(html: string): string[] {
  const urls: string[] = [];
  for (const m of html.matchAll(/\s(?:href|src|action|poster)\s*=\s*"([^"]*)"/gi)) urls.push(m[1]);
  for (const m of html.matchAll(/\ssrcset\s*=\s*"([^"]*)"/gi))
    urls.push(...m[1].split(',').map((s) => s.trim().split(/\s+/)[0]));
  return urls.map((u) => u.replace(/&amp;/g, '&'));
}

/** Text of the first element matching `selector`-like attribute, e.g. data-count. */
export function dataCounts(html: string): number[] {
  return [...html.matchAll(/data-count="(\d+)"/g)].map((m) => Number(m[1]));
}

/** The file in dist/ an absolute URL of the site names; undefined for another site's URL. */
export const fileForAbsolute = (url: string): string | undefined =>
  url.startsWith(SITE) ? fileForUrl(new URL(url).pathname) : undefined;
