/**
 * The pages that stand for the whole site in the browser checks: one page per template, and the
 * pages at the extremes of what a template has to hold (the longest name, the widest table, the
 * most repositories, the longest pages). All are computed from dist/ and the content, so a new
 * template, a longer name or a wider table is checked without editing a list.
 */
import { htmlFiles, readPage } from './dist.ts';
import { readCatalog } from './content.ts';

/** The site path of a dist/ HTML file: `projects/linkerd/index.html` → `/projects/linkerd/`. */
export const pathOf = (file: string): string =>
  file === 'index.html' ? '/' : file.endsWith('/index.html') ? `/${file.slice(0, -'index.html'.length)}` : `/${file}`;

/** The template a page is built from: each top-level page is its own, `x/<param>/` pages share `/x/*`. */
export const templateOf = (file: string): string =>
  file.split('/').length <= 2 ? pathOf(file) : `/${file.split('/')[0]}/*`;

/**
 * One path per template: every top-level page, and one page of each `x/<param>/` route (the
 * first by name, or the one of `prefer` when it has one).
 */
export function templatePaths(files: string[], prefer: readonly string[] = ['/projects/linkerd/']): string[] {
  const paths = new Map<string, string>();
  for (const file of files.filter((f) => f.endsWith('.html')).sort()) {
    const template = templateOf(file);
    if (!paths.has(template) || prefer.includes(pathOf(file))) paths.set(template, pathOf(file));
  }
  return [...paths.values()];
}

const text = (html: string) =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&[a-z#0-9]+;/gi, 'x')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * How wide a table must be at the least: the sum, over its columns, of the longest word in the
 * column (a word cannot wrap). The widest table of a page by that measure.
 */
export function widestTable(html: string): number {
  let widest = 0;
  for (const [table] of html.matchAll(/<table\b[\s\S]*?<\/table>/gi)) {
    const columns: number[] = [];
    for (const [row] of table.matchAll(/<tr\b[\s\S]*?<\/tr>/gi))
      [...row.matchAll(/<t[hd]\b[^>]*>([\s\S]*?)<\/t[hd]>/gi)].forEach(([, cell], i) => {
        const longest = Math.max(
          0,
          ...text(cell)
            .split(' ')
            .map((w) => w.length),
        );
        columns[i] = Math.max(columns[i] ?? 0, longest);
      });
    widest = Math.max(
      widest,
      columns.reduce((s, w) => s + w, 0),
    );
  }
  return widest;
}

const heading = (html: string) => text(/<h1\b[^>]*>([\s\S]*?)<\/h1>/i.exec(html)?.[1] ?? '');

/** The page of `files` with the largest `score` (the first by name on a tie). */
function top(files: string[], score: (file: string) => number): string {
  return [...files].sort().reduce((best, f) => (score(f) > score(best) ? f : best));
}

export interface ExtremePage {
  path: string;
  /** Why this page is an extreme, for messages. */
  why: string;
}

let extremes: ExtremePage[] | undefined;

/** The pages at the extremes of their templates, each once (with every reason it was chosen). */
export function extremePages(): ExtremePage[] {
  // dist/ does not change during a run: computed once per test process.
  extremes ??= findExtremes(htmlFiles());
  return extremes;
}

function findExtremes(files: string[]): ExtremePage[] {
  const projects = files.filter((f) => /^projects\/[^/]+\/index\.html$/.test(f));
  const crates = files.filter((f) => /^crates\/[^/]+\/index\.html$/.test(f));
  const { entries } = readCatalog();
  const repos = new Map(entries.map((e) => [`projects/${e.slug}/index.html`, e.data.rustRepos.length]));
  const picks: [string, string][] = [
    ['the longest project name', top(projects, (f) => heading(readPage(f)).length)],
    ['the most Rust repositories', top(projects, (f) => repos.get(f) ?? 0)],
    ['the longest project page', top(projects, (f) => readPage(f).length)],
    ['the longest crate name', top(crates, (f) => heading(readPage(f)).length)],
    ['the longest crate page', top(crates, (f) => readPage(f).length)],
    ['the widest table', top(files, (f) => widestTable(readPage(f)))],
  ];
  const byPath = new Map<string, string[]>();
  for (const [why, file] of picks) byPath.set(pathOf(file), [...(byPath.get(pathOf(file)) ?? []), why]);
  return [...byPath].map(([path, whys]) => ({ path, why: whys.join(', ') }));
}
