/**
 * Latin subsets of the share-image fonts. resvg lays text out about five times faster with a
 * 60 KB subset than with the whole 750 KB DejaVu Sans (a share card: ~6 ms → ~1 ms), and the
 * glyphs, their metrics and kerning are the same, so the pixels are identical (tested). A text
 * with any character outside the subset is drawn with the whole fonts instead.
 * The subsets are made once (HarfBuzz, through `subset-font`) and kept in the project's
 * node_modules/.cache/ under a key of the fonts' bytes, the character set and the subsetter's
 * version, written atomically, so concurrent builds and workers share them.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import subsetFont from 'subset-font';
import { fromRepoRoot } from '../data/site/repo-root.ts';

const require = createRequire(import.meta.url);
/** Part of the cache key: another subsetter may write other bytes. */
const SUBSETTER = `subset-font@${(require('subset-font/package.json') as { version: string }).version}`;

/** Code point ranges the subsets hold: Latin, Latin-1, Latin Extended-A, punctuation, a few signs. */
export const SUBSET_RANGES: readonly (readonly [number, number])[] = [
  [0x20, 0x7e],
  [0xa0, 0x17f],
  [0x2010, 0x2027],
  [0x2030, 0x205e],
  [0x20ac, 0x20ac],
  [0x2122, 0x2122],
  [0x2190, 0x2193],
  [0x2212, 0x2212],
  [0x2264, 0x2265],
];

const inRanges = (code: number) => SUBSET_RANGES.some(([from, to]) => code >= from && code <= to);

/** True when every character of `text` (tabs and line breaks aside) is in the subsets. */
export function coveredBySubset(text: string): boolean {
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code >= 0x20 && code <= 0x7e) continue;
    if (code === 0x09 || code === 0x0a || code === 0x0d) continue;
    if (!inRanges(code)) return false;
  }
  return true;
}

/** Every character of the subsets, in order. */
export function subsetText(): string {
  let text = '';
  for (const [from, to] of SUBSET_RANGES) for (let code = from; code <= to; code++) text += String.fromCodePoint(code);
  return text;
}

/**
 * Paths of TrueType subsets of `files` (same order, same file names), made on first use.
 * `dir` defaults to node_modules/.cache/cncf-rust-catalog/fonts under the project root.
 */
export async function subsetFontFiles(
  files: readonly string[],
  dir = fromRepoRoot('node_modules/.cache/cncf-rust-catalog/fonts'),
): Promise<string[]> {
  const text = subsetText();
  const fonts = files.map((file) => readFileSync(file));
  const hash = createHash('sha256').update(SUBSETTER).update('\0').update(text);
  for (const font of fonts) hash.update(font);
  const folder = join(dir, hash.digest('hex').slice(0, 16));
  mkdirSync(folder, { recursive: true });
  return Promise.all(
    files.map(async (file, i) => {
      const out = join(folder, basename(file));
      if (existsSync(out)) return out;
      const subset = await subsetFont(fonts[i], text, { targetFormat: 'truetype' });
      const partial = `${out}.${process.pid}.${Math.random().toString(36).slice(2)}.part`;
      writeFileSync(partial, subset);
      renameSync(partial, out);
      return out;
    }),
  );
}
