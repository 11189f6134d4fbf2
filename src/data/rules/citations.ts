/**
 * Citations of an entry, pure and shared by the schema, validation, the page and
 * `npm run verify:claims`: the `[^id]` markers prose carries, GitHub permalinks to lines of a
 * file at a commit, what counts as a sentence, and what a reader is shown for each citation.
 */
import { isCommitHash } from '../../schemas/common.ts';

/** How many lines one permalink may cite: enough for a paragraph, too few to cite a whole file. */
export const MAX_CITED_LINES = 60;
/** Longest quote a citation keeps: a phrase or a sentence, not a passage. */
export const MAX_QUOTE_LENGTH = 300;
/** A citation id: lower-case words joined by hyphens, like every other id of the catalog. */
export const CITATION_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * A marker `[^id]`. Anything but white space and brackets is taken as the id, so a misspelt
 * marker (`[^Readme]`) is found and reported instead of being left on the page as text.
 */
const MARKER = /\[\^([^\]\s[]+)\]/g;

export type MarkedPart = { kind: 'text'; text: string } | { kind: 'marker'; id: string; offset: number };

/** Text split into runs of text and markers, in order (empty text runs are left out). */
export function splitMarkers(text: string): MarkedPart[] {
  const parts: MarkedPart[] = [];
  let from = 0;
  for (const m of text.matchAll(MARKER)) {
    if (m.index > from) parts.push({ kind: 'text', text: text.slice(from, m.index) });
    parts.push({ kind: 'marker', id: m[1], offset: m.index });
    from = m.index + m[0].length;
  }
  if (from < text.length) parts.push({ kind: 'text', text: text.slice(from) });
  return parts;
}

/** The markers of a text with their offsets. */
export function markersIn(text: string): { id: string; offset: number }[] {
  return [...text.matchAll(MARKER)].map((m) => ({ id: m[1], offset: m.index }));
}

/** One line or a span of lines of a file at a commit of a GitHub repository. */
export interface Permalink {
  owner: string;
  name: string;
  /** `owner/name`. */
  repo: string;
  /** Full 40-character commit hash. */
  commit: string;
  /** Path inside the repository, percent-decoded (as git names it). */
  path: string;
  /** First cited line (1-based). */
  start: number;
  /** Last cited line, at least `start`. */
  end: number;
}

export const PERMALINK_FORM = 'https://github.com/<owner>/<repo>/blob/<40-hex commit>/<path>#L<a> or …#L<a>-L<b>';

/**
 * Reads a permalink, or says what is wrong with it (`reason`, to be followed by what was
 * expected: see `permalinkProblem`). The commit must be a full hash: a branch or a short hash
 * may show other lines tomorrow.
 */
export function parsePermalink(url: string): { ok: true; value: Permalink } | { ok: false; reason: string } {
  const fail = (reason: string) => ({ ok: false as const, reason });
  const m = /^https:\/\/github\.com\/([^/?#]+)\/([^/?#]+)\/blob\/([^/?#]+)\/([^?#]+)(?:#(.*))?$/.exec(url);
  if (!m) return fail('is not a GitHub link to a file at a commit');
  const [, owner, name, commit, rawPath, anchor] = m;
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/.test(owner) || !/^(?!\.\.?$)[A-Za-z0-9._-]{1,100}$/.test(name))
    return fail(`names no GitHub repository ("${owner}/${name}")`);
  if (!isCommitHash(commit))
    return fail(`points at "${commit}", not a full 40-character commit hash (a branch or a short hash can show other lines later)`);
  let path: string;
  try {
    path = rawPath.split('/').map(decodeURIComponent).join('/');
  } catch {
    return fail(`has a badly percent-encoded path "${rawPath}"`);
  }
  // eslint-disable-next-line no-control-regex -- its job is to find control characters in a path
  if (path.split('/').some((s) => s === '' || s === '.' || s === '..') || /[\u0000-\u001f]/.test(path))
    return fail(`has a path "${path}" with an empty, "." or ".." part`);
  if (anchor === undefined) return fail('cites no lines');
  const lines = /^L([1-9]\d{0,6})(?:-L([1-9]\d{0,6}))?$/.exec(anchor);
  if (!lines) return fail(`has the anchor "#${anchor}", not #L<a> or #L<a>-L<b>`);
  const start = Number(lines[1]);
  const end = lines[2] === undefined ? start : Number(lines[2]);
  if (end < start) return fail(`cites lines backwards (L${start}-L${end})`);
  if (end - start + 1 > MAX_CITED_LINES)
    return fail(`cites ${end - start + 1} lines, more than ${MAX_CITED_LINES}: cite the lines that hold the quoted words`);
  return { ok: true, value: { owner, name, repo: `${owner}/${name}`, commit, path, start, end } };
}

/** What is wrong with a permalink and what was expected, or undefined when it is one. */
export function permalinkProblem(url: string): string | undefined {
  const parsed = parsePermalink(url);
  return parsed.ok ? undefined : `the link ${parsed.reason} (expected a permalink ${PERMALINK_FORM})`;
}

/** "line 12" or "lines 10–12". */
export function describeLines(p: Pick<Permalink, 'start' | 'end'>): string {
  return p.start === p.end ? `line ${p.start}` : `lines ${p.start}–${p.end}`;
}

/** The `#L…` anchor of a line span: `L12` or `L10-L12`. */
export function lineAnchor(p: Pick<Permalink, 'start' | 'end'>): string {
  return p.start === p.end ? `L${p.start}` : `L${p.start}-L${p.end}`;
}

// ---------------------------------------------------------------------------------------------
// Sentences

/**
 * Words whose period never ends a sentence. Compared without case; a single letter followed
 * by a period (an initial, "William M. Morgan") is never an end either.
 */
export const ABBREVIATIONS = new Set([
  'e.g',
  'i.e',
  'cf',
  'vs',
  'etc',
  'al',
  'approx',
  'ca',
  'no',
  'nos',
  'fig',
  'figs',
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'st',
  'jr',
  'sr',
  'inc',
  'ltd',
  'co',
  'corp',
  'u.s',
  'u.k',
]);

export interface Sentence {
  /** The sentence as written, markers that follow its last word included, trimmed. */
  text: string;
  /** Offset of its first character in the input. */
  start: number;
}

const CLOSERS = new Set([')', ']', '"', "'", '’', '”', '*', '_', '`']);

/**
 * Splits prose into sentences. A sentence ends at `.`, `!` or `?` (or a run of them) when,
 * after any closing quotes, brackets and `[^id]` markers, white space follows and the next
 * word starts with a capital letter, a digit, or an opening quote or bracket, or the text
 * ends. So these do not end a sentence: the period of a number or version (`99.4`,
 * `v1.2.3`, the text goes on without a space), an abbreviation of `ABBREVIATIONS` (`e.g.`,
 * `etc.`), an initial after a name (`William M. Morgan`), and a period followed by a
 * lower-case word. Markers right after
 * a sentence's closing punctuation belong to that sentence. Runs with no letter or digit
 * (a stray marker, a dash) are not sentences.
 */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let start = 0;
  const push = (end: number) => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (/[\p{L}\p{N}]/u.test(trimmed.replace(MARKER, ''))) sentences.push({ text: trimmed, start: start + lead });
    start = end;
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c !== '.' && c !== '!' && c !== '?' && c !== '…') {
      i++;
      continue;
    }
    const punctuationStart = i;
    while (i < text.length && '.!?…'.includes(text[i])) i++;
    // Closing quotes, brackets, emphasis marks and markers (also after a space) belong to the sentence.
    for (;;) {
      let ahead = i;
      while (ahead < text.length && /[ \t]/.test(text[ahead])) ahead++;
      if (i < text.length && CLOSERS.has(text[i])) i++;
      else if (text.startsWith('[^', ahead) && text.indexOf(']', ahead) !== -1) i = text.indexOf(']', ahead) + 1;
      else break;
    }
    if (i < text.length && !/\s/.test(text[i])) continue;
    let next = i;
    while (next < text.length && /\s/.test(text[next])) next++;
    if (next < text.length && !/[\p{Lu}\p{N}"'“‘([*_`]/u.test(text[next])) continue;
    if (text[punctuationStart] === '.' && i - punctuationStart === 1 && endsWithAbbreviation(text, punctuationStart)) continue;
    push(i);
  }
  push(text.length);
  return sentences;
}

/**
 * Whether the word just before the period at `dot` is an abbreviation, or an initial: one
 * capital letter after a capitalised word ("William M. Morgan", but not "written in C.").
 */
function endsWithAbbreviation(text: string, dot: number): boolean {
  let from = dot;
  while (from > 0 && /[\p{L}.]/u.test(text[from - 1])) from--;
  const word = text.slice(from, dot).replace(/^\.+/, '');
  if (word === '') return false;
  if (/^\p{Lu}$/u.test(word)) return /(?:^|[^\p{L}])\p{Lu}\p{Ll}*\s+$/u.test(text.slice(Math.max(0, from - 40), from));
  return ABBREVIATIONS.has(word.toLowerCase());
}

/** Whether a sentence carries at least one marker. */
export const isCited = (sentence: string): boolean => markersIn(sentence).length > 0;

// ---------------------------------------------------------------------------------------------
// What a reader is shown

/** A citation as the frontmatter holds it. */
export interface CitationData {
  id: string;
  url?: string;
  source?: string;
  quote?: string;
}

/** The part of a source a reference shows. */
export interface CitedSource {
  id: string;
  title: string;
  publisher: string;
  date: string;
  url?: string;
}

/** One numbered reference of a page: where its marker links and what its list item says. */
export type Reference = {
  id: string;
  /** 1-based, in the order of the entry's `citations`. */
  number: number;
  /** Where the marker and the list item link: the permalink, or the source's page. */
  href: string;
  /** The marker link's accessible name, e.g. "Reference 3: linkerd/linkerd2-proxy README.md lines 10–12 at commit 29637b6". */
  label: string;
  quote?: string;
} & ({ kind: 'file'; permalink: Permalink } | { kind: 'source'; source: CitedSource; sourcePage: string });

/**
 * The numbered references of an entry: a file citation links its permalink; a source
 * citation links the source's item in the site's bibliography (`sourcePage(id)`, which has
 * its URL), so a source without a URL is linked too. Citations whose permalink does not
 * parse or whose source is unknown are left out (validation refuses them before a build).
 */
export function references(
  citations: readonly CitationData[],
  sourceById: ReadonlyMap<string, CitedSource>,
  sourcePage: (id: string) => string,
): Reference[] {
  const out: Reference[] = [];
  citations.forEach((c, i) => {
    const number = i + 1;
    if (c.url !== undefined) {
      const parsed = parsePermalink(c.url);
      if (!parsed.ok) return;
      const p = parsed.value;
      out.push({
        id: c.id,
        number,
        href: c.url,
        label: `Reference ${number}: ${p.repo} ${p.path} ${describeLines(p)} at commit ${p.commit.slice(0, 7)}`,
        quote: c.quote,
        kind: 'file',
        permalink: p,
      });
    } else if (c.source !== undefined) {
      const source = sourceById.get(c.source);
      if (!source) return;
      out.push({
        id: c.id,
        number,
        href: sourcePage(source.id),
        label: `Reference ${number}: ${source.title}, ${source.publisher}`,
        quote: c.quote,
        kind: 'source',
        source,
        sourcePage: sourcePage(source.id),
      });
    }
  });
  return out;
}
