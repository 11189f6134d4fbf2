/**
 * One thing wrong with a content file. Every check returns these, and every caller (the
 * validate CLI, the build guard, tests) prints them with `formatProblem`, so a contributor
 * sees the same line wherever the problem is found.
 */
export interface Problem {
  /** File path as shown to the contributor (relative to the working directory). */
  file: string;
  /** 1-based line the problem is on; 1 when it concerns the whole file. */
  line: number;
  /** The frontmatter field (`dates.graduated`, `rustRepos[0].repo`) or the rule name (`mdx:no-esm`). */
  field: string;
  /** What is wrong, ending with what was expected. */
  message: string;
}

/** `path:line: field: message`, the format editors and CI logs turn into links. */
export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}: ${p.field}: ${p.message}`;
}

/** Stable order: by file, then line, then field. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.field.localeCompare(b.field) ||
      a.message.localeCompare(b.message),
  );
}

/** `["rustRepos", 0, "repo"]` → `rustRepos[0].repo`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}
