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
 *
 * Browsers read presentation attributes (`fill`, `filter`, `mask`...) as CSS, where `\75 rl(`
 * is `url(`: so a value may hold no backslash (a CSS escape) and no comment, and the only CSS
 * functions it may call are the transforms, the colour functions and a local `url(#id)`, in
 * any letter case. References to the logo's own ids are expanded by the renderers (a `<use>`
 * copies what it points to): the expanded document is capped (the largest logo expands to a
 * few hundred elements), or 10^5 uses in 13 KB froze a reader's browser for 14 s.
 *
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

/** CSS functions an attribute value may call (lower case); url() only as url(#id). */
const CSS_FUNCTIONS = new Set([
  'url',
  'matrix',
  'translate',
  'translatex',
  'translatey',
  'scale',
  'scalex',
  'scaley',
  'rotate',
  'skewx',
  'skewy',
  'rgb',
  'rgba',
  'hsl',
  'hsla',
]);

/** Why an attribute value cannot be kept as CSS, or undefined. */
function cssProblem(value: string): string | undefined {
  if (value.includes('\\')) return 'holds a backslash, a CSS escape (expected plain values)';
  if (value.includes('/*')) return 'holds a CSS comment (expected plain values)';
  for (const m of value.matchAll(/([A-Za-z_-][\w-]*)\s*\(/g))
    if (!CSS_FUNCTIONS.has(m[1].toLowerCase()))
      return `calls ${m[1]}() (expected only transforms, colours and url(#id))`;
  return undefined;
}

/** Most elements a logo may expand to once every reference to its own ids is followed. */
export const MAX_EXPANDED_ELEMENTS = 5_000;

/** Whether every url(...) in the value is url(#id). */
function urlsAreLocal(value: string): boolean {
  for (const m of value.matchAll(/url\s*\(\s*(["']?)([^)"']*)\1\s*\)/gi))
    if (!LOCAL_REF.test(m[2].trim())) return false;
  // An url( that the pattern above could not read is refused too.
  return (
    (value.match(/url\s*\(/gi) ?? []).length === [...value.matchAll(/url\s*\(\s*(["']?)([^)"']*)\1\s*\)/gi)].length
  );
}

/** The `#id`s an element refers to: its href and every url(#id) in its attributes. */
function references(node: Node): string[] {
  const refs: string[] = [];
  for (const [name, value] of node.attrs) {
    if (name.endsWith('href') && LOCAL_REF.test(value.trim())) refs.push(value.trim().slice(1));
    for (const m of value.matchAll(/url\s*\(\s*(["']?)#([^)"']*)\1\s*\)/gi)) refs.push(m[2].trim());
  }
  return refs;
}

/**
 * How many elements the document draws once every reference is followed (a reference counts
 * what it points to, with that element's own references), stopping past the cap; or why it
 * cannot be counted (a reference cycle). Iterative: chains of references cannot overflow it.
 */
function expandedElements(root: Node): number | string {
  const ids = new Map<string, Node>();
  const all: Node[] = [];
  const walk: Node[] = [root];
  while (walk.length) {
    const node = walk.pop()!;
    all.push(node);
    const id = node.attrs.find(([k]) => k === 'id')?.[1];
    if (id !== undefined && !ids.has(id)) ids.set(id, node);
    for (const c of node.children) if (typeof c !== 'string') walk.push(c);
  }
  const size = new Map<Node, number>();
  const open = new Set<Node>();
  const cap = MAX_EXPANDED_ELEMENTS + 1;
  const parts = (node: Node): Node[] => [
    ...node.children.filter((c): c is Node => typeof c !== 'string'),
    ...references(node)
      .map((id) => ids.get(id))
      .filter((n): n is Node => n !== undefined),
  ];
  const stack: { node: Node; expanded: boolean }[] = [{ node: root, expanded: false }];
  while (stack.length) {
    const top = stack[stack.length - 1];
    if (size.has(top.node)) {
      stack.pop();
      continue;
    }
    const next = parts(top.node);
    if (!top.expanded) {
      top.expanded = true;
      open.add(top.node);
      for (const part of next) {
        if (open.has(part))
          return `<${top.node.name}> refers to an element that contains it (a reference cycle; expected references to elements outside the one that refers)`;
        if (!size.has(part)) stack.push({ node: part, expanded: false });
      }
      continue;
    }
    open.delete(top.node);
    size.set(
      top.node,
      Math.min(
        cap,
        next.reduce((sum, part) => sum + (size.get(part) ?? 0), 1),
      ),
    );
    stack.pop();
  }
  return size.get(root) ?? 1;
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
      const css = cssProblem(a.value);
      if (css) {
        drop(`${label}: ${JSON.stringify(a.value.slice(0, 60))} ${css}`);
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
  const expanded = expandedElements(root);
  if (typeof expanded === 'string') return { removed, fatal: expanded };
  if (expanded > MAX_EXPANDED_ELEMENTS)
    return {
      removed,
      fatal: `the logo expands to more than ${MAX_EXPANDED_ELEMENTS} elements through <use> and url(#id) references (expected at most ${MAX_EXPANDED_ELEMENTS}; each reference draws a copy of what it points to)`,
    };
  root.attrs = [
    ['xmlns', SVG_NS],
    ...(usesXlink ? ([['xmlns:xlink', XLINK_NS]] as [string, string][]) : []),
    ...root.attrs,
  ];
  return { output: serialize(root), removed };
}
