/**
 * YAML parsing that keeps line numbers: js-yaml 5 gives source offsets in its event
 * stream, which are turned here into "which line is the node at this path on".
 */
import { loadYaml } from './safe-yaml.ts';
import { COLLECTION_STYLE, EVENT_ID, SCALAR_STYLE, getScalarValue, parseEvents, type Event } from 'js-yaml';

export type YamlPath = readonly PropertyKey[];

/**
 * Content files (entries, the taxonomy) use no aliases at all: Astro parses the same YAML with
 * no alias limit and serialises what it gets, so none reaches it.
 */
export const CONTENT_MAX_ALIASES = 0;

export type YamlParse =
  { ok: true; value: unknown; lineOf: (path: YamlPath) => number } | { ok: false; line: number; message: string };

const key = (path: YamlPath) => JSON.stringify(path.map((p) => (typeof p === 'number' ? p : String(p))));

/** Offsets of the start of every line, for offset → line lookups. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function lineOfOffset(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

// ---------------------------------------------------------------------------------------------
// The one walk of js-yaml's event stream: a tree of nodes with their offsets in the YAML text.
// Validation reads lines from it (below); the frontmatter edits of scripts/lib read extents.

export interface YamlScalar {
  kind: 'scalar';
  /** Where the node begins, its anchor included; -1 for an empty (null) value. */
  at: number;
  /** Raw extent including quotes; -1 for an empty (null) value. */
  start: number;
  end: number;
  style: number;
  value: string;
}
export interface YamlAlias {
  kind: 'alias';
  at: number;
  start: number;
  end: number;
}
/** Any node, keys included: what `K` is when nothing narrows it. */
export type AnyYamlNode = YamlScalar | YamlAlias | YamlMapping | YamlSequence;
/** `K` narrows the keys: plain scalars for the frontmatter edits, any node in general. */
export interface YamlPair<K = AnyYamlNode> {
  key: K;
  value: YamlNode<K>;
}
export interface YamlMapping<K = AnyYamlNode> {
  kind: 'mapping';
  at: number;
  start: number;
  end: number;
  flow: boolean;
  pairs: YamlPair<K>[];
}
export interface YamlSequence<K = AnyYamlNode> {
  kind: 'sequence';
  at: number;
  start: number;
  end: number;
  flow: boolean;
  items: YamlNode<K>[];
}
export type YamlNode<K = AnyYamlNode> = YamlScalar | YamlAlias | YamlMapping<K> | YamlSequence<K>;

export const isBlockScalar = (n: YamlScalar): boolean =>
  n.style === SCALAR_STYLE.LITERAL_BLOCK || n.style === SCALAR_STYLE.FOLDED_BLOCK;

/** A block scalar's extent includes trailing line breaks; stop at its last visible character. */
export function trimmedEnd(yaml: string, n: YamlScalar): number {
  let end = n.end;
  while (end > n.start && /\s/.test(yaml[end - 1])) end--;
  return end;
}

/** Offset just after the `:` that follows a key. */
export function colonAfter(yaml: string, key: YamlNode): number {
  const at = yaml.indexOf(':', key.end);
  if (at === -1) throw new Error(`expected ":" after key${key.kind === 'scalar' ? ` "${key.value}"` : ''}`);
  return at + 1;
}

/** Where a pair's text ends: its value's end, or its colon when the value is empty. */
export function pairEnd(yaml: string, pair: YamlPair): number {
  if (pair.value.kind === 'scalar' && pair.value.start === -1) return colonAfter(yaml, pair.key);
  if (pair.value.kind === 'scalar' && isBlockScalar(pair.value)) return trimmedEnd(yaml, pair.value);
  return pair.value.end;
}

/**
 * The first document of `yaml` as a positioned tree (an empty document is an empty mapping).
 * Throws js-yaml's error when the text is not YAML.
 */
export function yamlTree(yaml: string): YamlNode {
  const events = parseEvents(yaml, {});
  let i = 0;
  const next = (): Event => {
    const event = events[i++];
    if (!event) throw new Error('unexpected end of the YAML events');
    return event;
  };
  const closeFlow = (from: number, closer: string): number => {
    const at = yaml.indexOf(closer, from);
    return at === -1 ? from : at + 1;
  };
  const node = (): YamlNode => {
    const event = next();
    if (event.type === EVENT_ID.SCALAR) {
      const quoted = event.style === SCALAR_STYLE.SINGLE_QUOTED || event.style === SCALAR_STYLE.DOUBLE_QUOTED;
      const empty = event.valueStart === -1;
      return {
        kind: 'scalar',
        at: event.anchorStart >= 0 ? event.anchorStart : event.valueStart,
        start: empty ? -1 : event.valueStart - (quoted ? 1 : 0),
        end: empty ? -1 : event.valueEnd + (quoted ? 1 : 0),
        style: event.style,
        value: empty ? '' : getScalarValue(yaml, event),
      };
    }
    if (event.type === EVENT_ID.MAPPING) {
      const pairs: YamlPair[] = [];
      while (events[i]?.type !== EVENT_ID.POP) pairs.push({ key: node(), value: node() });
      i++;
      const flow = event.style === COLLECTION_STYLE.FLOW;
      const last = pairs.at(-1);
      const lastEnd = last ? pairEnd(yaml, last) : event.start + 1;
      return {
        kind: 'mapping',
        at: event.start,
        start: event.start,
        end: flow ? closeFlow(lastEnd, '}') : lastEnd,
        flow,
        pairs,
      };
    }
    if (event.type === EVENT_ID.SEQUENCE) {
      const items: YamlNode[] = [];
      while (events[i]?.type !== EVENT_ID.POP) items.push(node());
      i++;
      const flow = event.style === COLLECTION_STYLE.FLOW;
      const last = items.at(-1);
      const lastEnd = last ? last.end : event.start + 1;
      return {
        kind: 'sequence',
        at: event.start,
        start: event.start,
        end: flow ? closeFlow(lastEnd, ']') : lastEnd,
        flow,
        items,
      };
    }
    if (event.type === EVENT_ID.ALIAS)
      return { kind: 'alias', at: event.anchorStart, start: event.anchorStart, end: event.anchorStart };
    return node();
  };
  const doc = next();
  if (doc.type !== EVENT_ID.DOCUMENT) throw new Error('expected a YAML document');
  if (events[i]?.type === EVENT_ID.POP) return { kind: 'mapping', at: -1, start: 0, end: 0, flow: false, pairs: [] };
  return node();
}

/**
 * Line of every node, keyed by path. A mapping value is placed on its key's line (where a
 * reader looks for `dates:`), a sequence item on the line of its `-` or first character.
 * Complex keys get no path of their own.
 */
export function yamlLines(text: string): Map<string, number> {
  const starts = lineStarts(text);
  const lines = new Map<string, number>();
  const record = (path: PropertyKey[], offset: number) => {
    if (offset >= 0 && !lines.has(key(path))) lines.set(key(path), lineOfOffset(starts, offset));
  };
  const walk = (node: YamlNode, path: PropertyKey[]) => {
    if (node.kind === 'mapping')
      for (const pair of node.pairs) {
        if (pair.key.kind !== 'scalar') continue;
        record([...path, pair.key.value], pair.key.at);
        walk(pair.value, [...path, pair.key.value]);
      }
    if (node.kind === 'sequence')
      node.items.forEach((item, index) => {
        record([...path, index], item.at);
        walk(item, [...path, index]);
      });
  };
  const root = yamlTree(text);
  record([], root.at);
  walk(root, []);
  return lines;
}

/**
 * Parse one YAML document. On success, `lineOf(path)` gives the line (1-based, plus
 * `firstLine - 1`) of the deepest node along `path` that exists, so a missing field
 * points at its parent. On failure, the parser's message and line.
 */
export function parseYaml(text: string, firstLine = 1): YamlParse {
  let value: unknown;
  try {
    value = loadYaml(text, { maxAliases: CONTENT_MAX_ALIASES });
  } catch (error) {
    const e = error as { reason?: string; message?: string; mark?: { line: number } };
    const line = (e.mark?.line ?? 0) + firstLine;
    return { ok: false, line, message: e.reason ?? e.message ?? String(error) };
  }
  const lines = yamlLines(text);
  const offset = firstLine - 1;
  return {
    ok: true,
    value,
    lineOf: (path) => {
      for (let n = path.length; n >= 0; n--) {
        const found = lines.get(key(path.slice(0, n)));
        if (found !== undefined) return found + offset;
      }
      return firstLine;
    },
  };
}
