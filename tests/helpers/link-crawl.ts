/**
 * A link checker for the built site: from a start page, follow every same-site link and asset
 * (a, link, script, img, source, srcset, form actions, CSS url()), check that each answers 200
 * and that every `#fragment` names an element of the target page; list off-site links without
 * following them. Fetching is injected, so tests run it on a fixture site without a network.
 */

export interface Fetched {
  status: number;
  /** The media type without parameters, e.g. `text/html`. */
  contentType: string;
  body: string;
}

export type Fetcher = (url: string) => Promise<Fetched>;

export interface Broken {
  /** The page (or stylesheet) that holds the reference. */
  from: string;
  url: string;
  problem: string;
}

export interface CrawlReport {
  /** Same-site URLs fetched (without fragments), in crawl order. */
  visited: string[];
  broken: Broken[];
  /** Off-site links, each with the first page that holds it. */
  external: { from: string; url: string }[];
}

export interface CrawlOptions {
  /** URLs under this prefix are the site's own (e.g. `http://127.0.0.1:4000/base/`). */
  root: string;
  /**
   * The published site's own URL (e.g. `https://example.github.io/base/`): absolute links to it,
   * such as canonical and og:url, are checked against the local copy instead of listed as external.
   */
  alias?: string;
  /** Stop after this many fetches (a guard against endless generated URLs). */
  maxFetches?: number;
}

const decodeEntities = (s: string) =>
  s
    .replace(/&(?:amp|#38|#x26);/gi, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');

/** Drops `<script>` and `<style>` bodies and comments, which hold no links of the page's own. */
function markupOnly(html: string): string {
  return html.replace(/<!--[\s\S]*?-->/g, '').replace(/<(script|style)\b([^>]*)>[\s\S]*?<\/\1\s*>/gi, '<$1$2></$1>');
}

/** Every URL an HTML page references, as written (entities decoded). */
export function htmlReferences(html: string): string[] {
  const markup = markupOnly(html);
  const urls: string[] = [];
  for (const tag of markup.matchAll(/<([a-z][a-z0-9-]*)\b([^>]*)>/gi)) {
    const name = tag[1].toLowerCase();
    const attrs = tag[2];
    const get = (attr: string) => {
      const m = new RegExp(`\\s${attr}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(attrs);
      return m ? decodeEntities(m[1] ?? m[2] ?? m[3]) : undefined;
    };
    for (const attr of ['href', 'src', 'action', 'poster', 'data']) {
      const value = get(attr);
      if (value === undefined || (attr === 'data' && name !== 'object')) continue;
      // <link rel="preconnect|dns-prefetch"> names an origin, not a resource.
      if (name === 'link' && /\b(?:preconnect|dns-prefetch)\b/i.test(get('rel') ?? '')) continue;
      urls.push(value.trim());
    }
    for (const attr of ['srcset', 'imagesrcset']) {
      const value = get(attr);
      if (value)
        urls.push(
          ...value
            .split(',')
            .map((s) => s.trim().split(/\s+/)[0])
            .filter(Boolean),
        );
    }
    // Share metadata: og:image, og:url, twitter:image hold absolute URLs of the site.
    if (name === 'meta' && /^(?:og:(?:image|url)|twitter:image)$/i.test(get('property') ?? get('name') ?? '')) {
      const content = get('content');
      if (content) urls.push(content.trim());
    }
  }
  return urls;
}

/** URLs in a stylesheet's `url()` and `@import`. */
export function cssReferences(css: string): string[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const urls = [...text.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)/gi)].map((m) => m[1] ?? m[2] ?? m[3]);
  urls.push(...[...text.matchAll(/@import\s+(?:"([^"]*)"|'([^']*)')/gi)].map((m) => m[1] ?? m[2]));
  return urls.filter((u) => u !== '');
}

/** The fragment targets of a page: element ids and `<a name>`. */
export function fragmentTargets(html: string): Set<string> {
  const markup = markupOnly(html);
  const ids = new Set<string>();
  for (const m of markup.matchAll(/<[a-z][a-z0-9-]*\b[^>]*?\sid\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi))
    ids.add(decodeEntities(m[1] ?? m[2] ?? m[3]));
  for (const m of markup.matchAll(/<a\b[^>]*?\sname\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi))
    ids.add(decodeEntities(m[1] ?? m[2] ?? m[3]));
  return ids;
}

function fragmentOf(url: URL): string | undefined {
  if (url.hash === '' || url.hash === '#') return undefined;
  try {
    return decodeURIComponent(url.hash.slice(1));
  } catch {
    return url.hash.slice(1);
  }
}

/** Crawls from `starts` (full URLs under `options.root`). */
export async function crawl(starts: string | string[], fetcher: Fetcher, options: CrawlOptions): Promise<CrawlReport> {
  const { root, alias, maxFetches = 5_000 } = options;
  const visited: string[] = [];
  const broken: Broken[] = [];
  const external = new Map<string, string>();
  const pages = new Map<string, Fetched>();
  /** Fragments to check once every page is fetched: [from, url without fragment, id]. */
  const fragments: [string, string, string, string][] = [];
  const startList = typeof starts === 'string' ? [starts] : starts;
  const queue: [string, string][] = startList.map((url) => [url, '(start)']);
  const queued = new Set<string>(startList);

  const toLocal = (url: URL): URL | undefined => {
    if (url.href.startsWith(root)) return url;
    if (alias && url.href.startsWith(alias)) return new URL(root + url.href.slice(alias.length));
    return undefined;
  };

  const consider = (ref: string, from: string) => {
    if (ref === '' || /^(?:javascript|data|blob|mailto|tel):/i.test(ref)) return;
    let url: URL;
    try {
      url = new URL(ref, from);
    } catch {
      broken.push({ from, url: ref, problem: 'not a valid URL' });
      return;
    }
    const local = toLocal(url);
    if (!local) {
      if (/^https?:$/.test(url.protocol) && url.origin === new URL(root).origin)
        broken.push({ from, url: ref, problem: 'outside the base path' });
      else if (!external.has(url.href)) external.set(url.href, from);
      return;
    }
    const target = new URL(local.href);
    target.hash = '';
    const id = fragmentOf(local);
    if (id !== undefined) fragments.push([from, target.href, id, ref]);
    if (!queued.has(target.href)) {
      queued.add(target.href);
      queue.push([target.href, from]);
    }
  };

  while (queue.length > 0) {
    if (visited.length >= maxFetches) {
      broken.push({ from: '(crawler)', url: queue[0][0], problem: `stopped after ${maxFetches} fetches` });
      break;
    }
    const [url, from] = queue.shift()!;
    visited.push(url);
    let response: Fetched;
    try {
      response = await fetcher(url);
    } catch (error) {
      broken.push({ from, url, problem: `fetch failed: ${(error as Error).message}` });
      continue;
    }
    if (response.status !== 200) {
      broken.push({ from, url, problem: `HTTP ${response.status}` });
      continue;
    }
    if (response.contentType === 'text/html') {
      pages.set(url, response);
      for (const ref of htmlReferences(response.body)) consider(ref, url);
    } else if (response.contentType === 'text/css') {
      for (const ref of cssReferences(response.body)) consider(ref, url);
    }
  }

  const targetsOf = new Map<string, Set<string>>();
  for (const [from, url, id, ref] of fragments) {
    const page = pages.get(url);
    if (!page) continue; // already reported as broken, or not HTML
    if (!targetsOf.has(url)) targetsOf.set(url, fragmentTargets(page.body));
    // `#top` scrolls to the top of any HTML page (HTML, "scroll to the fragment").
    if (id.toLowerCase() === 'top' || targetsOf.get(url)!.has(id)) continue;
    const problem = `no element with id "${id}" in ${url}`;
    if (!broken.some((b) => b.from === from && b.url === ref && b.problem === problem))
      broken.push({ from, url: ref, problem });
  }

  return {
    visited,
    broken,
    external: [...external].map(([url, from]) => ({ from, url })).sort((a, b) => a.url.localeCompare(b.url)),
  };
}
