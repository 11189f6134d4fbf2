/**
 * SVG → PNG at build time with resvg (a prebuilt binary inside its npm package). Fonts come
 * from the `dejavu-fonts-ttf` npm package, never from the system, so every machine renders
 * the same image.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import { encodePngSync, isOpaque } from './png-encode.ts';
import { OG_FONT_FAMILY } from './og-image.ts';

const require = createRequire(import.meta.url);

/** The regular and bold DejaVu Sans files shipped by the `dejavu-fonts-ttf` package. */
export function fontFiles(): string[] {
  const dir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  return [join(dir, 'DejaVuSans.ttf'), join(dir, 'DejaVuSans-Bold.ttf')];
}

export interface RenderOptions {
  /** Width to scale the image to; the SVG's own size otherwise. */
  width?: number;
  /** Font files text is drawn with: the DejaVu fonts, or their subsets (font-subset.ts). */
  fonts?: readonly string[];
  /** An opaque `#rrggbb` painted under the image: every pixel is then opaque, unchecked. */
  background?: string;
}

/** What a worker process is asked to draw (render-pool.ts): the SVG and the options other than fonts (the worker picks those). */
export type RenderRequest = { svg: string } & Omit<RenderOptions, 'fonts'>;
export type RenderJob = RenderRequest & { id: number };
export type RenderReply = { id: number; png: Uint8Array<ArrayBuffer> } | { id: number; error: string };

function resvgOptions({ width, fonts = fontFiles(), background }: RenderOptions): ResvgRenderOptions {
  if (background !== undefined && !/^#[0-9a-f]{6}$/i.test(background))
    throw new Error(`background: expected an opaque #rrggbb colour, got "${background}"`);
  return {
    fitTo: width ? { mode: 'width', value: width } : { mode: 'original' },
    font: { loadSystemFonts: false, fontFiles: [...fonts], defaultFontFamily: OG_FONT_FAMILY },
    ...(background ? { background } : {}),
  };
}

/**
 * Why resvg must not draw this SVG, or undefined: an <image>/<feImage> or an href that is not
 * a local `#id` (resvg-js has no option to stop loading files: it reads an image href from the
 * build machine's disk). Logos are sanitized before they get here (validation/svg-sanitize.ts);
 * this is the renderer's own guard, so it loads nothing but the SVG and the bundled fonts.
 */
export function externalReference(svg: string): string | undefined {
  const element = /<\s*(?:[\w.-]+:)?(image|feImage|script|foreignObject)\b/i.exec(svg);
  if (element) return `<${element[1]}> (the renderer draws no images, scripts or foreign content)`;
  for (const m of svg.matchAll(/\s((?:[\w.-]+:)?href)\s*=\s*(["'])(.*?)\2/gis))
    if (!m[3].trim().startsWith('#')) return `${m[1]}="${m[3].slice(0, 60)}" (expected a reference to an #id)`;
  for (const m of svg.matchAll(/url\s*\(\s*(["']?)([^)"']*)\1\s*\)/gi))
    if (!m[2].trim().startsWith('#')) return `url(${m[2].slice(0, 60)}) (expected url(#id))`;
  return undefined;
}

/**
 * Renders SVG text to PNG bytes on this thread. resvg draws; an opaque image is compressed by
 * `encodePngSync` (unfiltered rows at deflate level 3: about 3 ms for a share card where
 * resvg's `asPng()` takes about 15 ms, for a file of the same size). resvg's pixels are
 * premultiplied, which equals straight alpha only where alpha is 255: an image with any
 * transparency is encoded by resvg itself.
 */
export function renderPng(svg: string, options: RenderOptions = {}): Uint8Array<ArrayBuffer> {
  const external = externalReference(svg);
  if (external) throw new Error(`refusing to render an SVG that refers to something outside it: ${external}`);
  const image = new Resvg(svg, resvgOptions(options)).render();
  const pixels = image.pixels;
  const opaque = options.background !== undefined || isOpaque(pixels);
  // A copy on a plain ArrayBuffer: what `new Response(body)` accepts under strict DOM types.
  return new Uint8Array(opaque ? encodePngSync(pixels, image.width, image.height) : image.asPng());
}
