/**
 * The line rules for Rust files (`.rs`), as a streaming counter over bytes: `lines` are
 * newline characters; `codeLines` are lines that are not blank and whose whitespace-trimmed
 * text does not start with `//` (block comments count as code). Pure.
 */

export interface LineCounts {
  bytes: number;
  /** Newline characters. */
  lines: number;
  /** Lines that are not blank and whose trimmed text does not start with `//`. */
  codeLines: number;
}

// Where the current line stands after the bytes seen so far.
const BLANK = 0; // only whitespace
const SLASH = 1; // whitespace, then one `/`
const COMMENT = 2; // whitespace, then `//`
const CODE = 3; // anything else

const NEWLINE = 0x0a;
const SLASH_BYTE = 0x2f;
/** ASCII whitespace, as `bytes.strip()` trims it: space, \t, \n, \v, \f, \r. */
const isSpace = (b: number): boolean => b === 0x20 || (b >= 0x09 && b <= 0x0d);

/**
 * Counts bytes, newlines and code lines of one file fed in chunks of any size. Works on
 * bytes, so CRLF (the `\r` is trimmed like any whitespace), invalid UTF-8 and chunk
 * boundaries inside a line or a `//` make no difference. A last line without a newline is
 * a code line when it holds code, but adds nothing to `lines`.
 */
export class LineCounter {
  #bytes = 0;
  #lines = 0;
  #codeLines = 0;
  #state = BLANK;

  push(chunk: Uint8Array): void {
    this.#bytes += chunk.length;
    let state = this.#state;
    let lines = 0;
    let code = 0;
    const n = chunk.length;
    let i = 0;
    while (i < n) {
      if (state === CODE || state === COMMENT) {
        // The line is decided: jump to its end (a native search, much faster than a byte loop).
        const nl = chunk.indexOf(NEWLINE, i);
        if (nl === -1) break;
        lines++;
        if (state === CODE) code++;
        state = BLANK;
        i = nl + 1;
        continue;
      }
      const b = chunk[i++];
      if (b === NEWLINE) {
        lines++;
        if (state === SLASH) code++;
        state = BLANK;
      } else if (state === BLANK) {
        if (b === SLASH_BYTE) state = SLASH;
        else if (!isSpace(b)) state = CODE;
      } else {
        state = b === SLASH_BYTE ? COMMENT : CODE;
      }
    }
    this.#state = state;
    this.#lines += lines;
    this.#codeLines += code;
  }

  /** The counts so far, closing an unterminated last line. */
  result(): LineCounts {
    const open = this.#state === CODE || this.#state === SLASH ? 1 : 0;
    return { bytes: this.#bytes, lines: this.#lines, codeLines: this.#codeLines + open };
  }
}

/** Counts a whole buffer (convenience for tests and small inputs). */
export function countLines(content: Uint8Array | string): LineCounts {
  const counter = new LineCounter();
  counter.push(typeof content === 'string' ? new TextEncoder().encode(content) : content);
  return counter.result();
}

/** Rust bytes as a percentage of the programming-language bytes, one decimal; 0 with none. */
export function rustShare(rustBytes: number, programmingBytes: number): number {
  if (programmingBytes <= 0) return 0;
  return Math.round((rustBytes / programmingBytes) * 1000) / 10;
}
