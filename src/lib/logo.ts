/**
 * Logo optimisation: SVGO with settings that keep a logo scalable (the viewBox stays, so
 * width and height can be set by the page) and strip editor metadata. Coordinates keep
 * enough decimals for 1/500 of the logo's size: far finer than the 72 px it is shown at.
 */
import { optimize } from 'svgo';
import { svgSize } from './svg.ts';

export function precisionFor(svg: string): number {
  const { width, height } = svgSize(svg);
  return Math.max(0, Math.min(3, Math.ceil(Math.log10(500 / Math.max(width, height)))));
}

export function optimiseSvg(svg: string): string {
  const { data } = optimize(svg, {
    multipass: true,
    floatPrecision: precisionFor(svg),
    plugins: ['preset-default', 'removeDimensions', { name: 'removeAttrs', params: { attrs: ['data-name', 'xml:space'] } }],
  });
  return data;
}
