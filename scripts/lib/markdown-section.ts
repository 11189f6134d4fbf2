/**
 * Replaces one `## ` section of a Markdown file (BENCHMARKS.md) and leaves the others as they
 * are, so several tools can each own a section of the same file.
 */

/** `markdown` with the section titled `heading` (the text after `## `) set to `body`, or appended. */
export function replaceSection(markdown: string, heading: string, body: string): string {
  const lines = markdown.replace(/\r\n/g, '\n').split('\n');
  const title = `## ${heading}`;
  const start = lines.findIndex((l) => l.trimEnd() === title);
  const section = [title, '', ...body.trim().split('\n'), ''];
  if (start < 0) {
    const text = lines.join('\n').replace(/\n*$/, '');
    return `${text}${text ? '\n\n' : ''}${section.join('\n')}`;
  }
  // The section runs to the next heading of the same or a higher level.
  let end = start + 1;
  while (end < lines.length && !/^#{1,2} /.test(lines[end])) end++;
  return [...lines.slice(0, start), ...section, ...lines.slice(end)].join('\n').replace(/\n*$/, '\n');
}
