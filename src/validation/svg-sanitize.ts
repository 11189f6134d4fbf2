/**
 * What a logo may contain, decided on the parsed document (namespaces resolved), never on the
 * text: a prefix such as `<x:script xmlns:x="http://www.w3.org/2000/svg">` is an SVG <script>
 * here, as it is in a browser. The logo is parsed with sax (strict XML, namespace-aware), every
 * element and attribute outside an allowlist of SVG drawing is dropped, and what is left is
 * written back in one canonical form. Validation refuses a logo whose file differs from that
 * form, and the tools that write logos (`npm run logos`, `npm run new --logo`) write it, so
 * what is served is exactly what was checked.
 *
 * The allowlist follows the SVG profile of DOMPurify (`USE_PROFILES: { svg, svgFilters }`)
 * less everything that runs, loads or links: script, style, foreignObject, a, image, feImage,
 * the animation elements (SMIL can set an href), fonts; event handlers and `style`
 * attributes; any href that is not a local `#id`; any url() that is not `url(#id)`.
 * DOMPurify itself is not used: under linkedom it returns its input unchanged or empty
 * (linkedom has no `document.implementation`, no namespaces in XML mode).
 */
import sax from 'sax';
import { escapeXml } from '../og/svg.ts';

export const SVG_NS = 'http://www.w3.org/2000/svg';
export const XLINK_NS = 'http://www.w3.org/1999/xlink';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/** SVG elements a logo may hold (case as in SVG). */
export const LOGO_ELEMENTS = new Set([
  'svg',
  'g',
  'defs',
  'symbol',
  'use',
  'switch',
  'title',
  'desc',
  'metadata',
  'path',
  'rect',
  'circle',
  'ellipse',
  'line',
  'polyline',
  'polygon',
  'text',
  'tspan',
  'textPath',
  'linearGradient',
  'radialGradient',
  'stop',
  'pattern',
  'clipPath',
  'mask',
  'marker',
  'filter',
  'feBlend',
  'feColorMatrix',
  'feComponentTransfer',
  'feComposite',
  'feConvolveMatrix',
  'feDiffuseLighting',
  'feDisplacementMap',
  'feDistantLight',
  'feDropShadow',
  'feFlood',
  'feFuncA',
  'feFuncB',
  'feFuncG',
  'feFuncR',
  'feGaussianBlur',
  'feMerge',
  'feMergeNode',
  'feMorphology',
  'feOffset',
  'fePointLight',
  'feSpecularLighting',
  'feSpotLight',
  'feTile',
  'feTurbulence',
]);

/** Elements whose text is drawn (text nodes elsewhere are white space and dropped). */
const TEXT_ELEMENTS = new Set(['text', 'tspan', 'textPath', 'title', 'desc']);

/** Attributes without a namespace a logo may use. */
export const LOGO_ATTRIBUTES = new Set([
  'id',
  'class',
  'lang',
  'tabindex',
  'role',
  'aria-label',
  'aria-hidden',
  'focusable',
  'viewBox',
  'preserveAspectRatio',
  'width',
  'height',
  'x',
  'y',
  'x1',
  'y1',
  'x2',
  'y2',
  'cx',
  'cy',
  'r',
  'rx',
  'ry',
  'fx',
  'fy',
  'fr',
  'd',
  'points',
  'pathLength',
  'transform',
  'version',
  'href',
  'fill',
  'fill-opacity',
  'fill-rule',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-linecap',
  'stroke-linejoin',
  'stroke-miterlimit',
  'stroke-dasharray',
  'stroke-dashoffset',
  'opacity',
  'color',
  'display',
  'visibility',
  'overflow',
  'clip-path',
  'clip-rule',
  'clipPathUnits',
  'mask',
  'maskUnits',
  'maskContentUnits',
  'filter',
  'filterUnits',
  'primitiveUnits',
  'color-interpolation',
  'color-interpolation-filters',
  'paint-order',
  'vector-effect',
  'shape-rendering',
  'image-rendering',
  'text-rendering',
  'mix-blend-mode',
  'isolation',
  'gradientUnits',
  'gradientTransform',
  'spreadMethod',
  'offset',
  'stop-color',
  'stop-opacity',
  'patternUnits',
  'patternContentUnits',
  'patternTransform',
  'marker-start',
  'marker-mid',
  'marker-end',
  'markerWidth',
  'markerHeight',
  'markerUnits',
  'refX',
  'refY',
  'orient',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'font-variant',
  'font-stretch',
  'letter-spacing',
  'word-spacing',
  'text-anchor',
  'dominant-baseline',
  'alignment-baseline',
  'baseline-shift',
  'text-decoration',
  'writing-mode',
  'dx',
  'dy',
  'rotate',
  'textLength',
  'lengthAdjust',
  'startOffset',
  'method',
  'spacing',
  'side',
  'in',
  'in2',
  'result',
  'mode',
  'operator',
  'k1',
  'k2',
  'k3',
  'k4',
  'values',
  'type',
  'tableValues',
  'slope',
  'intercept',
  'amplitude',
  'exponent',
  'stdDeviation',
  'edgeMode',
  'order',
  'kernelMatrix',
  'divisor',
  'bias',
  'targetX',
  'targetY',
  'preserveAlpha',
  'surfaceScale',
  'diffuseConstant',
  'specularConstant',
  'specularExponent',
  'kernelUnitLength',
  'azimuth',
  'elevation',
  'z',
  'pointsAtX',
  'pointsAtY',
  'pointsAtZ',
  'limitingConeAngle',
  'scale',
  'xChannelSelector',
  'yChannelSelector',
  'flood-color',
  'flood-opacity',
  'lighting-color',
  'radius',
  'baseFrequency',
  'numOctaves',
  'seed',
  'stitchTiles',
]);

export interface SanitizedSvg {
  /** The canonical, allowlisted document; undefined when the file is not a usable SVG. */
  output?: string;
  /** What was dropped, with its line: `<script>`, `onclick= on <path>`... */
  removed: { line: number; what: string }[];
  /** Why the file cannot be used at all (not XML, not an <svg> root, a doctype...). */
  fatal?: string;
}

interface Node {
  name: string;
  attrs: [string, string][];
  children: (Node | string)[];
}

/** A reference to an id in the same document: `#id`, nothing else. */
const LOCAL_REF = /^#[A-Za-z_][\w.:-]*$/;

/** Whether every url(...) in the value is url(#id). */
function urlsAreLocal(value: string): boolean {
  for (const m of value.matchAll(/url\s*\(\s*(["']?)([^)"']*)\1\s*\)/gi))
    if (!LOCAL_REF.test(m[2].trim())) return false;
  // An url( that the pattern above could not read is refused too.
  return (
    (value.match(/url\s*\(/gi) ?? []).length === [...value.matchAll(/url\s*\(\s*(["']?)([^)"']*)\1\s*\)/gi)].length
  );
}

function serialize(node: Node): string {
  const attrs = node.attrs.map(([k, v]) => ` ${k}="${escapeXml(v)}"`).join('');
  if (node.children.length === 0) return `<${node.name}${attrs}/>`;
  const inner = node.children.map((c) => (typeof c === 'string' ? escapeXml(c) : serialize(c))).join('');
  return `<${node.name}${attrs}>${inner}</${node.name}>`;
}

/** Parse, allowlist and re-serialize an SVG logo. Never throws. */
export function sanitizeSvg(text: string, maxDepth = 200): SanitizedSvg {
  const removed: SanitizedSvg['removed'] = [];
  let fatal: string | undefined;
  const parser = sax.parser(true, { xmlns: true, position: true });
  const stack: (Node | null)[] = [];
  let root: Node | undefined;
  let usesXlink = false;
  const where = () => `line ${parser.line + 1}`;
  const drop = (what: string) => removed.push({ line: parser.line + 1, what });
  const stop = (message: string) => {
    fatal ??= `${message} (${where()})`;
  };

  parser.ondoctype = () =>
    stop('<!DOCTYPE> is not allowed (expected a plain SVG document without a doctype or entities)');
  parser.onprocessinginstruction = (pi) => {
    if (pi.name !== 'xml') drop(`<?${pi.name}?>`);
  };
  parser.onopentag = (tag) => {
    const t = tag as sax.QualifiedTag;
    const parent = stack[stack.length - 1];
    if (stack.length === 0 && root) stop('a second root element');
    if (stack.length === 0 && (t.uri !== SVG_NS || t.local !== 'svg'))
      stop(`the root element is <${t.name}> in namespace "${t.uri}" (expected <svg xmlns="${SVG_NS}">)`);
    if (stack.length >= maxDepth) stop(`elements nested more than ${maxDepth} deep`);
    // Inside a dropped element everything is dropped with it.
    if (stack.length > 0 && parent === null) {
      stack.push(null);
      return;
    }
    if (t.uri !== SVG_NS || !LOGO_ELEMENTS.has(t.local)) {
      drop(`<${t.name}>${t.uri !== SVG_NS ? ` (namespace "${t.uri || 'none'}")` : ''}`);
      stack.push(null);
      return;
    }
    const node: Node = { name: t.local, attrs: [], children: [] };
    for (const a of Object.values(t.attributes)) {
      if (a.uri === XMLNS_NS || a.name === 'xmlns') continue; // declarations are rewritten below
      let name: string | undefined;
      if (a.uri === '' && LOGO_ATTRIBUTES.has(a.local)) name = a.local;
      else if (a.uri === XLINK_NS && a.local === 'href') name = 'xlink:href';
      else if (a.uri === XML_NS && a.local === 'space') name = 'xml:space';
      const label = `${a.name}= on <${t.name}>`;
      if (!name) {
        drop(label);
        continue;
      }
      if (name.endsWith('href') && !LOCAL_REF.test(a.value.trim())) {
        drop(`${label}: "${a.value.slice(0, 60)}" points outside the logo (expected "#id")`);
        continue;
      }
      if (/url\s*\(/i.test(a.value) && !urlsAreLocal(a.value)) {
        drop(`${label}: ${a.value.slice(0, 60)} points outside the logo (expected url(#id))`);
        continue;
      }
      if (name === 'xlink:href') usesXlink = true;
      node.attrs.push([name, a.value]);
    }
    if (parent) parent.children.push(node);
    else root = node;
    stack.push(node);
  };
  parser.onclosetag = () => {
    stack.pop();
  };
  parser.ontext = (s) => {
    const parent = stack[stack.length - 1];
    if (!parent) return;
    if (TEXT_ELEMENTS.has(parent.name)) parent.children.push(s);
    else if (s.trim() !== '') drop(`text "${s.trim().slice(0, 30)}" in <${parent.name}>`);
  };
  parser.oncdata = (s) => parser.ontext(s);

  try {
    parser.write(text).close();
  } catch (error) {
    stop(`not well-formed XML: ${(error as Error).message.split('\n')[0]}`);
  }
  if (fatal) return { removed, fatal };
  if (!root) return { removed, fatal: 'no <svg> root element' };
  root.attrs = [
    ['xmlns', SVG_NS],
    ...(usesXlink ? ([['xmlns:xlink', XLINK_NS]] as [string, string][]) : []),
    ...root.attrs,
  ];
  return { output: serialize(root), removed };
}
