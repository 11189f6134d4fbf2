/**
 * Puts a line break between block elements in every built page. Astro compresses the HTML, so
 * `<p>…request.</p><ul>` and `<td>638</td><td>146,027</td>` reach the reader's copy and paste,
 * screen-reader text, Pagefind's excerpts and any other extractor as "request.Sandbox" and
 * "638146,027": what the page shows apart, the text without layout runs together. Whitespace
 * between two blocks (or around a `<br>`) is not rendered, so the pages look the same.
 *
 * Only the gaps outside elements change (before a block's start tag, after its end tag); the
 * contents of `<pre>`, `<textarea>`, `<script>` and `<style>` are never touched. Runs before
 * the search index is built (the integrations run in the order astro.config.mjs lists them).
 */
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/**
 * Elements laid out as blocks (or table parts, or lines of their own) by the browser's own
 * style sheet, and the SVG elements that hold text: their text never continues the text
 * before or after them.
 */
export const BLOCK_ELEMENTS: ReadonlySet<string> = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'br',
  'caption',
  'dd',
  'desc',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'legend',
  'li',
  'main',
  'nav',
  'ol',
  'option',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'text',
  'tfoot',
  'th',
  'thead',
  'title',
  'tr',
  'ul',
]);

const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);

/** Elements whose contents are left exactly as they are. */
const RAW = new Set(['pre', 'textarea', 'script', 'style']);

// A comment, a doctype, or a start or end tag whose attribute values may hold ">".
const TOKEN = /<!--[\s\S]*?-->|<![^>]*>|<(\/?)([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;

/**
 * The HTML with a line break before every block start tag and after every block end tag (and
 * `<br>`) that touches text or another tag directly. Idempotent.
 */
export function separateBlocks(html: string): string {
  let out = '';
  let last = 0;
  /** The raw element we are inside, whose end tag is the next thing to look for. */
  let raw: string | undefined;
  for (const m of html.matchAll(TOKEN)) {
    const [tag, slash, rawName] = m;
    const name = rawName?.toLowerCase();
    const start = m.index;
    const end = start + tag.length;
    if (raw) {
      if (slash && name === raw) raw = undefined;
      continue;
    }
    if (!name) continue;
    out += html.slice(last, start);
    const isBlock = BLOCK_ELEMENTS.has(name);
    const opening = !slash;
    const before = isBlock && opening && name !== 'br' && out.length > 0 && !isSpace(out.at(-1));
    if (before) out += '\n';
    out += tag;
    last = end;
    const after = isBlock && (!opening || name === 'br') && end < html.length && !isSpace(html[end]);
    if (after) out += '\n';
    if (opening && RAW.has(name) && !tag.endsWith('/>')) raw = name;
  }
  return out + html.slice(last);
}

export function blockSeparators(): AstroIntegration {
  return {
    name: 'cncf-rust-catalog:block-separators',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const site = fileURLToPath(dir);
        const files = (await readdir(site, { recursive: true })).filter((f) => f.endsWith('.html'));
        let changed = 0;
        for (const file of files) {
          const path = join(site, file);
          const html = await readFile(path, 'utf8');
          const separated = separateBlocks(html);
          if (separated === html) continue;
          await writeFile(path, separated);
          changed += 1;
        }
        logger.info(`block elements separated in ${changed} of ${files.length} pages`);
      },
    },
  };
}

export default blockSeparators;
