/**
 * What an SVG in public/ (logos, figures, the favicon) may contain. Logos arrive by pull
 * request, are served from the site's origin (where a script in an SVG opened on its own would
 * run; the pages' CSP meta tag does not cover it) and are nested into the share images the
 * build draws with resvg (where a reference to a file would be read from the build machine).
 * So the file must be exactly what `sanitizeSvg` makes of it (svg-sanitize.ts): parsed with
 * namespaces, SVG drawing elements and attributes only, references to its own `#ids` only,
 * written in one canonical form. Pure: text in, problems out.
 */
import { sanitizeSvg } from './svg-sanitize.ts';
import { svgSize } from '../og/svg.ts';

export interface LogoProblem {
  line: number;
  /** `logo:document` (not a usable SVG), `logo:removed` (sanitizing drops it) or `logo:canonical`. */
  rule: string;
  message: string;
}

/** Largest SVG accepted in public/ (the biggest logo is about 30 KB). */
export const MAX_SVG_BYTES = 256 * 1024;

/** Everything wrong with an SVG file's text, in the order found. */
export function logoProblems(text: string): LogoProblem[] {
  if (Buffer.byteLength(text) > MAX_SVG_BYTES)
    return [
      {
        line: 1,
        rule: 'logo:document',
        message: `the file is ${Buffer.byteLength(text)} bytes (expected at most ${MAX_SVG_BYTES})`,
      },
    ];
  const result = sanitizeSvg(text);
  if (result.fatal) {
    const at = /\s\(line (\d+)\)$/.exec(result.fatal);
    return [
      {
        line: at ? Number(at[1]) : 1,
        rule: 'logo:document',
        message: `${at ? result.fatal.slice(0, at.index) : result.fatal}; expected one <svg> document`,
      },
    ];
  }
  try {
    // Share images and <img> sizes need it; without it the build failed far from the file.
    svgSize(result.output!);
  } catch (error) {
    return [
      { line: 1, rule: 'logo:document', message: `${(error as Error).message} (the site sizes every logo from it)` },
    ];
  }
  const fix = 'sanitizing removes it; `npm run logos -- <source.svg> <slug>` writes the sanitized file';
  const problems: LogoProblem[] = result.removed.map((r) => ({
    line: r.line,
    rule: 'logo:removed',
    message: `${r.what} is not allowed (${fix}; expected SVG shapes, paths, groups, gradients, clip paths, masks and filters, referring only to #ids of the file)`,
  }));
  if (problems.length === 0 && result.output !== text && `${result.output}\n` !== text)
    problems.push({
      line: 1,
      rule: 'logo:canonical',
      message:
        'the file differs from its sanitized form (comments, XML declaration, namespace declarations, quoting or a trailing newline); `npm run logos -- <file.svg> <slug>` writes that form',
    });
  return problems;
}
