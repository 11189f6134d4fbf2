/**
 * A small PNG encoder for 8-bit RGBA pixels. resvg's own `asPng()` takes about 15 ms for a
 * 1200×630 share image, more than drawing it; unfiltered rows at deflate level 3 take about
 * 3 ms for a file of the same size (a share card is flat colour: filters buy nothing). Used by
 * `renderPng`: in the render workers for the projects' share images, on the main thread for
 * the few site-wide images (default card, icons).
 */
import { crc32, deflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** PNG scanlines: filter byte 0 (none) before every row of pixels. */
export function scanlines(rgba: Uint8Array, width: number, height: number): Buffer {
  const stride = width * 4;
  if (rgba.length !== stride * height)
    throw new Error(`expected ${stride * height} bytes of RGBA for ${width}×${height}, got ${rgba.length}`);
  const out = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) out.set(rgba.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  return out;
}

function ihdr(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits per channel, RGBA, deflate, filter method 0, no interlace
  return header;
}

const assemble = (width: number, height: number, idat: Uint8Array): Buffer =>
  Buffer.concat([SIGNATURE, chunk('IHDR', ihdr(width, height)), chunk('IDAT', idat), chunk('IEND', new Uint8Array(0))]);

/** Encodes `width`×`height` straight (non-premultiplied) RGBA pixels as a PNG file. */
export function encodePngSync(rgba: Uint8Array, width: number, height: number, level = 3): Buffer {
  return assemble(width, height, deflateSync(scanlines(rgba, width, height), { level }));
}

/** True when every pixel of 8-bit RGBA data has alpha 255 (read four bytes at a time where aligned). */
export function isOpaque(rgba: Uint8Array): boolean {
  if (rgba.byteOffset % 4 === 0 && rgba.length % 4 === 0 && new Uint8Array(new Uint32Array([1]).buffer)[0] === 1) {
    // Little-endian: alpha is the top byte of each 32-bit pixel.
    const words = new Uint32Array(rgba.buffer, rgba.byteOffset, rgba.length / 4);
    for (let i = 0; i < words.length; i++) if (words[i] < 0xff000000) return false;
    return true;
  }
  for (let i = 3; i < rgba.length; i += 4) if (rgba[i] !== 255) return false;
  return true;
}
