/**
 * Turning the bytes of a content file into text, or saying why that is impossible.
 * A UTF-8 byte-order mark and CRLF line endings are accepted (editors on Windows write
 * them and Astro reads them fine). `text` has them removed so later checks count lines the
 * same way for every file; `raw` keeps them, for the checks that must see the file exactly as
 * Astro reads it (entries). A carriage return that is not part of CRLF is refused: Astro's
 * frontmatter pattern does not end a line there while the Markdown parser does, so the two
 * would read different lines.
 */

/** Files larger than this are refused before anything parses them. */
export const DEFAULT_MAX_BYTES = 1024 * 1024;

export type DecodeResult =
  | { ok: true; text: string; raw: string }
  | { ok: false; line: number; rule: 'file:size' | 'file:binary' | 'file:encoding'; message: string };

const lineAt = (bytes: Uint8Array, end: number): number => {
  let line = 1;
  for (let i = 0; i < end; i++) if (bytes[i] === 0x0a) line++;
  return line;
};

/** Offset of the first byte that does not belong to a valid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let code = b & (0xff >> (need + 2));
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      code = (code << 6) | (c & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/**
 * Decode a content file: refuse files over `maxBytes`, binary files (NUL bytes) and bytes
 * that are not UTF-8; strip a BOM and normalise CRLF and lone CR to LF.
 */
export function decodeContentFile(bytes: Uint8Array, maxBytes = DEFAULT_MAX_BYTES): DecodeResult {
  if (bytes.length > maxBytes)
    return {
      ok: false,
      line: 1,
      rule: 'file:size',
      message: `file is ${bytes.length} bytes (expected at most ${maxBytes} bytes; content files are short text)`,
    };
  const nul = bytes.indexOf(0);
  if (nul !== -1)
    return {
      ok: false,
      line: lineAt(bytes, nul),
      rule: 'file:binary',
      message: 'file holds NUL bytes, so it is binary (expected a UTF-8 text file)',
    };
  const bad = firstInvalidUtf8(bytes);
  if (bad !== -1)
    return {
      ok: false,
      line: lineAt(bytes, bad),
      rule: 'file:encoding',
      message: `byte 0x${bytes[bad].toString(16).padStart(2, '0')} at offset ${bad} is not UTF-8 (expected a UTF-8 text file; re-save it as UTF-8)`,
    };
  const raw = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const loneCr = /\r(?!\n)/.exec(raw);
  if (loneCr)
    return {
      ok: false,
      line: lineAt(bytes, Buffer.byteLength(raw.slice(0, loneCr.index))),
      rule: 'file:encoding',
      message:
        'a carriage return that is not followed by a line feed (expected LF or CRLF line endings; re-save the file with either)',
    };
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  return { ok: true, text: text.replace(/\r\n/g, '\n'), raw };
}
