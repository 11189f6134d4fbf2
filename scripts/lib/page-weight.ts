/**
 * What a built page costs a reader: its HTML and every stylesheet and script it loads on
 * arrival, each gzipped on its own (as a static host sends them). Pure: files are read
 * through the `read` function given, so the same code measures dist/ in tests and in the
 * weight report. Scripts a module only imports dynamically (`import()`, loaded on first use)
 * are not counted; static imports are, since the browser fetches them before running it.
 */
import { gzipSync } from 'node:zlib';

/** Reads a same-site URL path (e.g. `/base/_astro/a.css`) as bytes, or undefined if missing. */
export type ReadAsset = (path: string) => Uint8Array | undefined;

export interface AssetWeight {
  /** URL path as referenced (resolved against the page), or `inline` for inline code. */
  url: string;
  bytes: number;
  gzip: number;
}

export interface PageWeight {
  html: AssetWeight;
  css: AssetWeight[];
  js: AssetWeight[];
  /** Script elements in the HTML, external and inline. */
  scriptTags: number;
  /** HTML + CSS + JS, each gzipped. */
  totalGzip: number;
  /** HTML + CSS + JS gzipped, without the scripts. */
  htmlCssGzip: number;
  /** Files fetched to show the page: the HTML, its stylesheets and scripts (not images). */
  requests: number;
  /** References that did not resolve to a file. */
  missing: string[];
}

export const gzipSize = (data: Uint8Array | string): number =>
  gzipSync(typeof data === 'string' ? Buffer.from(data) : data).length;

const attr = (tag: string, name: string): string | undefined => {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return m ? (m[1] ?? m[2] ?? m[3]).replace(/&amp;/g, '&') : undefined;
};

export interface PageReferences {
  stylesheets: string[];
  scripts: string[];
  /** Bodies of inline `<script>` elements (JSON data blocks excluded). */
  inlineScripts: string[];
  scriptTags: number;
}

/** The stylesheets and scripts an HTML page loads, in document order. */
/**
 * Largest a project's README badge (/badges/<slug>.svg) may be on disk: a README host may send
 * it uncompressed. Its shields.io endpoint file (/badges/<slug>.json) gets a quarter of that.
 */
export const BADGE_BUDGET_BYTES = 1024;
export const BADGE_ENDPOINT_BUDGET_BYTES = 256;

export function pageReferences(html: string): PageReferences {
  const stylesheets: string[] = [];
  const scripts: string[] = [];
  const inlineScripts: string[] = [];
  for (const m of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = (attr(m[0], 'rel') ?? '').toLowerCase().split(/\s+/);
    const href = attr(m[0], 'href');
    if (!href) continue;
    if (rel.includes('stylesheet')) stylesheets.push(href);
    else if (rel.includes('modulepreload')) scripts.push(href);
  }
  let scriptTags = 0;
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    scriptTags++;
    const src = attr(`<x ${m[1]}>`, 'src');
    const type = (attr(`<x ${m[1]}>`, 'type') ?? '').toLowerCase();
    if (src) scripts.push(src);
    else if (!/json|speculationrules/.test(type) && m[2].trim() !== '') inlineScripts.push(m[2]);
  }
  return { stylesheets, scripts, inlineScripts, scriptTags };
}

/** Static `import … from "x"` / `import "x"` / `export … from "x"` specifiers of an ES module. */
export function staticImports(code: string): string[] {
  const found: string[] = [];
  for (const m of code.matchAll(/(?:^|[;\s}])(?:import|export)\s*(?:[\w*${][^;'"`()]*?\bfrom\s*)?(["'])([^"'\n]+)\1/g))
    found.push(m[2]);
  return found;
}

/** Resolves a reference made by `from` (a URL path) to a same-site URL path, or undefined if off-site. */
export function resolvePath(ref: string, from: string): string | undefined {
  if (/^(?:data|blob):/i.test(ref)) return undefined;
  const url = new URL(ref, new URL(from, 'http://site.invalid'));
  return url.origin === 'http://site.invalid' ? url.pathname : undefined;
}

function weigh(url: string, bytes: Uint8Array): AssetWeight {
  return { url, bytes: bytes.length, gzip: gzipSize(bytes) };
}

/**
 * The weight of the page at URL path `pagePath` whose HTML is `html`. Off-site references
 * count as missing: the site is meant to load nothing from elsewhere.
 */
export function pageWeight(html: string, pagePath: string, read: ReadAsset): PageWeight {
  const refs = pageReferences(html);
  const missing: string[] = [];
  const load = (ref: string, from: string): { path: string; bytes: Uint8Array } | undefined => {
    const path = resolvePath(ref, from);
    const bytes = path ? read(path) : undefined;
    if (!path || !bytes) {
      missing.push(ref);
      return undefined;
    }
    return { path, bytes };
  };

  const css: AssetWeight[] = [];
  for (const ref of new Set(refs.stylesheets)) {
    const file = load(ref, pagePath);
    if (file) css.push(weigh(file.path, file.bytes));
  }

  const js: AssetWeight[] = [];
  const seen = new Set<string>();
  const queue = refs.scripts.map((ref) => ({ ref, from: pagePath }));
  while (queue.length > 0) {
    const { ref, from } = queue.shift()!;
    const path = resolvePath(ref, from);
    if (path && seen.has(path)) continue;
    const file = load(ref, from);
    if (!file) continue;
    seen.add(file.path);
    js.push(weigh(file.path, file.bytes));
    for (const next of staticImports(Buffer.from(file.bytes).toString('utf8')))
      queue.push({ ref: next, from: file.path });
  }
  for (const code of refs.inlineScripts)
    js.push({ url: 'inline', bytes: Buffer.byteLength(code), gzip: gzipSize(code) });

  const htmlWeight = weigh(pagePath, Buffer.from(html));
  const sum = (list: AssetWeight[]) => list.reduce((s, a) => s + a.gzip, 0);
  return {
    html: htmlWeight,
    css,
    js,
    scriptTags: refs.scriptTags,
    htmlCssGzip: htmlWeight.gzip + sum(css),
    totalGzip: htmlWeight.gzip + sum(css) + sum(js),
    requests: 1 + css.length + js.filter((a) => a.url !== 'inline').length,
    missing,
  };
}
