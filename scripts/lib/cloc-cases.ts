/**
 * Why cloc's code lines differ from the counter's on a Rust file, case by case. cloc reads
 * Rust with filters made for C-like languages: it knows one-line `"…"` strings, then removes
 * `/* … *\/` (without nesting) and `//` comments by pattern. Each case below is a rewrite of
 * the file that changes no line's class for Rust (checked with the counter's lexer), but
 * removes one thing cloc misreads. Applied one after the other, with cloc run on each result,
 * the change in cloc's count is that case's share of the difference; what is left after the
 * last is unexplained. The rewrites are located with tree-sitter-rust. Used by
 * `npm run check:cloc`; the one-line reproductions are in tests/unit/line-count.test.ts.
 */
import { rustParser } from './rust-grammar.ts';

export interface ClocCase {
  /** The case, as BENCHMARKS.md names it. */
  name: string;
  /** cloc's code lines minus the counter's that the case accounts for, on one file. */
  clocMinusOurs: number;
  /** 1-based lines where the case's rewrite touched the file. */
  lines: number[];
}

interface Rewrite {
  name: string;
  /** Node types whose text is rewritten, and how. */
  types: readonly string[];
  edit: (text: string, node: { type: string }) => string;
}

/** A comment opener or closer inside a comment or a string becomes two letters. */
const defuse = (text: string) => text.replaceAll('/*', 'xx').replaceAll('*/', 'xx').replaceAll('//', 'xx');

export const REWRITES: readonly Rewrite[] = [
  {
    // `/* a /* b */ c */`: cloc ends the comment at the first `*/`.
    name: 'nested block comment',
    types: ['block_comment'],
    edit: (text) => (text.length > 4 ? `${text.slice(0, 2)}${defuse(text.slice(2, -2))}${text.slice(-2)}` : text),
  },
  {
    // `"/*"` on a line of its own, or `//` and `/*` inside a string that spans lines or a raw string.
    name: 'comment opener inside a string',
    types: ['string_literal', 'raw_string_literal'],
    edit: (text) => defuse(text),
  },
  {
    // `'"'` or `r#"say "hi""#`: cloc takes the quote for the start or end of a string.
    name: 'quote inside a character literal or raw string',
    types: ['char_literal', 'raw_string_literal'],
    edit: (text, node) =>
      node.type === 'char_literal'
        ? text.replace('\\"', 'xx').replace('"', 'x')
        : text.replace(
            /^([bc]?r#*")([\s\S]*)("#*)$/,
            (_m, open: string, body: string, close: string) => `${open}${body.replaceAll('"', 'x')}${close}`,
          ),
  },
];

/**
 * The file after each rewrite in turn (cumulative), with the lines each touched. `content` is
 * read as UTF-8 (invalid bytes become U+FFFD, in every variant alike).
 */
export async function rewrites(content: Uint8Array): Promise<{ name: string; text: Buffer; lines: number[] }[]> {
  const parser = await rustParser();
  let text = new TextDecoder('utf-8').decode(content);
  const out: { name: string; text: Buffer; lines: number[] }[] = [];
  for (const rewrite of REWRITES) {
    const tree = parser.parse(text);
    if (!tree) throw new Error('tree-sitter returned no tree');
    const edits: { start: number; end: number; text: string; row: number }[] = [];
    try {
      for (const node of tree.rootNode.descendantsOfType([...rewrite.types])) {
        if (!node) continue;
        const before = node.text;
        const after = rewrite.edit(before, node);
        if (after !== before && after.length === before.length)
          edits.push({ start: node.startIndex, end: node.endIndex, text: after, row: node.startPosition.row });
      }
    } finally {
      tree.delete();
    }
    for (const e of [...edits].sort((a, b) => b.start - a.start))
      text = text.slice(0, e.start) + e.text + text.slice(e.end);
    out.push({
      name: rewrite.name,
      text: Buffer.from(text, 'utf8'),
      lines: [...new Set(edits.map((e) => e.row + 1))].sort((a, b) => a - b),
    });
  }
  return out;
}
