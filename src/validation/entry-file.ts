/**
 * The one reader of an entry file (`content/projects/<slug>.mdx`): where its YAML frontmatter
 * and its MDX body are, as offsets into the text and as line numbers. Validation, the
 * scripts' entry reader and frontmatter edits, the synthetic entries of the build benchmark
 * and the test helpers all split an entry here. A byte order mark and CRLF line endings are
 * allowed.
 *
 * Astro (`@astrojs/mdx`, through `parseFrontmatter` of `astro/markdown`) ends the frontmatter
 * at the first line that *starts* with `---` or `+++`, whatever follows on that line, and
 * compiles everything after those three characters as MDX. A reader with any other rule can
 * be shown a file whose body it never checks: a closing `---\t` that Astro accepts and a
 * stricter parser reads past hid an `import` from validation. So this reader accepts one
 * form only, on which every reader agrees: an opening line that is exactly `---`, and a
 * closing line, the first one starting with `---` or `+++`, that is exactly `---`. Anything
 * else is refused with the line, never read another way. `astroBody` is the body as Astro
 * compiles it, for the checks that must see exactly that text.
 */
import { extractFrontmatter, parseFrontmatter } from 'astro/markdown';

export interface EntryParts {
  /** `"\uFEFF"` when the file starts with a byte order mark, otherwise `""`. */
  bom: string;
  /** The line ending of the opening `---` line. */
  eol: '\n' | '\r\n';
  /** Offset of the first YAML character (after the opening `---` line). */
  yamlStart: number;
  /** Offset of the closing `---` line (the YAML text ends just before it). */
  yamlEnd: number;
  /** The YAML between the fences: `text.slice(yamlStart, yamlEnd)`. */
  yaml: string;
  /** Line of the first YAML line (the line after the opening fence). */
  yamlLine: number;
  /** Everything after the closing fence line. */
  body: string;
  /** Line the body starts on. */
  bodyLine: number;
}

/**
 * Why a text is not an entry: its first line is not exactly `---` (`opening`), or no later
 * line closes the frontmatter as exactly `---` (`closing`), with the line and a sentence
 * that ends with what was expected.
 */
export type EntryFenceMissing = { missing: 'opening' | 'closing'; line: number; message: string };

const lineCount = (text: string, end: number): number => {
  let lines = 1;
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) lines++;
  return lines;
};

const shownLine = (line: string) => JSON.stringify(line.length > 40 ? `${line.slice(0, 40)}…` : line);

/** Splits an entry into frontmatter and body, or says which `---` fence is wrong and where. */
export function readEntry(text: string): EntryParts | EntryFenceMissing {
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const open = /^---(\r?\n)/.exec(text.slice(bom.length));
  if (!open) {
    const first = /^[^\r\n]*/.exec(text.slice(bom.length))![0];
    return {
      missing: 'opening',
      line: 1,
      message: `${first.startsWith('---') || first.startsWith('+++') ? `the first line is ${shownLine(first)}` : 'no frontmatter found'} (expected the file to start with a line that is exactly ---, the YAML fields, then a closing line that is exactly ---)`,
    };
  }
  const yamlStart = bom.length + open[0].length;
  // Astro's rule: the first line starting with --- or +++ ends the frontmatter. Only \n ends a
  // line here, as in Astro's pattern (a lone \r is refused before this, in text.ts).
  const close = /(?:^|\n)(?:---|\+\+\+)/.exec(text.slice(yamlStart));
  if (!close)
    return {
      missing: 'closing',
      line: lineCount(text, text.length),
      message: 'the frontmatter is never closed (expected a line that is exactly --- after the YAML fields)',
    };
  const yamlEnd = yamlStart + close.index + (close[0].startsWith('\n') ? 1 : 0);
  const newline = text.indexOf('\n', yamlEnd);
  const lineEnd = newline === -1 ? text.length : newline + 1;
  const line = text.slice(yamlEnd, newline === -1 ? text.length : newline).replace(/\r$/, '');
  if (line !== '---')
    return {
      missing: 'closing',
      line: lineCount(text, yamlEnd),
      message: `the frontmatter ends at ${shownLine(line)}, and Astro would compile the rest of that line as MDX (expected a closing line that is exactly ---)`,
    };
  const bodyStart = lineEnd;
  return {
    bom,
    eol: open[1] === '\r\n' ? '\r\n' : '\n',
    yamlStart,
    yamlEnd,
    yaml: text.slice(yamlStart, yamlEnd),
    yamlLine: lineCount(text, yamlStart),
    body: text.slice(bodyStart),
    bodyLine: lineCount(text, bodyStart),
  };
}

/** `readEntry`, or null when a fence is missing or not exactly `---`. */
export function splitEntry(text: string): EntryParts | null {
  const parts = readEntry(text);
  return 'missing' in parts ? null : parts;
}

/**
 * Whether Astro splits `text` where `readEntry` did: its frontmatter text is the opening
 * fence's line ending plus our YAML. Reads Astro's split without parsing the YAML.
 */
export function astroAgrees(text: string, parts: EntryParts): boolean {
  return extractFrontmatter(text) === parts.eol + parts.yaml;
}

/**
 * What Astro's MDX integration reads from this file, by Astro's own `parseFrontmatter`: the
 * frontmatter's data, and the text it compiles (the frontmatter blanked out with spaces, line
 * breaks kept, so lines stay the file's lines). Astro parses the YAML there with its own
 * js-yaml and no limits, so call this only on a text whose YAML already parsed within the
 * limits of `loadYaml`; `blankedBody` gives the same text without parsing. Throws what Astro
 * throws (a YAML error would stop the build too).
 */
export function astroRead(text: string): { frontmatter: Record<string, unknown>; content: string } {
  const { frontmatter, content } = parseFrontmatter(text, { frontmatter: 'empty-with-spaces' });
  return { frontmatter, content };
}

/** The text Astro compiles for this file (see `astroRead`). */
export const astroBody = (text: string): string => astroRead(text).content;

/**
 * Whether two readings of the same YAML hold the same data. Astro's js-yaml turns an unquoted
 * timestamp into a Date where ours keeps the text: the two are the same when they name the
 * same instant. Anything else must be equal, key for key.
 */
export function sameData(ours: unknown, astro: unknown): boolean {
  if (astro instanceof Date)
    return typeof ours === 'string' && !Number.isNaN(Date.parse(ours)) && Date.parse(ours) === astro.getTime();
  if (Array.isArray(ours) || Array.isArray(astro))
    return (
      Array.isArray(ours) &&
      Array.isArray(astro) &&
      ours.length === astro.length &&
      ours.every((v, i) => sameData(v, astro[i]))
    );
  if (ours && astro && typeof ours === 'object' && typeof astro === 'object') {
    const a = Object.keys(ours);
    const b = Object.keys(astro);
    return (
      a.length === b.length &&
      a.every(
        (k) =>
          Object.hasOwn(astro, k) &&
          sameData((ours as Record<string, unknown>)[k], (astro as Record<string, unknown>)[k]),
      )
    );
  }
  return Object.is(ours, astro) || (ours == null && astro == null);
}

/**
 * The same text as `astroBody` when `astroAgrees(text, parts)`, made without parsing the YAML:
 * for reporting body problems of an entry whose YAML is refused.
 */
export function blankedBody(text: string, parts: EntryParts): string {
  const raw = parts.eol + parts.yaml;
  return `${parts.bom}   ${raw.replace(/[^\r\n]/g, ' ')}   ${text.slice(parts.yamlEnd + 3)}`;
}
