import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Resvg } from '@resvg/resvg-js';
import { coveredBySubset, subsetFontFiles, subsetText, SUBSET_RANGES } from '../../src/og/font-subset.ts';
import { fontFiles, renderPng } from '../../src/og/render-png.ts';
import { renderPngAsync } from '../../src/og/render-pool.ts';
import { OG_FONT_FAMILY } from '../../src/og/og-image.ts';

const dir = mkdtempSync(join(tmpdir(), 'font-subset-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sample = (text: string, bold = false) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="420" height="60"><rect width="100%" height="100%" fill="#fff"/><text x="8" y="40" font-size="28"${bold ? ' font-weight="bold"' : ''}>${text}</text></svg>`;
const pixels = (svg: string, fonts: string[]) =>
  new Resvg(svg, { font: { loadSystemFonts: false, fontFiles: fonts, defaultFontFamily: OG_FONT_FAMILY } }).render()
    .pixels;

describe('coveredBySubset', () => {
  it('accepts Latin text with typographic punctuation, and refuses any other script', () => {
    expect(coveredBySubset('Linkerd – a “service mesh”, 100,161 lines… café, Łódź, 5 × 3 → ≤ 2€')).toBe(true);
    expect(coveredBySubset('line one\nline two\ttab')).toBe(true);
    expect(coveredBySubset('Ωμέγα')).toBe(false);
    expect(coveredBySubset('日本')).toBe(false);
    expect(coveredBySubset('rocket 🚀')).toBe(false);
    expect(coveredBySubset('bell \u0007')).toBe(false);
  });

  it('holds exactly the characters of its ranges', () => {
    const size = SUBSET_RANGES.reduce((n, [from, to]) => n + to - from + 1, 0);
    expect([...subsetText()]).toHaveLength(size);
    expect(coveredBySubset(subsetText())).toBe(true);
  });
});

describe('subsetFontFiles', () => {
  it('writes much smaller fonts, with the same names, that draw the same pixels', async () => {
    const full = fontFiles();
    const subset = await subsetFontFiles(full, dir);
    expect(subset.map((f) => basename(f))).toEqual(full.map((f) => basename(f)));
    subset.forEach((file, i) => expect(statSync(file).size).toBeLessThan(statSync(full[i]).size / 5));
    for (const svg of [sample('Kubernetes, “WebAssembly” – Łódź'), sample('Graduated 12,345 lines', true)]) {
      expect(pixels(svg, subset).equals(pixels(svg, full))).toBe(true);
    }
  });

  it('reuses the subsets it already made', async () => {
    const first = await subsetFontFiles(fontFiles(), dir);
    const written = first.map((f) => statSync(f).mtimeMs);
    const again = await subsetFontFiles(fontFiles(), dir);
    expect(again).toEqual(first);
    expect(again.map((f) => statSync(f).mtimeMs)).toEqual(written);
  });
});

describe('share images in the worker pool', () => {
  it('match the whole fonts for Latin text and fall back to them for other scripts', async () => {
    for (const svg of [sample('Service mesh – “Linkerd”'), sample('Ωμέγα Greek', true)]) {
      expect(Buffer.from(await renderPngAsync(svg)).equals(Buffer.from(renderPng(svg)))).toBe(true);
    }
    // The Greek sample really needs the whole fonts: the subsets have no glyph for it.
    const greek = sample('Ωμέγα');
    expect(pixels(greek, await subsetFontFiles(fontFiles(), dir)).equals(pixels(greek, fontFiles()))).toBe(false);
  });
});
