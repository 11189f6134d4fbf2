/**
 * What a logo in public/logos/ may contain. Logos arrive by pull request, are served from the
 * site's origin (where a script in an SVG opened on its own would run; the pages' CSP meta tag
 * does not cover it) and are nested into the share images the build draws with resvg (where a
 * reference to a file would be read from the build machine, and a <style> would restyle the
 * whole card). So a logo is one <svg> document of shapes: no scripts, styles, foreign content,
 * embedded or linked images, animation, event handlers, or references to anything but its
 * own `#ids`. Pure: text in, problems out.
 */

export interface LogoProblem {
  line: number;
  /** `logo:document`, `logo:element`, `logo:handler` or `logo:reference`. */
  rule: string;
  message: string;
}

/** Elements a logo may not hold (lower case; SVG names are matched without regard to case). */
export const FORBIDDEN_LOGO_ELEMENTS = [
  'script',
  'style',
  'foreignobject',
  'iframe',
  'object',
  'embed',
  'image',
  'feimage',
  'a',
  'animate',
  'animatemotion',
  'animatetransform',
  'set',
  'handler',
  'listener',
] as const;

const lineOf = (text: string, index: number) => text.slice(0, index).split('\n').length;

/** Index just after the `</svg>` that closes the <svg> opened at `start`, or -1. */
function rootEnd(text: string, start: number): number {
  let depth = 0;
  for (const m of text.slice(start).matchAll(/<svg\b[^>]*?(\/?)>|<\/svg\s*>/gi)) {
    if (m[0].startsWith('</')) depth--;
    else if (m[1] !== '/') depth++;
    if (depth <= 0) return start + m.index! + m[0].length;
  }
  return -1;
}

/** Everything wrong with a logo's SVG text, in the order found. */
export function logoProblems(text: string): LogoProblem[] {
  const problems: LogoProblem[] = [];
  const add = (index: number, rule: string, message: string) => problems.push({ line: lineOf(text, index), rule, message });

  const declaration = /<!(DOCTYPE|ENTITY)\b/i.exec(text);
  if (declaration) add(declaration.index, 'logo:document', `<!${declaration[1]}> is not allowed (expected a plain SVG document without a doctype or entities)`);

  // Before the root: an XML declaration, comments and white space only.
  const lead = /^\uFEFF?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*/.exec(text)![0];
  if (!/^<svg\b/i.test(text.slice(lead.length)) && !declaration) add(lead.length, 'logo:document', 'expected the file to start with its <svg> root element');
  // After the root (its matching </svg>, nested <svg>s counted): comments and white space only.
  const end = rootEnd(text, lead.length);
  if (end < 0) add(text.length, 'logo:document', 'expected a closing </svg>');
  else if (!/^(?:\s*<!--[\s\S]*?-->)*\s*$/.test(text.slice(end))) add(end, 'logo:document', 'content after the closing </svg> (expected one <svg> document and nothing after it)');

  for (const m of text.matchAll(/<\s*([a-zA-Z][\w.:-]*)/g)) {
    const name = m[1].toLowerCase().replace(/^svg:/, '');
    if ((FORBIDDEN_LOGO_ELEMENTS as readonly string[]).includes(name))
      add(
        m.index!,
        'logo:element',
        `<${m[1]}> is not allowed in a logo (expected shapes, paths, groups, gradients, clip paths and masks only${name === 'style' ? '; `npm run logos -- <source.svg> <slug>` turns styles into attributes' : ''})`,
      );
  }
  for (const m of text.matchAll(/\s(on[a-z]+)\s*=/gi)) add(m.index! + 1, 'logo:handler', `the event handler ${m[1]}= is not allowed (expected no scripting)`);
  for (const m of text.matchAll(/\s((?:xlink:)?href)\s*=\s*(["'])(.*?)\2/gi))
    if (!m[3].trim().startsWith('#')) add(m.index! + 1, 'logo:reference', `${m[1]}="${m[3].slice(0, 60)}" points outside the logo (expected a reference to an id in the same file, "#…")`);
  for (const m of text.matchAll(/url\(\s*(["']?)([^)"']*)\1\s*\)/gi))
    if (!m[2].trim().startsWith('#')) add(m.index!, 'logo:reference', `url(${m[2].slice(0, 60)}) points outside the logo (expected url(#id))`);
  for (const m of text.matchAll(/@import\b/gi)) add(m.index!, 'logo:reference', '@import is not allowed (expected no style sheets)');
  return problems;
}
