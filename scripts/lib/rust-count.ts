/**
 * The counting rules of `data/rust-code/METHOD.md`, as pure functions: which paths count,
 * which source kind a file is, and a streaming counter of lines and code lines.
 */

/** Directory names excluded at any depth. */
export const EXCLUDED_ANYWHERE = ['vendor', 'third_party', '3rdparty', 'node_modules'] as const;
/** Directory names excluded only at the top of the repository (nested ones count). */
export const EXCLUDED_AT_TOP = ['examples', 'samples', 'docs'] as const;

/**
 * Why a repository-relative path (`/`-separated) is excluded, or undefined when it counts.
 * Only directory names are looked at, never the file name.
 */
export function exclusionOf(path: string): string | undefined {
  const dirs = path.split('/').slice(0, -1);
  if (dirs.length > 0 && (EXCLUDED_AT_TOP as readonly string[]).includes(dirs[0])) return `${dirs[0]}/`;
  const vendored = dirs.find((d) => (EXCLUDED_ANYWHERE as readonly string[]).includes(d));
  return vendored ? `${vendored}/` : undefined;
}

/** Source kinds the Rust share is computed against, in the order notes list them. */
export const SOURCE_KINDS = ['rs', 'go', 'c/c++', 'py', 'ts/js'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

const KIND_BY_EXTENSION: Record<string, SourceKind> = {
  rs: 'rs',
  go: 'go',
  c: 'c/c++',
  cc: 'c/c++',
  cpp: 'c/c++',
  cxx: 'c/c++',
  h: 'c/c++',
  hpp: 'c/c++',
  hh: 'c/c++',
  py: 'py',
  ts: 'ts/js',
  tsx: 'ts/js',
  js: 'ts/js',
  jsx: 'ts/js',
  mjs: 'ts/js',
  cjs: 'ts/js',
};

/** The source kind of a file by its (case-sensitive) extension, or undefined for other files. */
export function sourceKindOf(path: string): SourceKind | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return undefined; // no extension, or a dot file such as `.rs`
  return Object.hasOwn(KIND_BY_EXTENSION, name.slice(dot + 1)) ? KIND_BY_EXTENSION[name.slice(dot + 1)] : undefined;
}

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

/** Rust bytes as a percentage of all counted source bytes, one decimal; 0 with no sources. */
export function rustShare(rustBytes: number, sourceBytes: number): number {
  if (sourceBytes <= 0) return 0;
  return Math.round((rustBytes / sourceBytes) * 1000) / 10;
}
