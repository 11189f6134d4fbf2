/**
 * YAML parsing that keeps line numbers: js-yaml 5 gives source offsets in its event
 * stream, which are turned here into "which line is the node at this path on".
 */
import { loadYaml } from '../safe-yaml.ts';
import { EVENT_ID, getScalarValue, parseEvents, type Event } from 'js-yaml';

export type YamlPath = readonly PropertyKey[];

export type YamlParse =
  | { ok: true; value: unknown; lineOf: (path: YamlPath) => number }
  | { ok: false; line: number; message: string };

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

const startOf = (event: Event): number => {
  if (event.type === EVENT_ID.SCALAR) return event.anchorStart >= 0 ? event.anchorStart : event.valueStart;
  if (event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE) return event.start;
  if (event.type === EVENT_ID.ALIAS) return event.anchorStart;
  return -1;
};

interface Frame {
  kind: 'map' | 'seq';
  path: PropertyKey[];
  /** map: the key waiting for its value, or undefined when the next scalar is a key. */
  pendingKey?: string;
  index: number;
}

/**
 * Line of every node, keyed by path. A mapping value is placed on its key's line (where a
 * reader looks for `dates:`), a sequence item on the line of its `-` or first character.
 */
export function yamlLines(text: string): Map<string, number> {
  const starts = lineStarts(text);
  const lines = new Map<string, number>();
  const stack: Frame[] = [];
  const record = (path: PropertyKey[], offset: number) => {
    if (offset >= 0 && !lines.has(key(path))) lines.set(key(path), lineOfOffset(starts, offset));
  };
  // Where the value about to arrive lives, and whether this event is a key instead.
  const place = (event: Event): PropertyKey[] | 'key' | null => {
    const top = stack[stack.length - 1];
    if (!top) return [];
    if (top.kind === 'seq') {
      const path = [...top.path, top.index++];
      record(path, startOf(event));
      return path;
    }
    if (top.pendingKey === undefined) return 'key';
    const path = [...top.path, top.pendingKey];
    top.pendingKey = undefined;
    return path;
  };
  for (const event of parseEvents(text, {})) {
    if (event.type === EVENT_ID.DOCUMENT) continue;
    if (event.type === EVENT_ID.POP) {
      stack.pop();
      continue;
    }
    const where = place(event);
    if (where === 'key') {
      const top = stack[stack.length - 1];
      if (event.type === EVENT_ID.SCALAR) {
        const name = getScalarValue(text, event);
        top.pendingKey = name;
        record([...top.path, name], startOf(event));
      } else {
        // A complex key: track its nesting but give it no path of its own.
        top.pendingKey = '\u0000complex';
        if (event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE)
          stack.push({ kind: event.type === EVENT_ID.MAPPING ? 'map' : 'seq', path: [...top.path, '\u0000complex'], index: 0 });
      }
      continue;
    }
    if (where === null) continue;
    if (where.length === 0) record([], startOf(event));
    if (event.type === EVENT_ID.MAPPING) stack.push({ kind: 'map', path: where, index: 0 });
    else if (event.type === EVENT_ID.SEQUENCE) stack.push({ kind: 'seq', path: where, index: 0 });
  }
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
    value = loadYaml(text);
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
