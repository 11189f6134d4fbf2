/**
 * Finding words that run together in the text a page gives without layout (what copy and
 * paste, screen readers' text, search excerpts and other extractors read): "request.Sandbox",
 * "SandboxPure RustEdge", "2026.Crates", "49projects". A token is a suspect when a sentence
 * end touches a capital, a lower-case word runs into a capitalised one, or a number runs into
 * a word; it is a join unless the catalog's own sources spell it that way (TiKV, WasmEdge,
 * README.md, x86_64), so the check needs no list kept by hand.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** The text content of the page's body: every text node in order, tags and comments gone, entities decoded. */
export function textWithoutLayout(html: string): string {
  const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html;
  return body
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|template)\b[\s\S]*?<\/\1>/gi, '')
    .replace(/<(?:[^>"']|"[^"]*"|'[^']*')*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === '#')
        return String.fromCodePoint(
          name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1)),
        );
      return ENTITIES[name.toLowerCase()] ?? whole;
    });
}

const SUSPECT = [
  /[\p{Ll}\d][.!?:;)\]][\p{Lu}]/u, // "request.Sandbox", "method.Repository", "2026.Crates"
  /\p{Ll}{2,}\p{Lu}\p{Ll}/u, // "SandboxPure", "pointCommit"
  /\d\p{L}{3,}/u, // "49projects"
  /\p{L}{3,}\d{2,}/u, // "repositories638"
];

/**
 * Strips what surrounds a word in a sentence: quotes, brackets, trailing punctuation, and a
 * citation mark that ends it ("TypeScript.[10]": the mark is a superscript link of its own).
 */
const bare = (token: string) =>
  token
    .replace(/^[("“‘'`[\]]+/, '')
    .replace(/(?:\[\d+\])+[.,;:]?$/, '')
    .replace(/[)"”’'`\].,;:!?]+$/, '')
    .replace(/['’]s$/, '');

/** Tokens that are not words: addresses, paths, hashes. */
const NOT_A_WORD = /:\/\/|^www\.|^[0-9a-f]{7,40}$|@/;

/** Every whitespace-separated token of the files under the given folders (the catalog's own spellings). */
export function vocabulary(dirs: readonly string[]): Set<string> {
  const words = new Set<string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(mdx?|ya?ml|json|ts|astro|css|svg)$/.test(name))
        for (const token of readFileSync(path, 'utf8').split(/[\s<>{}`=]+/)) {
          words.add(bare(token));
          // A word inside quotes, code or markup of the source, e.g. 'kube-rs' or `README.md`, and
          // a file a permalink names (".../blob/<commit>/CMakeLists.txt#L9").
          for (const part of token.split(/["'(),[\]/#]+/)) {
            words.add(bare(part));
            // and each piece of a hyphenated file name ("03.Advanced-Cookbook").
            for (const piece of part.split('-')) words.add(bare(piece));
          }
        }
    }
  };
  for (const dir of dirs) walk(dir);
  words.delete('');
  return words;
}

/** A join found: the token, and a little of the text around it. */
export interface Join {
  token: string;
  context: string;
}

/** The joins in a text. */
export function findJoins(text: string, known: ReadonlySet<string>): Join[] {
  const found: Join[] = [];
  for (const m of text.matchAll(/\S+/g)) {
    const token = m[0];
    const word = bare(token);
    if (NOT_A_WORD.test(word) || !SUSPECT.some((re) => re.test(token))) continue;
    if (known.has(word) || known.has(token)) continue;
    // A token made of known words joined by a path or list separator ("tokio/rustls", "Go/C++"),
    // or by the punctuation of code a citation quotes ("client.get::<DataFrame>(object_id)?;").
    if (
      word
        .split(/[/–—-]|::|[<>{}();?]/)
        .every((part) => known.has(bare(part)) || !SUSPECT.some((re) => re.test(bare(part))))
    )
      continue;
    const context = text.slice(Math.max(0, m.index - 30), m.index + token.length + 30).replace(/\s+/g, ' ');
    found.push({ token, context });
  }
  return found;
}
