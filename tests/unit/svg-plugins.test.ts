import { describe, expect, it } from 'vitest';
import { optimize, type CustomPlugin } from 'svgo';
import {
  mergeDuplicateDefs,
  removeRedundantStops,
  removeUnpaintedShapes,
  shareGradientStops,
  sharePathData,
} from '../../scripts/lib/svg-plugins.ts';
import { LOGO_BUDGET_BYTES, optimiseSvg, precisionFor } from '../../scripts/lib/logo.ts';

const run = (svg: string, plugin: CustomPlugin) => optimize(svg, { plugins: [plugin] }).data;
const svg = (body: string, attrs = '') =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"${attrs}>${body}</svg>`;

describe('mergeDuplicateDefs', () => {
  it('keeps one of identical clip paths and points every reference at it', () => {
    const out = run(
      svg(
        '<defs><clipPath id="c1"><path d="M0 0h5v5z"/></clipPath><clipPath id="c2"><path d="M0 0h5v5z"/></clipPath><clipPath id="c3"><path d="M1 1h5v5z"/></clipPath></defs>' +
          '<path d="M0 0h9v9z" clip-path="url(#c1)"/><path d="M0 0h9v9z" style="clip-path:url(#c2)"/><path d="M0 0h9v9z" clip-path="url(#c3)"/>',
      ),
      mergeDuplicateDefs,
    );
    expect(out.match(/<clipPath/g)).toHaveLength(2);
    expect(out).not.toContain('#c2');
    expect(out).toContain('style="clip-path:url(#c1)"');
    expect(out).toContain('clip-path="url(#c3)"');
  });

  it('rewrites href references and leaves ids that a style sheet selects', () => {
    const gradient = (id: string) => `<linearGradient id="${id}"><stop offset="0" stop-color="red"/></linearGradient>`;
    const out = run(
      svg(
        `<style>#g2{opacity:.5}</style>${gradient('g1')}${gradient('g2')}${gradient('g3')}<linearGradient id="x" href="#g3"/>`,
      ),
      mergeDuplicateDefs,
    );
    expect(out).toContain('id="g2"');
    expect(out).not.toContain('id="g3"');
    expect(out).toContain('<linearGradient id="x" href="#g1"/>');
  });
});

describe('removeRedundantStops', () => {
  const stops = (out: string) => [...out.matchAll(/<stop[^>]*>/g)].map((m) => m[0]);

  it('drops a stop that repeats the one before it and stops hidden between two at one offset', () => {
    const out = run(
      svg(
        '<linearGradient id="g"><stop stop-color="red"/><stop offset="0" stop-color="red"/><stop offset="1" stop-color="blue"/><stop offset="1" stop-color="green"/><stop offset="1" stop-color="blue"/></linearGradient>',
      ),
      removeRedundantStops,
    );
    expect(stops(out)).toEqual(['<stop stop-color="red"/>', '<stop offset="1" stop-color="blue"/>']);
  });

  it('keeps a hard edge: two colours at the same offset', () => {
    const out = run(
      svg(
        '<linearGradient id="g"><stop offset=".5" stop-color="red"/><stop offset=".5" stop-color="blue"/><stop offset=".5" stop-color="blue"/></linearGradient>',
      ),
      removeRedundantStops,
    );
    expect(stops(out)).toEqual(['<stop offset=".5" stop-color="red"/>', '<stop offset=".5" stop-color="blue"/>']);
  });

  it('sees only the last offset-0 stop of a centred radial gradient, but all of a linear one', () => {
    const body = (tag: string) =>
      `<${tag} id="g"><stop stop-color="red"/><stop offset="0" stop-color="red" stop-opacity="0"/><stop offset="1" stop-color="red" stop-opacity="0"/></${tag}>`;
    expect(stops(run(svg(body('radialGradient')), removeRedundantStops))).toHaveLength(2);
    expect(stops(run(svg(body('linearGradient')), removeRedundantStops))).toHaveLength(3);
  });

  it('leaves gradients whose stops carry styles or classes alone', () => {
    const input = svg(
      '<linearGradient id="g"><stop class="a" offset="0"/><stop class="a" offset="0"/></linearGradient>',
    );
    expect(stops(run(input, removeRedundantStops))).toHaveLength(2);
  });
});

describe('shareGradientStops', () => {
  it('moves shared stops and attributes into one template referenced by href', () => {
    const g = (id: string, t: string) =>
      `<radialGradient id="${id}" cx="0" cy="0" r="1" gradientUnits="userSpaceOnUse" gradientTransform="${t}"><stop stop-color="red"/><stop offset="1" stop-color="red" stop-opacity="0"/></radialGradient>`;
    const out = run(svg(`<defs>${g('a', 'scale(2)')}${g('b', 'scale(3)')}</defs>`), shareGradientStops);
    expect(out).toContain('<radialGradient id="a" gradientTransform="scale(2)" href="#s0"/>');
    expect(out).toContain('<radialGradient id="b" gradientTransform="scale(3)" href="#s0"/>');
    expect(out.match(/<stop/g)).toHaveLength(2);
    expect(out).toMatch(/<radialGradient id="s0" cx="0" cy="0" r="1" gradientUnits="userSpaceOnUse"><stop/);
  });

  it('does not touch a gradient that another one already inherits from', () => {
    const input = svg(
      '<linearGradient id="a"><stop stop-color="red"/></linearGradient><linearGradient id="b"><stop stop-color="red"/></linearGradient><linearGradient id="c" href="#a"/>',
    );
    expect(run(input, shareGradientStops)).not.toContain('id="s0"');
  });
});

describe('sharePathData', () => {
  it('draws repeated path data with <use>, keeping each copy’s paint', () => {
    const d = 'M0 0c1 2 3 4 5 6s7 8 9 0-1 2-3 4 5 6 7 8 9 0 1 2z';
    const out = run(svg(`<path fill="red" d="${d}"/><path fill="url(#g)" d="${d}"/><path d="M1 1h1"/>`), sharePathData);
    expect(out).toContain(`<defs><path id="p0" d="${d}"/></defs>`);
    expect(out).toContain('<use href="#p0" fill="red"/>');
    expect(out).toContain('<use href="#p0" fill="url(#g)"/>');
    expect(out).toContain('<path d="M1 1h1"/>');
  });

  it('leaves files with a style sheet and paths with ids or classes alone', () => {
    const d = 'M0 0c1 2 3 4 5 6s7 8 9 0-1 2-3 4 5 6 7 8 9 0 1 2z';
    expect(run(svg(`<style>path{fill:red}</style><path d="${d}"/><path d="${d}"/>`), sharePathData)).not.toContain(
      '<use',
    );
    expect(run(svg(`<path class="a" d="${d}"/><path class="a" d="${d}"/>`), sharePathData)).not.toContain('<use');
  });
});

describe('removeUnpaintedShapes', () => {
  it('removes shapes with no fill and no stroke, including an inherited fill="none"', () => {
    const out = run(
      svg('<path d="M0 0h1"/><g fill="red"><path fill="none" d="M1 1h1"/><path d="M2 2h1"/></g>', ' fill="none"'),
      removeUnpaintedShapes,
    );
    expect(out).not.toContain('M0 0h1');
    expect(out).not.toContain('M1 1h1');
    expect(out).toContain('M2 2h1');
  });

  it('removes shapes filled with a fully transparent gradient, keeps stroked ones and clip paths', () => {
    const out = run(
      svg(
        '<linearGradient id="t"><stop stop-color="red" stop-opacity="0"/><stop offset="1" stop-color="red" stop-opacity="0"/></linearGradient><linearGradient id="u" href="#t"/>' +
          '<clipPath id="c"><path fill="none" d="M9 9h1"/></clipPath><path fill="url(#u)" d="M0 0h1"/><path fill="url(#t)" stroke="blue" d="M1 1h1"/>',
      ),
      removeUnpaintedShapes,
    );
    expect(out).not.toContain('M0 0h1');
    expect(out).toContain('M1 1h1');
    expect(out).toContain('M9 9h1');
  });

  it('keeps a <use> whose target paints itself', () => {
    const out = run(
      svg('<defs><path id="p" fill="red" d="M0 0h1"/></defs><use href="#p"/>', ' fill="none"'),
      removeUnpaintedShapes,
    );
    expect(out).toContain('<use href="#p"/>');
  });
});

describe('optimiseSvg', () => {
  it('rounds to 1/500 of the larger side, and coarser (down to 1/250) only to meet the budget', () => {
    const big = svg(
      Array.from({ length: 300 }, (_, i) => `<path fill="#${(i % 9) + 1}00" d="M${i}.123 1.456l2.345 3.456"/>`).join(
        '',
      ),
      '',
    ).replace('0 0 10 10', '0 0 300 300');
    expect(precisionFor(big)).toBe(1);
    expect(optimiseSvg(big, 100_000)).toMatch(/d="m1\.1 1\.5 2\.4 3\.4"/);
    const squeezed = optimiseSvg(big, 5_000);
    expect(squeezed).toMatch(/d="m1 1 2 4"/);
    expect(squeezed).not.toMatch(/\d\.\d/);
    // 1/250 of 300 is more than a unit: no coarser than whole numbers, even over budget.
    expect(optimiseSvg(big, 100)).toBe(squeezed);
    expect(LOGO_BUDGET_BYTES).toBe(10_240);
  });
});
