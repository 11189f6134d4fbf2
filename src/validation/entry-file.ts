/**
 * The one reader of an entry file (`content/projects/<slug>.mdx`): where its YAML frontmatter
 * and its MDX body are, as offsets into the text and as line numbers. Validation, the
 * scripts' frontmatter edits, the synthetic entries of the build benchmark and the test
 * helpers all split an entry here. A byte order mark and CRLF line endings are allowed.
 */

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

/** Why a text is not an entry: its first line is not `---`, or no later line is. */
export type EntryFenceMissing = { missing: 'opening' | 'closing' };

const lineCount = (text: string, end: number): number => {
  let lines = 1;
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) lines++;
  return lines;
};

/** Splits an entry into frontmatter and body, or says which `---` fence is missing. */
export function readEntry(text: string): EntryParts | EntryFenceMissing {
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const open = /^---[ \t]*(\r?\n|$)/.exec(text.slice(bom.length));
  if (!open) return { missing: 'opening' };
  const yamlStart = bom.length + open[0].length;
  const close = open[1] ? /^---[ \t]*(\r?\n|$)/m.exec(text.slice(yamlStart)) : null;
  if (!close) return { missing: 'closing' };
  const yamlEnd = yamlStart + close.index;
  const bodyStart = yamlEnd + close[0].length;
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

/** `readEntry`, or null when a fence is missing. */
export function splitEntry(text: string): EntryParts | null {
  const parts = readEntry(text);
  return 'missing' in parts ? null : parts;
}
