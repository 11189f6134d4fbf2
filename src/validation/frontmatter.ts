/** Splitting an entry into its YAML frontmatter and its MDX body, keeping line numbers. */

export interface EntryParts {
  /** The YAML between the `---` fences. */
  yaml: string;
  /** Line of the first YAML line (the line after the opening fence). */
  yamlLine: number;
  /** Everything after the closing fence. */
  body: string;
  /** Line the body starts on. */
  bodyLine: number;
}

/**
 * `text` must start with a `---` line and have a closing `---` line (line endings already
 * normalised to LF). Returns null when either fence is missing.
 */
export function splitFrontmatter(text: string): EntryParts | null {
  const lines = text.split('\n');
  if (lines[0]?.trimEnd() !== '---') return null;
  const close = lines.findIndex((line, i) => i > 0 && line.trimEnd() === '---');
  if (close === -1) return null;
  return {
    yaml: lines.slice(1, close).join('\n'),
    yamlLine: 2,
    body: lines.slice(close + 1).join('\n'),
    bodyLine: close + 2,
  };
}
