/**
 * A small PNG encoder for 8-bit RGBA pixels, compressing in Node's zlib thread pool. resvg's
 * own `asPng()` takes about 15 ms on the main thread for a 1200×630 share image, more than
 * drawing it; unfiltered rows at deflate level 3 take about 4 ms, off the main thread, for a
 * file of the same size (a share card is flat colour: filters buy nothing; measured in
 * BENCHMARKS.md's build section).
 */
import { crc32, deflate } from 'node:zlib';
import { promisify } from 'node:util';

const deflateAsync = promisify(deflate);
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
  if (rgba.length !== stride * height) throw new Error(`expected ${stride * height} bytes of RGBA for ${width}×${height}, got ${rgba.length}`);
  const out = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) out.set(rgba.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  return out;
}

/** Encodes `width`×`height` straight (non-premultiplied) RGBA pixels as a PNG file. */
export async function encodePng(rgba: Uint8Array, width: number, height: number, level = 3): Promise<Buffer> {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits per channel, RGBA, deflate, filter method 0, no interlace
  const data = await deflateAsync(scanlines(rgba, width, height), { level });
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', data), chunk('IEND', new Uint8Array(0))]);
}
