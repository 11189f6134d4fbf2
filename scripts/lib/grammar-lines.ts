/**
 * Each line's class (blank, comment, code) as tree-sitter-rust reads the file: the reference
 * the hand-written lexer of line-count.ts is checked against, in the tests and in
 * `npm run check:lexer` on real repositories. A line is code when a byte outside the
 * grammar's `line_comment` and `block_comment` nodes is not whitespace; a comment line when it
 * is not code and not blank. Slow (a full parse): never used for the catalog's figures.
 */
import { BLANK, CODE, COMMENT } from './line-count.ts';
import type { LineClass } from './line-count.ts';
import { rustParser } from './rust-grammar.ts';

const decoder = new TextDecoder('utf-8'); // invalid bytes become U+FFFD, one line stays one line

/** Whitespace as the lexer has it: space, tab, LF, vertical tab, form feed, CR. */
const isSpace = (c: number) => c === 0x20 || (c >= 0x09 && c <= 0x0d);

export interface GrammarLines {
  kinds: LineClass[];
  /** The grammar found a syntax error (its comments may then differ from a compiler's). */
  hasError: boolean;
}

/** The lines of a Rust file as the grammar classes them (a leading byte-order mark is dropped). */
export async function grammarLineClasses(content: Uint8Array | string): Promise<GrammarLines> {
  // TextDecoder drops a leading BOM, as the lexer skips it.
  const text = typeof content === 'string' ? content.replace(/^\uFEFF/, '') : decoder.decode(content);
  const parser = await rustParser();
  const tree = parser.parse(text);
  if (!tree) throw new Error('tree-sitter returned no tree');
  const inComment = new Uint8Array(text.length);
  let hasError: boolean;
  try {
    hasError = tree.rootNode.hasError;
    for (const node of tree.rootNode.descendantsOfType(['line_comment', 'block_comment'])) {
      if (node) inComment.fill(1, node.startIndex, node.endIndex);
    }
  } finally {
    tree.delete();
  }
  const kinds: LineClass[] = [];
  let state = 0; // bit 0: comment, bit 1: code
  let open = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      kinds.push(state >= 2 ? CODE : state === 1 ? COMMENT : BLANK);
      state = 0;
      open = false;
      continue;
    }
    open = true;
    if (isSpace(c)) continue;
    state |= inComment[i] ? 1 : 2;
  }
  if (open) kinds.push(state >= 2 ? CODE : state === 1 ? COMMENT : BLANK);
  return { kinds, hasError };
}
