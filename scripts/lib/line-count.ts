/**
 * The line rules for Rust files (`.rs`): a hand-written lexer over bytes that knows Rust's
 * comments, strings and character literals, so that each line is code, comment or blank as
 * tokei, cloc and scc mean it:
 *
 * - a line is **blank** when it holds only whitespace (space, tab, CR, vertical tab, form
 *   feed), inside a comment or a string or not;
 * - it is a **comment** line when every other byte on it belongs to a comment: `//` line
 *   comments (doc comments `///` and `//!` included) and `/* … *\/` block comments, which
 *   nest in Rust (`/* a /* b *\/ still comment *\/`);
 * - anything else is **code**: a line with code and a comment is code, and so is a line
 *   inside a multi-line string. `//` or `/*` inside a string, a byte string, a C string, a
 *   raw string (`r#"…"#` with any number of `#`) or a character literal opens no comment;
 *   `'a'` is a character literal and `'a` a lifetime.
 *
 * It works on bytes (invalid UTF-8 is just bytes of code), reads CRLF like LF (the CR is
 * whitespace), skips a UTF-8 byte-order mark at the start, and counts a last line without a
 * newline in its class but not in `lines`. Checked line by line against tree-sitter-rust
 * (tests/unit/rust-lexer-grammar.test.ts and `npm run check:lexer`). Pure.
 */

export interface LineCounts {
  bytes: number;
  /** Newline characters. */
  lines: number;
  /** Lines holding something other than whitespace and comments. */
  codeLines: number;
}

/** LineCounts with the other two classes, as cloc and tokei report them. */
export interface LineDetail extends LineCounts {
  /** Lines whose only non-blank bytes belong to comments. */
  commentLines: number;
  /** Lines of whitespace only (a last line without a newline included). */
  blankLines: number;
}

/** A line's class in `classifyLines`. */
export const BLANK = 0;
export const COMMENT = 1;
export const CODE = 2;
export type LineClass = typeof BLANK | typeof COMMENT | typeof CODE;

// Byte classes: a table is faster than chains of comparisons in the hot loop.
// Class 0 is every other byte: the table's zero fill.
const SPACE = 1;
const NEWLINE = 2;
const SLASH = 3;
const DQUOTE = 4;
const SQUOTE = 5;
const IDENT = 6; // letters, digits, `_` and non-ASCII bytes
const CLASS = new Uint8Array(256);
for (const b of [0x20, 0x09, 0x0b, 0x0c, 0x0d]) CLASS[b] = SPACE;
CLASS[0x0a] = NEWLINE;
CLASS[0x2f] = SLASH;
CLASS[0x22] = DQUOTE;
CLASS[0x27] = SQUOTE;
for (let b = 0x30; b <= 0x39; b++) CLASS[b] = IDENT;
for (let b = 0x41; b <= 0x5a; b++) CLASS[b] = IDENT;
for (let b = 0x61; b <= 0x7a; b++) CLASS[b] = IDENT;
CLASS[0x5f] = IDENT;
// Non-ASCII bytes: parts of identifiers or of other characters; never whitespace here.
for (let b = 0x80; b <= 0xff; b++) CLASS[b] = IDENT;

const LF = 0x0a;
const STAR = 0x2a;
const SLASH_B = 0x2f;
const QUOTE_B = 0x22;
const APOS = 0x27;
const BACKSLASH = 0x5c;
const HASH = 0x23;
const LOWER_B = 0x62;
const LOWER_C = 0x63;
const LOWER_R = 0x72;

/** Bytes of the UTF-8 sequence a lead byte starts (1 for ASCII and for stray bytes). */
const utf8Length = (b: number): number => (b < 0xc0 ? 1 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : b < 0xf8 ? 4 : 1);

// Where the lexer is between bytes.
const NORMAL = 0;
const BLOCK_COMMENT = 1;
const STRING = 2;
const RAW_STRING = 3;

/**
 * At a `'`: a character literal (`'a'`, `'"'`, `'\''`, `'\u{1F980}'`, `'é'`) when one
 * character or an escape is followed by a closing quote, else a lifetime or a label (`'a`),
 * whose name the main loop then reads as an identifier. `byte`: after `b`, always a literal.
 * Returns the index after what was read.
 */
function scanQuote(buf: Uint8Array, at: number, byte: boolean): number {
  const n = buf.length;
  if (at + 1 >= n) return n;
  const c1 = buf[at + 1];
  if (c1 === BACKSLASH) {
    // Skip the escaped byte (it may be a quote), then find the closing quote on this line.
    let k = at + 3;
    while (k < n && buf[k] !== APOS && buf[k] !== LF) k++;
    return k < n && buf[k] === APOS ? k + 1 : k;
  }
  if (c1 === LF) return at + 1;
  const end = at + 1 + utf8Length(c1);
  if (end < n && buf[end] === APOS) return end + 1;
  return byte ? Math.min(end, n) : at + 1;
}

/** Bytes that can change the lexer's mode from code: a newline, `/`, `"` and `'`. */
const STOP_CODE = new Uint8Array(256);
for (const b of [LF, SLASH_B, QUOTE_B, APOS]) STOP_CODE[b] = 1;
/** In a block comment whose line is already a comment line: a newline, `*` and `/`. */
const STOP_BLOCK = new Uint8Array(256);
for (const b of [LF, STAR, SLASH_B]) STOP_BLOCK[b] = 1;
/** In a string whose line is already code: a newline, `"` and `\`. */
const STOP_STRING = new Uint8Array(256);
for (const b of [LF, QUOTE_B, BACKSLASH]) STOP_STRING[b] = 1;

/** Whether the byte before `at` ends an identifier (so a letter at `at` is not the start of one). */
const identBefore = (buf: Uint8Array, at: number, first: number): boolean => at > first && CLASS[buf[at - 1]] === IDENT;

/**
 * At a `"` at `at`: the number of `#` of a raw string (`r"`, `r#"`, `br##"`, `cr#"` …) it
 * opens, or -1 for a plain string (`"`, `b"`, `c"`). Read backwards, so the main loop need not
 * read identifiers at all: a raw string's prefix is an `r` (or `br`, `cr`) standing alone.
 */
function rawHashes(buf: Uint8Array, at: number, first: number): number {
  let k = at - 1;
  while (k >= first && buf[k] === HASH) k--;
  if (k < first || buf[k] !== LOWER_R) return -1;
  if (!identBefore(buf, k, first)) return at - 1 - k;
  const p = buf[k - 1];
  if ((p === LOWER_B || p === LOWER_C) && !identBefore(buf, k - 1, first)) return at - 1 - k;
  return -1;
}

/**
 * Lexes one whole file. `kinds`, when given, receives each line's class in order (a last line
 * without a newline included): the per-line view the grammar check compares.
 */
export function lexRust(buf: Uint8Array, kinds?: LineClass[]): LineDetail {
  const n = buf.length;
  const first = n >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  let blank = 0;
  let commentOnly = 0;
  let code = 0;
  // The current line so far: bit 0, a comment byte seen; bit 1, a code byte seen.
  let state = 0;
  let mode = NORMAL;
  let depth = 0; // block comments open
  let hashes = 0; // of the raw string open
  let i = first;
  while (i < n) {
    let b = buf[i];
    if (b === LF) {
      if (state >= 2) code++;
      else if (state === 1) commentOnly++;
      else blank++;
      if (kinds) kinds.push(state >= 2 ? CODE : state === 1 ? COMMENT : BLANK);
      state = 0;
      i++;
      continue;
    }
    if (mode === NORMAL) {
      if (state >= 2 && STOP_CODE[b] === 0) {
        // The line is code already: only a newline, a comment, a string or a quote matter.
        do i++;
        while (i < n && STOP_CODE[buf[i]] === 0);
        if (i >= n) break;
        b = buf[i];
        if (b === LF) continue;
      }
      const cls = CLASS[b];
      if (cls === SPACE) {
        i++;
      } else if (cls === SLASH) {
        const next = i + 1 < n ? buf[i + 1] : 0;
        if (next === SLASH_B) {
          // A line comment runs to the end of the line, whatever it holds.
          state |= 1;
          const nl = buf.indexOf(LF, i + 2);
          i = nl === -1 ? n : nl;
        } else if (next === STAR) {
          state |= 1;
          mode = BLOCK_COMMENT;
          depth = 1;
          i += 2;
        } else {
          state |= 2;
          i++;
        }
      } else if (cls === DQUOTE) {
        state |= 2;
        const h = rawHashes(buf, i, first);
        if (h === -1) mode = STRING;
        else {
          mode = RAW_STRING;
          hashes = h;
        }
        i++;
      } else if (cls === SQUOTE) {
        state |= 2;
        const byte = i > first && buf[i - 1] === LOWER_B && !identBefore(buf, i - 1, first);
        i = scanQuote(buf, i, byte);
      } else {
        state |= 2;
        i++;
      }
    } else if (mode === BLOCK_COMMENT) {
      if (state & 1 && STOP_BLOCK[b] === 0) {
        do i++;
        while (i < n && STOP_BLOCK[buf[i]] === 0);
        continue;
      }
      const next = i + 1 < n ? buf[i + 1] : 0;
      if (b === STAR && next === SLASH_B) {
        state |= 1;
        i += 2;
        if (--depth === 0) mode = NORMAL;
      } else if (b === SLASH_B && next === STAR) {
        state |= 1;
        i += 2;
        depth++;
      } else {
        if (CLASS[b] !== SPACE) state |= 1;
        i++;
      }
    } else if (mode === STRING) {
      if (state >= 2 && STOP_STRING[b] === 0) {
        do i++;
        while (i < n && STOP_STRING[buf[i]] === 0);
        continue;
      }
      if (b === QUOTE_B) {
        state |= 2;
        mode = NORMAL;
        i++;
      } else if (b === BACKSLASH) {
        state |= 2;
        // An escaped newline continues the string on the next line: leave the newline to the loop.
        i += i + 1 < n && buf[i + 1] === LF ? 1 : 2;
      } else {
        if (CLASS[b] !== SPACE) state |= 2;
        i++;
      }
    } else {
      // RAW_STRING: closed by a quote and as many hashes as opened it.
      if (CLASS[b] !== SPACE) state |= 2;
      if (b === QUOTE_B) {
        let h = 0;
        while (h < hashes && i + 1 + h < n && buf[i + 1 + h] === HASH) h++;
        if (h === hashes) {
          mode = NORMAL;
          i += 1 + hashes;
          continue;
        }
      }
      i++;
    }
  }
  const lines = code + commentOnly + blank;
  // A last line without a newline: counted in its class, not in `lines`.
  if (Math.max(buf.lastIndexOf(LF) + 1, first) < n) {
    if (state >= 2) code++;
    else if (state === 1) commentOnly++;
    else blank++;
    if (kinds) kinds.push(state >= 2 ? CODE : state === 1 ? COMMENT : BLANK);
  }
  return { bytes: n, lines, codeLines: code, commentLines: commentOnly, blankLines: blank };
}

/** Each line's class: `BLANK`, `COMMENT` or `CODE` (a last line without a newline included). */
export function classifyLines(content: Uint8Array | string): LineClass[] {
  const kinds: LineClass[] = [];
  lexRust(typeof content === 'string' ? new TextEncoder().encode(content) : content, kinds);
  return kinds;
}

/**
 * Counts one file fed in chunks of any size (as git streams a blob). The chunks are kept
 * until `result()` and lexed as one buffer: a Rust file is small, and a lexer that never
 * stops at a chunk boundary is simpler and faster. A single chunk is lexed without a copy.
 */
export class LineCounter {
  readonly #chunks: Uint8Array[] = [];

  push(chunk: Uint8Array): void {
    if (chunk.length > 0) this.#chunks.push(chunk);
  }

  /** The counts of everything pushed. */
  result(): LineCounts {
    const chunks = this.#chunks;
    const whole = chunks.length === 1 ? chunks[0] : chunks.length === 0 ? new Uint8Array(0) : Buffer.concat(chunks);
    const { bytes, lines, codeLines } = lexRust(whole);
    return { bytes, lines, codeLines };
  }
}

/** Counts a whole buffer (convenience for tests and small inputs). */
export function countLines(content: Uint8Array | string): LineCounts {
  const { bytes, lines, codeLines } = lexRust(
    typeof content === 'string' ? new TextEncoder().encode(content) : content,
  );
  return { bytes, lines, codeLines };
}

/** Rust bytes as a percentage of the programming-language bytes, one decimal; 0 with none. */
export function rustShare(rustBytes: number, programmingBytes: number): number {
  if (programmingBytes <= 0) return 0;
  return Math.round((rustBytes / programmingBytes) * 1000) / 10;
}
