/**
 * Logo optimisation: SVGO with settings that keep a logo scalable (the viewBox stays, so
 * width and height can be set by the page) and strip editor metadata, plus lossless plugins
 * for what design-tool exports repeat (svg-plugins.ts). Coordinates are rounded to a step of
 * at most 1/500 of the logo's larger side; a logo still over the size budget may use a step of
 * up to 1/250 (0.3 px at the 72 px it is shown at), and no coarser.
 */
import { optimize } from 'svgo';
import { svgSize } from '../../src/og/svg.ts';
import {
  mergeDuplicateDefs,
  removeRedundantStops,
  removeUnpaintedShapes,
  shareGradientStops,
  sharePathData,
} from './svg-plugins.ts';

/**
 * Every logo in public/logos/ fits in this many bytes as sent (gzipped, as static hosts such as
 * GitHub Pages serve SVG). The optimiser also coarsens rounding while the file on disk is over it.
 */
export const LOGO_BUDGET_BYTES = 10 * 1024;

/** Decimals that make the rounding step at most `1/parts` of the larger side (0 to 3). */
export function precisionFor(svg: string, parts = 500): number {
  const { width, height } = svgSize(svg);
  return Math.max(0, Math.min(3, Math.ceil(Math.log10(parts / Math.max(width, height)))));
}

function optimiseAt(svg: string, floatPrecision: number): string {
  const { data } = optimize(svg, {
    multipass: true,
    floatPrecision,
    plugins: [
      // Class rules become attributes on the shapes (exporters put one rule per colour in a
      // <style>): ids can then be dropped and unpainted shapes found.
      { name: 'preset-default', params: { overrides: { inlineStyles: { onlyMatchedOnce: false } } } },
      'convertStyleToAttrs',
      'removeDimensions',
      // An <img> never shows an SVG's <title>; the page's alt text names the logo.
      'removeTitle',
      { name: 'removeAttrs', params: { attrs: ['data-name', 'xml:space'] } },
      mergeDuplicateDefs,
      removeUnpaintedShapes,
      removeRedundantStops,
      shareGradientStops,
      sharePathData,
    ],
  });
  return data;
}

export function optimiseSvg(svg: string, budget = LOGO_BUDGET_BYTES): string {
  const coarsest = precisionFor(svg, 250);
  let precision = precisionFor(svg);
  let out = optimiseAt(svg, precision);
  while (Buffer.byteLength(out) > budget && precision > coarsest) out = optimiseAt(svg, --precision);
  return out;
}
