import { describe, expect, it } from 'vitest';
import { crc32, inflateSync } from 'node:zlib';
import { encodePngSync, isOpaque, scanlines } from '../../src/og/png-encode.ts';
import { Resvg } from '@resvg/resvg-js';
import { fontFiles, renderPng } from '../../src/og/render-png.ts';
import { pngSize } from '../helpers/png.ts';
import { renderPngAsync } from '../../src/og/render-pool.ts';
import { OG_FONT_FAMILY } from '../../src/og/og-image.ts';

/** Splits a PNG into chunks, checking each CRC. */
function chunks(png: Buffer): { type: string; data: Buffer }[] {
  const list: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString('ascii', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    expect(png.readUInt32BE(at + 8 + length), `${type} CRC`).toBe(crc32(png.subarray(at + 4, at + 8 + length)) >>> 0);
    list.push({ type, data });
    at += 12 + length;
  }
  return list;
}

/** The pixels of unfiltered scanlines (each row must start with filter byte 0). */
function unfilter(raw: Buffer, width: number, height: number): Buffer {
  const stride = width * 4;
  const rows = Array.from({ length: height }, (_, y) => {
    expect(raw[y * (stride + 1)]).toBe(0);
    return raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
  });
  return Buffer.concat(rows);
}

describe('encodePngSync', () => {
  it('writes a valid RGBA PNG whose pixels decode to the input', () => {
    const width = 5;
    const height = 4;
    const rgba = Buffer.from(Array.from({ length: width * height * 4 }, (_, i) => (i * 37 + (i >> 3) * 11) & 0xff));
    const png = encodePngSync(rgba, width, height);
    expect(pngSize(png)).toEqual({ width, height });
    const list = chunks(png);
    expect(list.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect([...list[0].data.subarray(8)]).toEqual([8, 6, 0, 0, 0]);
    expect(unfilter(inflateSync(list[1].data), width, height).equals(rgba)).toBe(true);
  });

  it('starts every scanline with filter byte 0', () => {
    expect([...scanlines(Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]), 1, 2)]).toEqual([0, 1, 2, 3, 4, 0, 5, 6, 7, 8]);
  });

  it('refuses pixel data of the wrong length', () => {
    expect(() => encodePngSync(Buffer.alloc(10), 2, 2)).toThrow(/expected 16 bytes of RGBA for 2×2, got 10/);
  });
});

describe('isOpaque', () => {
  it('finds one pixel that is not fully opaque, aligned or not', () => {
    const opaque = Buffer.alloc(4 * 64, 255);
    expect(isOpaque(opaque)).toBe(true);
    for (const at of [3, 4 * 31 + 3, 4 * 63 + 3]) {
      const one = Buffer.from(opaque);
      one[at] = 254;
      expect(isOpaque(one), `alpha at byte ${at}`).toBe(false);
      // The same pixels one byte into a buffer: not 4-byte aligned, read byte by byte.
      const shifted = new Uint8Array(one.length + 1);
      shifted.set(one, 1);
      expect(isOpaque(shifted.subarray(1)), `unaligned, alpha at byte ${at}`).toBe(false);
    }
    // Colour bytes of 0 do not count as transparency.
    const black = new Uint8Array(4 * 8);
    for (let i = 3; i < black.length; i += 4) black[i] = 255;
    expect(isOpaque(black)).toBe(true);
  });
});

describe('renderPngAsync (worker pool)', () => {
  it('encodes exactly the pixels resvg draws for an opaque image', async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#fff"/><circle cx="10" cy="10" r="7" fill="#c33"/><text x="20" y="15" font-size="12">Ab</text></svg>';
    const png = Buffer.from(await renderPngAsync(svg));
    expect(pngSize(png)).toEqual({ width: 40, height: 20 });
    const idat = chunks(png).find((c) => c.type === 'IDAT')!;
    const drawn = new Resvg(svg, {
      font: { loadSystemFonts: false, fontFiles: fontFiles(), defaultFontFamily: OG_FONT_FAMILY },
    }).render().pixels;
    expect(unfilter(inflateSync(idat.data), 40, 20).equals(drawn)).toBe(true);
  });

  it('leaves images with transparency to resvg, whose pixels are premultiplied', async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><circle cx="4" cy="4" r="3" fill="#c33" fill-opacity=".5"/></svg>';
    expect(Buffer.from(await renderPngAsync(svg)).equals(Buffer.from(renderPng(svg)))).toBe(true);
  });

  it('gives the same bytes as renderPng for many images at once, each to its own caller', async () => {
    const svgs = Array.from(
      { length: 12 },
      (_, i) =>
        `<svg xmlns="http://www.w3.org/2000/svg" width="${20 + i}" height="10"><rect width="100%" height="100%" fill="#${(i * 123456).toString(16).padStart(6, '0').slice(0, 6)}"/></svg>`,
    );
    const pngs = await Promise.all(svgs.map((svg) => renderPngAsync(svg)));
    pngs.forEach((png, i) => {
      expect(pngSize(png)).toEqual({ width: 20 + i, height: 10 });
      expect(Buffer.from(png).equals(Buffer.from(renderPng(svgs[i])))).toBe(true);
    });
  });

  it('rejects with the error from resvg for SVG it cannot parse, and keeps working', async () => {
    await expect(renderPngAsync('<svg xmlns="http://www.w3.org/2000/svg"')).rejects.toThrow(
      /rendering a PNG failed: .*SVG data parsing failed/,
    );
    expect(pngSize(await renderPngAsync('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>'))).toEqual({
      width: 4,
      height: 4,
    });
  });

  it('paints an opaque background under the image when asked, and takes only #rrggbb for it', async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><circle cx="4" cy="4" r="3" fill="#c33" fill-opacity=".5"/></svg>';
    const onWhite = svg.replace('><circle', '><rect width="8" height="8" fill="#ffffff"/><circle');
    expect(
      Buffer.from(await renderPngAsync(svg, { background: '#ffffff' })).equals(Buffer.from(renderPng(onWhite))),
    ).toBe(true);
    expect(() => renderPng(svg, { background: 'rgba(0,0,0,.5)' })).toThrow(
      /background: expected an opaque #rrggbb colour/,
    );
  });
});
