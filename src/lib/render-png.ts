/**
 * SVG → PNG at build time with resvg (a prebuilt binary inside its npm package). Fonts come
 * from the `dejavu-fonts-ttf` npm package, never from the system, so every machine renders
 * the same image.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Resvg, renderAsync, type ResvgRenderOptions } from '@resvg/resvg-js';
import { encodePng } from './png-encode.ts';
import { OG_FONT_FAMILY } from './og-image.ts';

const require = createRequire(import.meta.url);

/** The regular and bold DejaVu Sans files shipped by the `dejavu-fonts-ttf` package. */
export function fontFiles(): string[] {
  const dir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  return [join(dir, 'DejaVuSans.ttf'), join(dir, 'DejaVuSans-Bold.ttf')];
}

function options(width?: number): ResvgRenderOptions {
  return {
    fitTo: width ? { mode: 'width', value: width } : { mode: 'original' },
    font: { loadSystemFonts: false, fontFiles: fontFiles(), defaultFontFamily: OG_FONT_FAMILY },
  };
}

/** Renders SVG text to PNG bytes; `width` scales the image (the SVG's own size otherwise). */
export function renderPng(svg: string, width?: number): Uint8Array<ArrayBuffer> {
  // A copy on a plain ArrayBuffer: what `new Response(body)` accepts under strict DOM types.
  return new Uint8Array(new Resvg(svg, options(width)).render().asPng());
}

/**
 * The same image as `renderPng`, drawn and compressed in Node's thread pool, so that with the
 * build's page concurrency the share images of many entries use every core while the main
 * thread renders pages (bench:build: the synchronous version was two thirds of the build).
 * resvg's pixels are premultiplied, which equals straight alpha only where alpha is 255: an
 * image with any transparency is encoded by resvg itself.
 */
export async function renderPngAsync(svg: string, width?: number): Promise<Uint8Array<ArrayBuffer>> {
  const image = await renderAsync(svg, options(width));
  const pixels = image.pixels;
  for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 255) return new Uint8Array(image.asPng());
  return new Uint8Array(await encodePng(pixels, image.width, image.height));
}

/** Width and height from a PNG's IHDR chunk; throws when the bytes are not a PNG. */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (png.length < 24 || signature.some((b, i) => png[i] !== b)) throw new Error('expected PNG data (bad signature)');
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
