/**
 * Byte-preserving edits of the YAML frontmatter of an `.mdx` file: set, insert or remove one
 * scalar at a key path, or append an item to a block sequence, while every other byte (other
 * keys and their order, comments, quoting, the MDX body, line endings, a BOM) stays as it was.
 *
 * Positions come from js-yaml's event parser (the positioned tree of src/validation/yaml.ts), so the edits find keys the way a
 * YAML parser does rather than by pattern matching. Every edit re-parses its result and checks
 * that the value landed where it was meant to; an edit that cannot be made safely throws
 * `FrontmatterEditError` instead of writing something half right. Pure: text in, text out.
 */
import { CORE_SCHEMA, SCALAR_STYLE, YAML11_SCHEMA } from 'js-yaml';
import { readEntry, type EntryParts } from '../../src/validation/entry-file.ts';
import {
  colonAfter,
  isBlockScalar,
  pairEnd,
  trimmedEnd,
  yamlTree,
  type YamlMapping,
  type YamlNode,
  type YamlPair,
  type YamlScalar,
} from '../../src/validation/yaml.ts';
import { loadYaml } from '../../src/validation/safe-yaml.ts';

export class FrontmatterEditError extends Error {}

/** A key path: strings select mapping keys, numbers select sequence items. */
export type YamlPath = readonly (string | number)[];
export type ScalarValue = string | number | boolean;
/** A value `appendSequenceItem` can write: scalars and nested mappings of scalars. */
export interface BlockMapping {
  [key: string]: ScalarValue | BlockMapping;
}

/** Where the frontmatter sits in a file (see `readEntry`). */
export type FrontmatterRange = Pick<EntryParts, 'bom' | 'eol'> & {
  /** Offset of the first YAML character (after the opening `---` line). */
  start: number;
  /** Offset of the closing `---` line (the YAML text ends just before it). */
  end: number;
};

/** Finds the `---` fenced frontmatter at the top of `text`. */
export function frontmatterRange(text: string): FrontmatterRange {
  const parts = readEntry(text);
  if ('missing' in parts)
    throw new FrontmatterEditError(
      parts.missing === 'opening'
        ? 'expected the file to start with a "---" frontmatter line'
        : 'expected a closing "---" line after the frontmatter',
    );
  return { bom: parts.bom, eol: parts.eol, start: parts.yamlStart, end: parts.yamlEnd };
}

/** The frontmatter's YAML text. */
export function frontmatterText(text: string): string {
  const { start, end } = frontmatterRange(text);
  return text.slice(start, end);
}

/** The frontmatter parsed with js-yaml (dates stay strings). Throws on invalid YAML. */
export function readFrontmatter(text: string): unknown {
  return loadYaml(frontmatterText(text));
}

// ---------------------------------------------------------------------------------------------
// The positioned tree of src/validation/yaml.ts, restricted to what edits can handle.

type ScalarNode = YamlScalar;
type Pair = YamlPair<ScalarNode>;
type MappingNode = YamlMapping<ScalarNode>;
/** A node of the checked tree: every mapping key a plain scalar. */
type TreeNode = YamlNode<ScalarNode>;

/** The frontmatter's tree, refusing aliases and complex keys, which edits cannot place. */
function buildTree(yaml: string): TreeNode {
  let root: YamlNode;
  try {
    root = yamlTree(yaml);
  } catch (error) {
    throw new FrontmatterEditError(`the frontmatter is not valid YAML: ${(error as Error).message}`);
  }
  const plain = (node: YamlNode): void => {
    if (node.kind === 'alias') throw new FrontmatterEditError('aliases (*name) are not supported in the frontmatter');
    if (node.kind === 'mapping')
      for (const pair of node.pairs) {
        if (pair.key.kind !== 'scalar') throw new FrontmatterEditError('expected only plain keys in the frontmatter');
        plain(pair.value);
      }
    if (node.kind === 'sequence') node.items.forEach(plain);
  };
  plain(root);
  return root as TreeNode;
}

const lineStart = (text: string, pos: number): number => text.lastIndexOf('\n', pos - 1) + 1;
/** Offset just past the line break of the line holding `pos` (or the text's end). */
function afterLine(text: string, pos: number): number {
  const nl = text.indexOf('\n', pos);
  return nl === -1 ? text.length : nl + 1;
}
const column = (text: string, pos: number): number => pos - lineStart(text, pos);
/** True when only spaces precede `pos` on its line (false after a `- ` sequence dash). */
const startsLine = (text: string, pos: number): boolean => /^[ \t]*$/.test(text.slice(lineStart(text, pos), pos));

interface Located {
  node: TreeNode;
  /** The pair holding the node, when the node is a mapping value. */
  pair?: Pair;
  parent?: TreeNode;
}

function locate(root: TreeNode, path: YamlPath): Located | undefined {
  let here: Located = { node: root };
  for (const segment of path) {
    const { node } = here;
    if (typeof segment === 'number') {
      if (node.kind !== 'sequence' || !node.items[segment]) return undefined;
      here = { node: node.items[segment], parent: node };
    } else {
      if (node.kind !== 'mapping') return undefined;
      const pair = node.pairs.find((p) => p.key.value === segment);
      if (!pair) return undefined;
      here = { node: pair.value, pair, parent: node };
    }
  }
  return here;
}

const describe = (path: YamlPath): string =>
  path.map((s, n) => (typeof s === 'number' ? `[${s}]` : n === 0 ? s : `.${s}`)).join('') || '(root)';

// ---------------------------------------------------------------------------------------------
// Rendering scalars.

/** A date or timestamp that YAML 1.1 parsers (Astro's among them) would turn into a Date. */
const TIMESTAMP =
  /^\d{4}-\d{1,2}-\d{1,2}(?:(?:[Tt]|[ \t]+)\d{1,2}:\d{2}:\d{2}(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d{1,2}(?::?\d{2})?))?)?$/;

/** True when `text` written without quotes reads back as the same string in YAML 1.1 and 1.2. */
export function isPlainSafe(text: string): boolean {
  if (text === '' || text !== text.trim() || /[\r\n]/.test(text) || TIMESTAMP.test(text)) return false;
  for (const schema of [CORE_SCHEMA, YAML11_SCHEMA]) {
    try {
      const parsed = loadYaml(`k: ${text}\n`, { schema }) as { k?: unknown } | null;
      if (parsed?.k !== text) return false;
    } catch {
      return false;
    }
  }
  return true;
}

type Quoting = 'plain' | 'single' | 'double';

function quotingOf(node: ScalarNode | undefined): Quoting | undefined {
  if (!node || node.start === -1) return undefined;
  if (node.style === SCALAR_STYLE.SINGLE_QUOTED) return 'single';
  if (node.style === SCALAR_STYLE.DOUBLE_QUOTED) return 'double';
  if (node.style === SCALAR_STYLE.PLAIN) return 'plain';
  return undefined;
}

/** Writes `value` on one line, keeping `preferred` quoting when it reads back correctly. */
export function renderScalar(value: ScalarValue, preferred: Quoting = 'plain'): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new FrontmatterEditError(`expected a finite number, got ${value}`);
    return String(value);
  }
  if (typeof value === 'boolean') return String(value);
  if (preferred === 'double') return JSON.stringify(value);
  if (preferred === 'plain' && isPlainSafe(value)) return value;
  if (/[\r\n]/.test(value)) return JSON.stringify(value);
  return `'${value.replaceAll("'", "''")}'`;
}

/** The quoting the sibling scalar values of a mapping use, when they agree on quotes. */
function siblingQuoting(mapping: MappingNode): Quoting | undefined {
  const styles = new Set(
    mapping.pairs.map((p) => (p.value.kind === 'scalar' ? quotingOf(p.value) : undefined)).filter(Boolean),
  );
  if (styles.size !== 1) return undefined;
  const only = [...styles][0];
  return only === 'plain' ? undefined : only;
}

// ---------------------------------------------------------------------------------------------
// Edits. Each works on the frontmatter YAML, then splices it back between the fences.

function editFrontmatter(text: string, edit: (yaml: string, eol: string) => string): string {
  const range = frontmatterRange(text);
  const yaml = text.slice(range.start, range.end);
  const edited = edit(yaml, range.eol);
  return text.slice(0, range.start) + edited + text.slice(range.end);
}

function valueAt(data: unknown, path: YamlPath): unknown {
  let here = data;
  for (const segment of path) {
    if (here === null || typeof here !== 'object') return undefined;
    here = (here as Record<string | number, unknown>)[segment];
  }
  return here;
}

function hasPath(data: unknown, path: YamlPath): boolean {
  const parent = valueAt(data, path.slice(0, -1));
  return parent !== null && typeof parent === 'object' && Object.hasOwn(parent, path.at(-1) as PropertyKey);
}

function verify(yaml: string, check: (data: unknown) => boolean, what: string): string {
  let data: unknown;
  try {
    data = loadYaml(yaml);
  } catch (error) {
    throw new FrontmatterEditError(`${what} would leave invalid YAML: ${(error as Error).message}`);
  }
  if (!check(data)) throw new FrontmatterEditError(`${what} did not produce the expected value`);
  return yaml;
}

const splice = (text: string, from: number, to: number, insert: string): string =>
  text.slice(0, from) + insert + text.slice(to);

/** True when the frontmatter has a key at `path`. */
export function hasKey(text: string, path: YamlPath): boolean {
  return locate(buildTree(frontmatterText(text)), path) !== undefined;
}

export interface SetScalarOptions {
  /**
   * Key order of the parent mapping: a missing key is inserted after the last present key
   * that comes before it in this list (or before the first one that comes after it).
   * Without it, or for a key not in the list, a new key goes last.
   */
  order?: readonly string[];
}

/**
 * Sets the scalar at `path` to `value`. An existing value keeps its quoting style when that
 * reads back correctly; a missing key is inserted into its (existing) parent mapping with the
 * parent's indentation. Returns `text` unchanged when the value is already equal.
 */
export function setScalar(text: string, path: YamlPath, value: ScalarValue, options: SetScalarOptions = {}): string {
  if (path.length === 0) throw new FrontmatterEditError('expected a non-empty key path');
  return editFrontmatter(text, (yaml, eol) => {
    const root = buildTree(yaml);
    const what = `setting ${describe(path)}`;
    const check = (data: unknown) => valueAt(data, path) === value;
    const found = locate(root, path);
    if (found) {
      const { node, pair } = found;
      if (node.kind !== 'scalar')
        throw new FrontmatterEditError(`expected a scalar at ${describe(path)}, found a ${node.kind}`);
      if (node.start !== -1 && node.value === String(value) && check(loadYaml(yaml))) return yaml;
      if (node.start === -1) {
        if (!pair) throw new FrontmatterEditError(`cannot set the empty item ${describe(path)}`);
        return verify(
          splice(yaml, colonAfter(yaml, pair.key), colonAfter(yaml, pair.key), ` ${renderScalar(value)}`),
          check,
          what,
        );
      }
      if (isBlockScalar(node)) {
        if (!pair) throw new FrontmatterEditError(`cannot replace the block scalar item ${describe(path)}`);
        const from = colonAfter(yaml, pair.key);
        return verify(splice(yaml, from, trimmedEnd(yaml, node), ` ${renderScalar(value)}`), check, what);
      }
      return verify(splice(yaml, node.start, node.end, renderScalar(value, quotingOf(node))), check, what);
    }
    const key = path.at(-1);
    if (typeof key !== 'string') throw new FrontmatterEditError(`expected ${describe(path)} to exist`);
    const parentPath = path.slice(0, -1);
    const parent = locate(root, parentPath);
    if (!parent)
      throw new FrontmatterEditError(`expected ${describe(parentPath)} to exist before setting ${describe(path)}`);
    return verify(insertPair(yaml, eol, parent, parentPath, key, value, options.order), check, what);
  });
}

function insertPair(
  yaml: string,
  eol: string,
  parent: Located,
  parentPath: YamlPath,
  key: string,
  value: ScalarValue,
  order: readonly string[] | undefined,
): string {
  const { node } = parent;
  // An empty parent (`dates:` with nothing after it) becomes a block mapping.
  if (node.kind === 'scalar' && node.start === -1 && parent.pair) {
    const at = colonAfter(yaml, parent.pair.key);
    const indent = ' '.repeat(column(yaml, parent.pair.key.start) + 2);
    return splice(yaml, at, at, `${eol}${indent}${key}: ${renderScalar(value)}`);
  }
  if (node.kind !== 'mapping' || node.flow)
    throw new FrontmatterEditError(`expected a block mapping at ${describe(parentPath)} to insert "${key}" into`);
  const rendered = `${key}: ${renderScalar(value, siblingQuoting(node) ?? 'plain')}`;
  const first = node.pairs[0];
  if (!first) throw new FrontmatterEditError(`expected ${describe(parentPath)} to hold at least one key`);
  const indent = ' '.repeat(column(yaml, first.key.start));
  const rank = order?.indexOf(key) ?? -1;
  let after: Pair | undefined = node.pairs.at(-1);
  if (order && rank !== -1) {
    const rankOf = (p: Pair) => order.indexOf(p.key.value);
    const earlier = node.pairs.filter((p) => rankOf(p) !== -1 && rankOf(p) < rank).at(-1);
    const later = node.pairs.findIndex((p) => rankOf(p) > rank);
    if (earlier) after = earlier;
    else if (later !== -1) after = later > 0 ? node.pairs[later - 1] : undefined;
  }
  if (after) {
    const at = afterLine(yaml, pairEnd(yaml, after));
    const needsBreak = at === yaml.length && !yaml.endsWith('\n');
    return splice(yaml, at, at, `${needsBreak ? eol : ''}${indent}${rendered}${needsBreak ? '' : eol}`);
  }
  // Before the first key: on its own line, or taking over a `- ` dash line.
  if (startsLine(yaml, first.key.start)) {
    const at = lineStart(yaml, first.key.start);
    return splice(yaml, at, at, `${indent}${rendered}${eol}`);
  }
  return splice(yaml, first.key.start, first.key.start, `${rendered}${eol}${indent}`);
}

/**
 * Removes the key at `path` together with its value (and any comment on those lines).
 * Returns `text` unchanged when the key is not there.
 */
export function removeKey(text: string, path: YamlPath): string {
  const key = path.at(-1);
  if (typeof key !== 'string') throw new FrontmatterEditError('expected a key path ending in a mapping key');
  return editFrontmatter(text, (yaml) => {
    const found = locate(buildTree(yaml), path);
    if (!found?.pair || found.parent?.kind !== 'mapping') return yaml;
    const { pair, parent } = found;
    if (parent.flow) throw new FrontmatterEditError(`cannot remove ${describe(path)} from a flow mapping`);
    const what = `removing ${describe(path)}`;
    const check = (data: unknown) => !hasPath(data, path);
    if (startsLine(yaml, pair.key.start)) {
      return verify(
        splice(yaml, lineStart(yaml, pair.key.start), afterLine(yaml, pairEnd(yaml, pair)), ''),
        check,
        what,
      );
    }
    // First key of a `- ` sequence item: the next key moves up onto the dash line.
    const nextPair = parent.pairs[parent.pairs.indexOf(pair) + 1];
    if (!nextPair) throw new FrontmatterEditError(`cannot remove ${describe(path)}: it is the only key of its item`);
    return verify(splice(yaml, pair.key.start, nextPair.key.start, ''), check, what);
  });
}

function renderBlock(mapping: BlockMapping, indent: number, step: number): string[] {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(mapping)) {
    if (typeof value === 'object') {
      lines.push(`${' '.repeat(indent)}${key}:`);
      lines.push(...renderBlock(value, indent + step, step));
    } else {
      lines.push(`${' '.repeat(indent)}${key}: ${renderScalar(value)}`);
    }
  }
  return lines;
}

/**
 * Appends `item` (a mapping, possibly nested) to the block sequence at `path`, indented like
 * the items already there. An empty `[]` or empty value becomes a block sequence. With
 * `createAfter`, a missing top-level key is first added as a list after that key (or last).
 */
export function appendSequenceItem(
  text: string,
  path: YamlPath,
  item: BlockMapping,
  options: { createAfter?: string } = {},
): string {
  if (Object.keys(item).length === 0) throw new FrontmatterEditError('expected an item with at least one key');
  const [key] = path;
  if (options.createAfter !== undefined && path.length === 1 && typeof key === 'string' && !hasKey(text, path))
    text = editFrontmatter(text, (yaml, eol) => {
      const root = buildTree(yaml);
      if (root.kind !== 'mapping' || root.flow || root.pairs.length === 0)
        throw new FrontmatterEditError(`expected a block mapping of fields to add ${key} to`);
      const anchor = root.pairs.find((p) => p.key.value === options.createAfter) ?? root.pairs.at(-1)!;
      const at = afterLine(yaml, pairEnd(yaml, anchor));
      const needsBreak = at === yaml.length && !yaml.endsWith('\n');
      const indent = ' '.repeat(column(yaml, anchor.key.start));
      return verify(
        splice(yaml, at, at, `${needsBreak ? eol : ''}${indent}${key}: []${needsBreak ? '' : eol}`),
        (data) => Array.isArray(valueAt(data, path)) && (valueAt(data, path) as unknown[]).length === 0,
        `adding ${key}`,
      );
    });
  return editFrontmatter(text, (yaml, eol) => {
    const found = locate(buildTree(yaml), path);
    if (!found) throw new FrontmatterEditError(`expected ${describe(path)} to exist`);
    const { node, pair } = found;
    const before = loadYaml(yaml);
    const count = (valueAt(before, path) as unknown[] | null)?.length ?? 0;
    const what = `appending to ${describe(path)}`;
    const check = (data: unknown) => {
      const list = valueAt(data, path);
      return Array.isArray(list) && list.length === count + 1 && JSON.stringify(list.at(-1)) === JSON.stringify(item);
    };
    const emptyFlow = node.kind === 'sequence' && node.flow && node.items.length === 0;
    const emptyValue = node.kind === 'scalar' && node.start === -1;
    if ((emptyFlow || emptyValue) && pair) {
      const dash = column(yaml, pair.key.start) + 2;
      const lines = renderItem(item, dash, 2);
      const at = colonAfter(yaml, pair.key);
      return verify(splice(yaml, at, emptyFlow ? node.end : at, eol + lines.join(eol)), check, what);
    }
    if (node.kind !== 'sequence' || node.flow)
      throw new FrontmatterEditError(`expected a block sequence at ${describe(path)}`);
    const last = node.items.at(-1) as TreeNode;
    const dash = column(yaml, node.start);
    // Keep the indentation of the existing items: key column and nesting step.
    let step = 2;
    let keyColumn = dash + 2;
    if (last.kind === 'mapping' && last.pairs[0]) {
      keyColumn = column(yaml, last.pairs[0].key.start);
      const nested = last.pairs.find((p) => p.value.kind === 'mapping' && !p.value.flow && p.value.pairs.length > 0);
      if (nested && nested.value.kind === 'mapping')
        step = column(yaml, nested.value.pairs[0].key.start) - column(yaml, nested.key.start);
    }
    const lines = renderItem(item, dash, step, keyColumn);
    const at = afterLine(yaml, last.end);
    const needsBreak = at === yaml.length && !yaml.endsWith('\n');
    return verify(
      splice(yaml, at, at, (needsBreak ? eol : '') + lines.join(eol) + (needsBreak ? '' : eol)),
      check,
      what,
    );
  });
}

function renderItem(item: BlockMapping, dash: number, step: number, keyColumn = dash + 2): string[] {
  const lines = renderBlock(item, keyColumn, step);
  lines[0] = `${' '.repeat(dash)}-${' '.repeat(keyColumn - dash - 1)}${lines[0].slice(keyColumn)}`;
  return lines;
}
