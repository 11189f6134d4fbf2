/**
 * Untrusted text (values from landscape.yml, names and reasons the tools print) on its way into
 * a Markdown issue or pull request body, or a CI log. Two rules, applied together:
 *
 * - `oneLine`: every value from outside is put on one line. A line break in a landscape name
 *   could otherwise close a code fence, start a heading, mention a team or, in a GitHub Actions
 *   log, start a `::workflow-command::` line.
 * - `fenceCode`: the text as a code block that nothing in it can close: the fence is one
 *   backtick longer than the longest run of backticks in the text, and at least three
 *   (CommonMark closes a fence only with a run at least as long as the opening one).
 */

/** Line breaks, other control characters and bidirectional controls (each run becomes one space). */
// eslint-disable-next-line no-control-regex -- its job is to find control characters
const BREAKING = /[\u0000-\u001f\u007f-\u009f\u0085\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]+/g;

/** `text` on one line: line breaks and other control characters become a space. */
export function oneLine(text: string): string {
  return text.replace(BREAKING, ' ');
}

export function fenceCode(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}text\n${text.replace(/\n*$/, '')}\n${fence}\n`;
}
