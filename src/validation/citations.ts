/**
 * The citation rules of an entry, between its frontmatter `citations` and the `[^id]` markers
 * of its MDX body and `rationale`: every marker names a citation, every citation is used,
 * markers stand where the page can link them, and (for an entry that must be cited) every
 * sentence carries a marker. The shape of each citation (a permalink, a source the entry
 * lists, unique ids) is the schema's (src/schemas/project.ts).
 */
import { mdxToMdast } from 'satteri';
import { isCited, markersIn, splitSentences } from '../data/rules/citations.ts';
import type { Problem } from './problem.ts';
import type { YamlPath } from './yaml.ts';

/**
 * Which entries `validate` holds to citing every sentence: `'when-listed'`, those with a
 * non-empty `citations` list, so that an entry just scaffolded by `npm run new` validates and
 * builds while it is written; `'all'`, every entry. The catalog itself is held to `'all'` by
 * tests/content/citations.test.ts: no entry lands uncited.
 */
export const CITATIONS_REQUIRED: 'when-listed' | 'all' = 'when-listed';

/** Whether every sentence of this entry's body and rationale must carry a marker. */
export function citationsRequired(
  data: { citations?: unknown },
  rule: 'when-listed' | 'all' = CITATIONS_REQUIRED,
): boolean {
  return rule === 'all' || (Array.isArray(data.citations) && data.citations.length > 0);
}

interface MdNode {
  type: string;
  value?: string;
  alt?: string | null;
  children?: MdNode[];
  position?: { start: { line: number } };
}

/** A run of prose (a paragraph) as plain text, with the source line of every character. */
export interface ProseBlock {
  text: string;
  lines: number[];
}

/** Where a marker was found in the body, and whether the page can render it there. */
interface BodyMarker {
  id: string;
  line: number;
  place?: 'heading' | 'link';
}

export interface BodyCitations {
  markers: BodyMarker[];
  /** Paragraphs (in lists and block quotes too) as plain text; headings, tables and code are not prose. */
  blocks: ProseBlock[];
  /** Lines of GFM footnote definitions (`[^id]: …`), which the catalog does not use. */
  footnotes: { label: string; line: number }[];
}

/**
 * The markers and prose of an MDX document (the whole file, so lines are the file's), or
 * undefined when it does not parse (the MDX rules report that).
 */
export function bodyCitations(source: string): BodyCitations | undefined {
  let tree: MdNode;
  try {
    tree = mdxToMdast(source) as unknown as MdNode;
  } catch {
    return undefined;
  }
  const out: BodyCitations = { markers: [], blocks: [], footnotes: [] };
  const walk = (node: MdNode, place: BodyMarker['place'], block: ProseBlock | undefined) => {
    const line = node.position?.start.line ?? 1;
    switch (node.type) {
      case 'yaml':
      case 'toml':
      case 'code':
      case 'mdxjsEsm':
      case 'mdxFlowExpression':
      case 'mdxTextExpression':
        return;
      case 'footnoteDefinition':
        out.footnotes.push({ label: String((node as { label?: string }).label ?? ''), line });
        return;
      case 'heading':
        for (const child of node.children ?? []) walk(child, 'heading', undefined);
        return;
      case 'link':
      case 'linkReference':
        for (const child of node.children ?? []) walk(child, 'link', block);
        return;
      case 'paragraph': {
        const own: ProseBlock = { text: '', lines: [] };
        for (const child of node.children ?? []) walk(child, place, place === 'heading' ? undefined : own);
        if (place !== 'heading') out.blocks.push(own);
        return;
      }
      case 'text': {
        const value = node.value ?? '';
        for (const m of markersIn(value))
          out.markers.push({ id: m.id, line: line + countNewlines(value, m.offset), ...(place ? { place } : {}) });
        append(block, value, line);
        return;
      }
      case 'footnoteReference': {
        // `[^id]` parses as a footnote reference only when a footnote definition of that label exists.
        const id = String((node as { label?: string }).label ?? '');
        out.markers.push({ id, line, ...(place ? { place } : {}) });
        append(block, `[^${id}]`, line);
        return;
      }
      case 'inlineCode':
        // Code is literal: a `[^x]` written in it is not a marker, for the sentence rule either.
        append(block, (node.value ?? '').replaceAll('[^', '[ ^'), line);
        return;
      case 'break':
        append(block, ' ', line);
        return;
      case 'image':
        append(block, node.alt ?? '', line);
        return;
    }
    for (const child of node.children ?? []) walk(child, place, block);
  };
  walk(tree, undefined, undefined);
  return out;
}

const countNewlines = (text: string, end: number): number => {
  let n = 0;
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
};

function append(block: ProseBlock | undefined, text: string, line: number): void {
  if (!block) return;
  let at = line;
  for (const c of text) {
    // Soft line breaks are spaces in prose; the line number still moves on.
    block.text += c === '\n' ? ' ' : c;
    block.lines.push(at);
    if (c === '\n') at++;
  }
}

/** Levenshtein distance, to suggest the id a misspelt marker meant. */
export function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++)
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length];
}

/** The first words of a sentence, for a message. */
function opening(sentence: string): string {
  const words = sentence.replace(/\s+/g, ' ');
  return words.length > 60 ? `${words.slice(0, 57)}…` : words;
}

export interface CitationInput {
  /** File path shown in problems. */
  file: string;
  /** The parsed frontmatter. */
  data: Record<string, unknown>;
  /** Line of a frontmatter path. */
  lineOf: (path: YamlPath) => number;
  /** The whole entry file (frontmatter included). */
  text: string;
  /** Which entries must cite every sentence; default CITATIONS_REQUIRED. */
  rule?: 'when-listed' | 'all';
}

export function checkCitations({ file, data, lineOf, text, rule }: CitationInput): Problem[] {
  const problems: Problem[] = [];
  const citations = Array.isArray(data.citations) ? (data.citations as unknown[]) : [];
  const ids = new Map<string, number>();
  citations.forEach((c, i) => {
    const id = (c as { id?: unknown } | null)?.id;
    if (typeof id === 'string' && !ids.has(id)) ids.set(id, i);
  });
  const used = new Set<string>();
  const required = citationsRequired(data, rule);
  const known = (id: string) => {
    if (ids.size === 0) return 'expected a citations list in the frontmatter with an item of that id';
    const near = [...ids.keys()].filter((k) => editDistance(k, id) <= Math.min(2, Math.floor(id.length / 3)));
    return near.length > 0
      ? `expected the id of an item of citations; did you mean ${near.map((k) => `[^${k}]`).join(' or ')}?`
      : `expected the id of an item of citations: ${[...ids.keys()].join(', ')}`;
  };
  const noteMarker = (id: string, line: number, field: string) => {
    if (ids.has(id)) used.add(id);
    else problems.push({ file, line, field, message: `[^${id}] names no citation (${known(id)})` });
  };
  const uncited = (sentence: string, line: number, field: string) =>
    problems.push({
      file,
      line,
      field,
      message: `the sentence "${opening(sentence)}" cites nothing (expected a [^id] marker after the words it supports: every sentence of an entry with citations is cited)`,
    });

  // The body: parsed only when there is something to find, so unconverted entries cost nothing.
  if (citations.length > 0 || required || text.includes('[^')) {
    const body = bodyCitations(text);
    if (body) {
      for (const f of body.footnotes)
        problems.push({
          file,
          line: f.line,
          field: 'citations:footnote',
          message: `a footnote definition [^${f.label}]: … (expected the evidence as an item of the frontmatter's citations list; the body keeps only the [^${f.label}] markers)`,
        });
      for (const m of body.markers) {
        if (m.place)
          problems.push({
            file,
            line: m.line,
            field: 'citations:marker',
            message: `[^${m.id}] stands in ${m.place === 'heading' ? 'a heading' : 'the text of a link'} (expected markers in paragraphs and list items, after the words they support)`,
          });
        noteMarker(m.id, m.line, 'citations:marker');
      }
      if (required && citations.length > 0)
        for (const block of body.blocks)
          for (const s of splitSentences(block.text))
            if (!isCited(s.text)) uncited(s.text, block.lines[s.start] ?? 1, 'citations:uncited');
    }
  }

  const rationale = typeof data.rationale === 'string' ? data.rationale : undefined;
  if (rationale !== undefined) {
    const line = lineOf(['rationale']);
    for (const m of markersIn(rationale)) noteMarker(m.id, line, 'rationale');
    if (required && citations.length > 0)
      for (const s of splitSentences(rationale)) if (!isCited(s.text)) uncited(s.text, line, 'rationale');
  }

  if (required && citations.length === 0)
    problems.push({
      file,
      line: 1,
      field: 'citations',
      message:
        'the entry has no citations (expected a citations list in the frontmatter and a [^id] marker in every sentence of the body and rationale)',
    });

  citations.forEach((c, i) => {
    const id = (c as { id?: unknown } | null)?.id;
    if (typeof id === 'string' && ids.get(id) === i && !used.has(id))
      problems.push({
        file,
        line: lineOf(['citations', i, 'id']),
        field: `citations[${i}].id`,
        message: `"${id}" is cited by no [^${id}] marker in the body or the rationale (expected every citation to back a sentence: add the marker after the words it supports, or remove the citation)`,
      });
  });
  return problems;
}
