/**
 * Untrusted text (values from landscape.yml) shown in Markdown (the sync pull request body) as
 * a code block that nothing in it can close: the fence is one backtick longer than the longest
 * run of backticks in the text, and at least three (CommonMark closes a fence only with a run
 * at least as long as the opening one).
 */
export function fenceCode(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}text\n${text.replace(/\n*$/, '')}\n${fence}\n`;
}
