/**
 * Checking a citation against the repository file it cites: read the blob at the commit with
 * git (never a working tree, never a fetch), fold both the file and the quote the same way,
 * and find the quote in the cited lines, or say where it is instead. The folding is pure and
 * tested on its own; `checkPermalinkCitation` reads git.
 */
import { describeLines, lineAnchor, parsePermalink, type Permalink } from '../../src/data/rules/citations.ts';
import { GitError, git, openRepository, resolveCommit } from './git-objects.ts';

/**
 * Text as quotes are compared, with the line (1-based) each character of it came from.
 *
 * Folding, the same for the file and the quote:
 * - at the start of every line, comment, quote and list leaders go (`//`, `///`, `//!`, `#`,
 *   `>`, `*`, `-`, `+`, `;`, `--`, each followed by a space or the line's end), so a quote
 *   may run across the lines of a doc comment or a Markdown paragraph;
 * - a Markdown link or image keeps only its text (`[words](url)` reads `words`);
 * - the Markdown marks `*` and `` ` ``, and `_` at a word's edge (emphasis, not `snake_case`),
 *   are dropped, so `**no unsafe**` reads `no unsafe`;
 * - curly quotes read as straight ones and a no-break space as a space;
 * - every run of white space, line ends included, is one space; case is kept.
 */
export interface FoldedText {
  text: string;
  /** Line of each character of `text`. */
  lines: number[];
}

const LEADER = /^[ \t]*(?:(?:\/\/[/!]?|#+|>|[*+-]|;+|--)(?=[ \t]|$)[ \t]*)*/;

/** Text with the line of each character, while it is being folded. */
type Mapped = { text: string; lines: number[] };

/**
 * Applies `pattern` to mapped text: each match is replaced by the characters of its first
 * group (they keep their lines), or removed when the pattern has no group.
 */
function keepGroup(input: Mapped, pattern: RegExp): Mapped {
  const out: Mapped = { text: '', lines: [] };
  const copy = (from: number, to: number) => {
    out.text += input.text.slice(from, to);
    for (let i = from; i < to; i++) out.lines.push(input.lines[i]);
  };
  let from = 0;
  for (const m of input.text.matchAll(pattern)) {
    copy(from, m.index);
    if (m[1] !== undefined) {
      const at = m.index + m[0].indexOf(m[1]);
      copy(at, at + m[1].length);
    }
    from = m.index + m[0].length;
  }
  copy(from, input.text.length);
  return out;
}

export function foldText(text: string): FoldedText {
  // Line leaders go first, line by line; line ends become spaces, so links and quotes may span lines.
  let mapped: Mapped = { text: '', lines: [] };
  text.split('\n').forEach((raw, index) => {
    const line = `${raw.replace(/\r$/, '').replace(LEADER, '')} `;
    mapped.text += line;
    for (let i = 0; i < line.length; i++) mapped.lines.push(index + 1);
  });
  mapped = keepGroup(mapped, /!?\[([^\]]*)\]\([^)\s]*(?:\s+"[^"]*")?\)/g);
  mapped = keepGroup(mapped, /!?\[([^\]]*)\]\[[^\]]*\]/g);
  mapped = keepGroup(mapped, /[*`]|(?<![\p{L}\p{N}])_+|_+(?![\p{L}\p{N}])/gu);
  const out: FoldedText = { text: '', lines: [] };
  let space = false;
  for (let i = 0; i < mapped.text.length; i++) {
    let c = mapped.text[i];
    if (/\s/.test(c)) {
      space = out.text.length > 0;
      continue;
    }
    if (c === '‘' || c === '’') c = "'";
    else if (c === '“' || c === '”') c = '"';
    if (space) {
      out.text += ' ';
      out.lines.push(mapped.lines[i]);
      space = false;
    }
    out.text += c;
    out.lines.push(mapped.lines[i]);
  }
  return out;
}

/** A quote as it is compared: folded like a line of the file. */
export const foldQuote = (quote: string): string => foldText(quote).text;

/** Every place the folded quote occurs in the folded file, as line spans. */
export function findQuote(file: FoldedText, quote: string): { start: number; end: number }[] {
  const q = foldQuote(quote);
  if (q === '') return [];
  const found: { start: number; end: number }[] = [];
  for (let at = file.text.indexOf(q); at !== -1; at = file.text.indexOf(q, at + 1))
    found.push({ start: file.lines[at], end: file.lines[at + q.length - 1] });
  return found;
}

/** Lines in a file as GitHub numbers them: a final line end does not start another line. */
export function lineCount(text: string): number {
  if (text === '') return 0;
  const lines = text.split('\n').length;
  return text.endsWith('\n') ? lines - 1 : lines;
}

/**
 * What is wrong with a quote of lines `start`..`end` of a file, or undefined when the quote
 * is there. When it is elsewhere in the file, says where ("moved"); when nowhere, what the
 * cited lines say, so the writer can compare.
 */
export function quoteProblem(
  fileText: string,
  permalink: Pick<Permalink, 'start' | 'end' | 'path' | 'commit'>,
  quote: string,
  folded: FoldedText = foldText(fileText),
): string | undefined {
  const at = `${permalink.path} at ${permalink.commit.slice(0, 7)}`;
  const total = lineCount(fileText);
  if (permalink.end > total)
    return `cites ${lineAnchor(permalink)}, beyond the end of ${at} (${total} ${total === 1 ? 'line' : 'lines'})`;
  const found = findQuote(folded, quote);
  if (found.some((f) => f.start >= permalink.start && f.end <= permalink.end)) return undefined;
  const cited = `${lineAnchor(permalink)}`;
  if (found.length > 0) {
    const where = found.slice(0, 3).map((f) => lineAnchor(f));
    return `the quote is not in ${cited} of ${at}; moved to ${where.join(', ')}${found.length > 3 ? ', …' : ''} (cite #${where[0]})`;
  }
  const lines = fileText
    .split('\n')
    .slice(permalink.start - 1, permalink.end)
    .join('\n');
  const read = foldText(lines).text;
  return `the quote is not in ${cited} of ${at}, nor anywhere else in the file; ${describeLines(permalink)} read: "${read.length > 160 ? `${read.slice(0, 157)}…` : read}"`;
}

/** A repository's git directory, or why it cannot be read. */
export type RepositoryAccess = { gitDir: string } | { problem: string };

/** Opens the copy of a repository found at `dir` (bare or a checkout). */
export async function openCopy(dir: string): Promise<RepositoryAccess> {
  try {
    return { gitDir: (await openRepository(dir)).gitDir };
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
}

/** The bytes of `path` at `commit`, or why they cannot be read: commit missing, path missing, not a file. */
export async function readBlobAt(
  gitDir: string,
  commit: string,
  path: string,
): Promise<{ text: string } | { problem: string }> {
  try {
    await resolveCommit(gitDir, commit);
  } catch {
    return { problem: `commit ${commit.slice(0, 12)} is not in the copy (fetch it, or cite a commit the copy has)` };
  }
  // --literal-pathspecs: a path with `*` or `:` names that file, never a pattern.
  const listing = (
    await git(['--literal-pathspecs', `--git-dir=${gitDir}`, 'ls-tree', '-z', commit, '--', path])
  ).toString('utf8');
  const entry = listing.split('\0').find((line) => line.endsWith(`\t${path}`));
  if (!entry) return { problem: `${path} does not exist at commit ${commit.slice(0, 7)}` };
  const [mode, type, oid] = entry.slice(0, entry.indexOf('\t')).split(' ');
  if (type !== 'blob' || mode === '120000')
    return {
      problem: `${path} is ${type === 'tree' ? 'a directory' : type === 'commit' ? 'a submodule' : 'a symbolic link'} at commit ${commit.slice(0, 7)} (expected a file)`,
    };
  try {
    const bytes = await git([`--git-dir=${gitDir}`, 'cat-file', 'blob', oid]);
    if (bytes.includes(0))
      return { problem: `${path} is a binary file at commit ${commit.slice(0, 7)} (expected text)` };
    return { text: bytes.toString('utf8') };
  } catch (error) {
    return {
      problem: `${path} at ${commit.slice(0, 7)} could not be read: ${error instanceof GitError ? error.message : String(error)} (a partial copy may lack the blob)`,
    };
  }
}

/** Folded files already read, by git directory, commit and path: a file cited twice is read once. */
export type BlobCache = Map<string, Promise<{ text: string; folded: FoldedText } | { problem: string }>>;

/** A permalink citation checked against the file it cites: undefined when the quote is in the cited lines. */
export async function checkPermalinkCitation(
  gitDir: string,
  url: string,
  quote: string,
  cache: BlobCache = new Map(),
): Promise<string | undefined> {
  const parsed = parsePermalink(url);
  if (!parsed.ok) return `the link ${parsed.reason}`;
  const { commit, path } = parsed.value;
  const key = `${gitDir}\0${commit}\0${path}`;
  if (!cache.has(key))
    cache.set(
      key,
      readBlobAt(gitDir, commit, path).then((blob) =>
        'problem' in blob ? blob : { text: blob.text, folded: foldText(blob.text) },
      ),
    );
  const blob = await cache.get(key)!;
  if ('problem' in blob) return blob.problem;
  return quoteProblem(blob.text, parsed.value, quote, blob.folded);
}
