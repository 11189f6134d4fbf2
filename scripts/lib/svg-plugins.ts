/**
 * Lossless SVGO plugins that the default preset lacks, for logos exported by design tools:
 * - `mergeDuplicateDefs`: many exporters write one identical `<clipPath>` or gradient per shape;
 *   keep the first and point every `url(#…)` / `href="#…"` reference at it.
 * - `removeRedundantStops`: drop gradient stops that cannot change a pixel (a repeat of the stop
 *   before it, or a stop squeezed between two others at the same offset).
 * - `shareGradientStops`: gradients that differ only in placement take their stops from one
 *   template through `href`.
 * - `sharePathData`: path data drawn several times with different paint is kept once in
 *   `<defs>` and drawn with `<use>`.
 * - `removeUnpaintedShapes`: shapes with no stroke and a fill that paints nothing go.
 */
import type { CustomPlugin, XastChild, XastElement, XastParent } from 'svgo';

const MERGEABLE = new Set([
  'clipPath',
  'mask',
  'linearGradient',
  'radialGradient',
  'pattern',
  'filter',
  'marker',
  'symbol',
]);

function elements(parent: XastParent): XastElement[] {
  return parent.children.filter((c): c is XastElement => c.type === 'element');
}

function walk(parent: XastParent, visit: (node: XastElement, parent: XastParent) => void): void {
  for (const node of elements(parent)) {
    visit(node, parent);
    walk(node, visit);
  }
}

/** A stable text for a subtree, ignoring the root's own id. */
function fingerprint(node: XastElement): string {
  const attrs = (el: XastElement, skipId: boolean) =>
    Object.keys(el.attributes)
      .filter((k) => !(skipId && k === 'id'))
      .sort()
      .map((k) => `${k}=${JSON.stringify(el.attributes[k])}`)
      .join(' ');
  const text = (child: XastChild, root: boolean): string => {
    if (child.type === 'element')
      return `<${child.name} ${attrs(child, root)}>${child.children.map((c) => text(c, false)).join('')}</${child.name}>`;
    if (child.type === 'text' || child.type === 'cdata') return JSON.stringify(child.value);
    return '';
  };
  return text(node, true);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function rewriteReferences(value: string, renamed: Map<string, string>): string {
  return value.replace(/url\(\s*(['"]?)#([^'")\s]+)\1\s*\)/g, (whole, quote: string, id: string) => {
    const to = renamed.get(id);
    return to ? `url(${quote}#${to}${quote})` : whole;
  });
}

export const mergeDuplicateDefs: CustomPlugin = {
  name: 'mergeDuplicateDefs',
  fn: () => ({
    root: {
      enter: (root) => {
        // An id named in a style sheet selector (`#a{…}`) may be styled: never merge those.
        const selectors = styleText(root).replace(/url\([^)]*\)/g, '');
        const styled = (id: string) => new RegExp(`#${escapeRegExp(id)}(?![\\w-])`).test(selectors);
        const firstByPrint = new Map<string, string>();
        const renamed = new Map<string, string>();
        const doomed = new Set<XastElement>();
        walk(root, (node) => {
          const id = node.attributes.id;
          if (!MERGEABLE.has(node.name) || !id || styled(id)) return;
          const print = `${node.name}|${fingerprint(node)}`;
          const first = firstByPrint.get(print);
          if (first === undefined) firstByPrint.set(print, id);
          else {
            renamed.set(id, first);
            doomed.add(node);
          }
        });
        if (renamed.size === 0) return;
        const prune = (parent: XastParent) => {
          parent.children = parent.children.filter((c) => c.type !== 'element' || !doomed.has(c));
          for (const child of elements(parent)) prune(child);
        };
        prune(root);
        walk(root, (node) => {
          for (const [name, value] of Object.entries(node.attributes)) {
            if ((name === 'href' || name === 'xlink:href') && value.startsWith('#') && renamed.has(value.slice(1))) {
              node.attributes[name] = `#${renamed.get(value.slice(1))}`;
            } else if (value.includes('url(')) node.attributes[name] = rewriteReferences(value, renamed);
          }
          if (node.name === 'style') {
            for (const child of node.children)
              if (child.type === 'text' || child.type === 'cdata')
                child.value = rewriteReferences(child.value, renamed);
          }
        });
      },
    },
  }),
};

function styleText(root: XastParent): string {
  let text = '';
  walk(root, (node) => {
    if (node.name === 'style')
      for (const c of node.children) if (c.type === 'text' || c.type === 'cdata') text += c.value;
  });
  return text;
}

const STOP_ATTRIBUTES = new Set(['offset', 'stop-color', 'stop-opacity']);

function stopOffset(value: string | undefined): number {
  if (value === undefined) return 0;
  const n = value.trim().endsWith('%') ? parseFloat(value) / 100 : parseFloat(value);
  return Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0;
}

export const removeRedundantStops: CustomPlugin = {
  name: 'removeRedundantStops',
  fn: () => ({
    element: {
      enter: (node) => {
        if (node.name !== 'linearGradient' && node.name !== 'radialGradient') return;
        const stops = elements(node);
        // Only plain stops can be compared by their attributes (no class, style or children).
        if (
          stops.length < 2 ||
          stops.some(
            (s) =>
              s.name !== 'stop' ||
              s.children.length > 0 ||
              Object.keys(s.attributes).some((a) => !STOP_ATTRIBUTES.has(a)),
          )
        )
          return;
        let previous = 0;
        const resolved = stops.map((s) => {
          // A stop's offset is never less than the one before it (SVG 1.1, 13.2.4).
          previous = Math.max(previous, stopOffset(s.attributes.offset));
          const colour = `${(s.attributes['stop-color'] ?? 'black').toLowerCase()}|${stopOffset(s.attributes['stop-opacity'] ?? '1')}`;
          return { node: s, offset: previous, colour };
        });
        // A radial gradient whose focus is its centre reaches offset 0 only at that one point:
        // of the stops at offset 0 only the last is ever seen.
        const centred =
          node.name === 'radialGradient' && !['fx', 'fy', 'fr', 'href', 'xlink:href'].some((a) => a in node.attributes);
        const seen = resolved.filter((s, i) => !(centred && s.offset === 0 && resolved[i + 1]?.offset === 0));
        // Of three or more stops at one offset only the first and the last are ever seen.
        const edges = seen.filter((s, i) => !(seen[i - 1]?.offset === s.offset && seen[i + 1]?.offset === s.offset));
        // A stop that repeats the stop before it (same offset, same colour) adds nothing.
        const keep = edges.filter((s, i) => !(edges[i - 1]?.offset === s.offset && edges[i - 1]?.colour === s.colour));
        // Dropping a stop changes the offsets of none of the others only if each kept stop's
        // written offset still resolves the same: write the resolved offset where it differs.
        for (const s of keep)
          if (stopOffset(s.node.attributes.offset) !== s.offset) s.node.attributes.offset = String(s.offset);
        const kept = new Set(keep.map((s) => s.node));
        node.children = node.children.filter((c) => c.type !== 'element' || kept.has(c));
      },
    },
  }),
};

/** Attributes a gradient passes on through `href` (SVG 2, 14.2): all but its id and href. */
const GRADIENT_SHARED = /^(?:x1|y1|x2|y2|cx|cy|r|fx|fy|fr|gradientUnits|gradientTransform|spreadMethod)$/;

/**
 * Gradients that differ only in placement (the usual export: one gradient per shape, same
 * stops) keep their own placement and take the stops, and every attribute they share, from one
 * template through `href`. The template is a never-rendered gradient like the others.
 */
export const shareGradientStops: CustomPlugin = {
  name: 'shareGradientStops',
  fn: () => ({
    root: {
      enter: (root) => {
        const ids = new Set<string>();
        const targets = new Set<string>();
        walk(root, (node) => {
          if (node.attributes.id) ids.add(node.attributes.id);
          for (const name of ['href', 'xlink:href'])
            if (node.attributes[name]?.startsWith('#')) targets.add(node.attributes[name].slice(1));
        });
        const groups = new Map<string, { node: XastElement; parent: XastParent }[]>();
        walk(root, (node, parent) => {
          if (node.name !== 'linearGradient' && node.name !== 'radialGradient') return;
          const attrs = Object.keys(node.attributes);
          if (
            !node.attributes.id ||
            targets.has(node.attributes.id) ||
            attrs.some((a) => a !== 'id' && !GRADIENT_SHARED.test(a))
          )
            return;
          const stops = elements(node);
          if (stops.length === 0 || stops.length !== node.children.length) return;
          const key = `${node.name}|${stops.map(fingerprint).join('')}`;
          groups.set(key, [...(groups.get(key) ?? []), { node, parent }]);
        });
        let counter = 0;
        const freshId = () => {
          let id: string;
          do id = `s${(counter++).toString(36)}`;
          while (ids.has(id));
          ids.add(id);
          return id;
        };
        for (const members of groups.values()) {
          if (members.length < 2) continue;
          const first = members[0].node;
          const common = Object.keys(first.attributes).filter(
            (a) => a !== 'id' && members.every((m) => m.node.attributes[a] === first.attributes[a]),
          );
          const template: XastElement = {
            type: 'element',
            name: first.name,
            attributes: { id: freshId(), ...Object.fromEntries(common.map((a) => [a, first.attributes[a]])) },
            children: first.children,
          };
          const { parent } = members[0];
          parent.children.splice(parent.children.indexOf(first), 0, template);
          for (const { node } of members) {
            for (const a of common) delete node.attributes[a];
            node.attributes.href = `#${template.attributes.id}`;
            node.children = [];
          }
        }
      },
    },
  }),
};

/** Attributes a `<use>` applies to its copy exactly as they applied to the path itself. */
const USE_SAFE =
  /^(?:fill|fill-opacity|fill-rule|stroke|stroke-[a-z]+|opacity|transform|clip-path|clip-rule|mask|filter|color|visibility)$/;

/**
 * Shapes drawn several times with different paint (a design tool's stacked gradient fills)
 * repeat the same path data; keep it once in `<defs>` and draw each copy with `<use>`.
 * svgo's reusePaths only merges paths whose fill and stroke are also equal.
 */
export const sharePathData: CustomPlugin = {
  name: 'sharePathData',
  fn: () => ({
    root: {
      enter: (root) => {
        const svg = elements(root).find((n) => n.name === 'svg');
        if (!svg || styleText(root).length > 0) return;
        const ids = new Set<string>();
        const byData = new Map<string, { node: XastElement; parent: XastParent }[]>();
        walk(root, (node, parent) => {
          if (node.attributes.id) ids.add(node.attributes.id);
          if (node.name !== 'path' || node.children.length > 0 || !node.attributes.d) return;
          if (Object.keys(node.attributes).some((a) => a !== 'd' && !USE_SAFE.test(a))) return;
          byData.set(node.attributes.d, [...(byData.get(node.attributes.d) ?? []), { node, parent }]);
        });
        let counter = 0;
        let defs: XastElement | undefined;
        for (const [d, copies] of byData) {
          // `<use href="#pN"/>` is about 20 bytes: worth it only for longer path data.
          if (copies.length < 2 || d.length < 40) continue;
          let id: string;
          do id = `p${(counter++).toString(36)}`;
          while (ids.has(id));
          ids.add(id);
          if (!defs) {
            defs = { type: 'element', name: 'defs', attributes: {}, children: [] };
            svg.children.unshift(defs);
          }
          defs.children.push({ type: 'element', name: 'path', attributes: { id, d }, children: [] });
          for (const { node } of copies) {
            node.name = 'use';
            delete node.attributes.d;
            node.attributes = { href: `#${id}`, ...node.attributes };
          }
        }
      },
    },
  }),
};

const SHAPES = new Set(['path', 'use', 'circle', 'ellipse', 'rect', 'polygon', 'polyline', 'line']);
const NEVER_RENDERED = new Set(['defs', 'clipPath', 'mask', 'symbol', 'marker', 'pattern']);

/**
 * Shapes that paint nothing: no stroke, and a fill that is `none` or a gradient whose every
 * stop is transparent (svgo's removeHiddenElems does not follow inherited fills or gradients).
 * Files with a style sheet are left alone, since a class could give a shape its paint.
 */
export const removeUnpaintedShapes: CustomPlugin = {
  name: 'removeUnpaintedShapes',
  fn: () => ({
    root: {
      enter: (root) => {
        if (styleText(root).length > 0) return;
        const byId = new Map<string, XastElement>();
        walk(root, (node) => {
          if (node.attributes.id) byId.set(node.attributes.id, node);
        });
        const stopsOf = (gradient: XastElement, depth = 0): XastElement[] => {
          const own = elements(gradient).filter((c) => c.name === 'stop');
          const href = gradient.attributes.href ?? gradient.attributes['xlink:href'];
          const parent = href?.startsWith('#') ? byId.get(href.slice(1)) : undefined;
          return own.length > 0 || !parent || depth > 8 ? own : stopsOf(parent, depth + 1);
        };
        const transparent = (paint: string): boolean => {
          if (paint === 'none' || paint === 'transparent') return true;
          const id = /^url\(\s*['"]?#([^'")\s]+)['"]?\s*\)$/.exec(paint)?.[1];
          const gradient = id ? byId.get(id) : undefined;
          if (!gradient || !/^(?:linear|radial)Gradient$/.test(gradient.name)) return false;
          const stops = stopsOf(gradient);
          return (
            stops.length > 0 &&
            stops.every(
              (s) =>
                s.attributes['stop-opacity'] !== undefined &&
                parseFloat(s.attributes['stop-opacity']) === 0 &&
                !s.attributes.style,
            )
          );
        };
        const doomed = new Set<XastElement>();
        const visit = (parent: XastElement, inherited: { fill: string; stroke: string }) => {
          for (const node of elements(parent)) {
            if (NEVER_RENDERED.has(node.name)) continue;
            const paint = {
              fill: node.attributes.fill ?? inherited.fill,
              stroke: node.attributes.stroke ?? inherited.stroke,
            };
            if (SHAPES.has(node.name) && !node.attributes.id && !node.attributes.style && !node.attributes.class) {
              // A <use> draws its target with the target's own paint where it sets one.
              const target =
                node.name === 'use'
                  ? byId.get((node.attributes.href ?? node.attributes['xlink:href'] ?? '').slice(1))
                  : undefined;
              const plainTarget =
                node.name !== 'use' ||
                (target?.name === 'path' && !['fill', 'stroke', 'style', 'class'].some((a) => a in target.attributes));
              if (plainTarget && transparent(paint.fill) && transparent(paint.stroke)) doomed.add(node);
            }
            visit(node, paint);
          }
        };
        for (const svg of elements(root))
          visit(svg, { fill: svg.attributes.fill ?? 'black', stroke: svg.attributes.stroke ?? 'none' });
        const prune = (parent: XastParent) => {
          parent.children = parent.children.filter((c) => c.type !== 'element' || !doomed.has(c));
          for (const child of elements(parent)) prune(child);
        };
        if (doomed.size > 0) prune(root);
      },
    },
  }),
};
