/**
 * Zod issues → problems with a real line and a sentence a contributor can act on:
 * "what is wrong (expected …)". The schemas' own messages already start with "expected";
 * zod's defaults ("Invalid input: expected object, received undefined") are reworded.
 */
import type { z } from 'astro/zod';
import { formatPath, type Problem } from './problem.ts';
import type { YamlPath } from './yaml.ts';

type Issue = z.core.$ZodIssue;

function valueAt(root: unknown, path: YamlPath): unknown {
  let value = root;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[part as string];
  }
  return value;
}

/** A short, one-line rendering of what the file holds. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'empty (null)';
  if (Array.isArray(value)) return value.length === 0 ? 'got an empty list' : `got a list of ${value.length}`;
  if (value instanceof Date) return `got ${value.toISOString().slice(0, 10)}`;
  if (typeof value === 'object') return 'got a mapping';
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return `got ${text.length > 60 ? `${text.slice(0, 57)}…"` : text}`;
}

/** Zod's type names, in the words of a YAML file. */
const YAML_WORDS: Record<string, string> = {
  object: 'a mapping of fields',
  array: 'a list',
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
};

/** The "expected …" part of an issue's message. */
export function expectation(message: string): string {
  const zodDefault = /^Invalid input: expected ([^,]+)(?:, received .*)?$/.exec(message);
  if (zodDefault) return `expected ${YAML_WORDS[zodDefault[1]] ?? zodDefault[1]}`;
  if (/^expected\b/i.test(message)) return message;
  return `expected ${message.charAt(0).toLowerCase()}${message.slice(1)}`;
}

/** Field names a strict object accepts at `path` of `schema`, when they can be found. */
export function knownFieldsAt(schema: z.ZodType, path: YamlPath): string[] | undefined {
  let node: unknown = schema;
  const unwrap = () => {
    for (let guard = 0; guard < 20; guard++) {
      const def = (node as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
      if (!def) return;
      if (def.type === 'optional' || def.type === 'nullable' || def.type === 'default' || def.type === 'readonly')
        node = def.innerType;
      else if (def.type === 'pipe')
        node = (def.out as { _zod?: { def?: { type?: string } } })._zod?.def?.type === 'transform' ? def.in : def.out;
      else if (def.type === 'union')
        node =
          (def.options as unknown[]).find(
            (o) => (o as { _zod: { def: { type: string } } })._zod.def.type === 'object',
          ) ?? (def.options as unknown[])[0];
      else return;
    }
  };
  for (const part of path) {
    unwrap();
    const def = (node as { _zod: { def: Record<string, unknown> } })._zod.def;
    if (def.type === 'object' && typeof part === 'string') node = (def.shape as Record<string, unknown>)[part];
    else if (def.type === 'array' && typeof part === 'number') node = def.element;
    else return undefined;
    if (!node) return undefined;
  }
  unwrap();
  const def = (node as { _zod: { def: Record<string, unknown> } })._zod.def;
  return def.type === 'object' ? Object.keys(def.shape as object) : undefined;
}

/** Union errors: keep the branch that matched the value's type, else say what each wanted. */
function flattenUnion(issue: Issue & { errors: Issue[][] }): { issues: Issue[] } | { wanted: string } {
  const matched = issue.errors.filter((b) => !b.some((i) => i.code === 'invalid_type' && i.path.length === 0));
  if (matched.length > 0)
    return { issues: matched[0].map((i) => ({ ...i, path: [...issue.path, ...i.path] }) as Issue) };
  return { wanted: issue.errors.map((b) => expectation(b[0]?.message ?? 'a valid value')).join(' or ') };
}

export function issuesToProblems(
  issues: readonly Issue[],
  options: { file: string; data: unknown; lineOf: (path: YamlPath) => number; schema: z.ZodType },
): Problem[] {
  const { file, data, lineOf, schema } = options;
  const problems: Problem[] = [];
  const queue = [...issues];
  while (queue.length > 0) {
    const issue = queue.shift() as Issue;
    if (issue.code === 'invalid_union' && 'errors' in issue && Array.isArray(issue.errors) && issue.errors.length > 0) {
      const flat = flattenUnion(issue as Issue & { errors: Issue[][] });
      if ('issues' in flat) queue.unshift(...flat.issues);
      else {
        const path = issue.path as YamlPath;
        problems.push({
          file,
          line: lineOf(path),
          field: formatPath(path) || '(top level)',
          message: `${describeValue(valueAt(data, path))} (${flat.wanted})`,
        });
      }
      continue;
    }
    if (issue.code === 'unrecognized_keys') {
      const known = knownFieldsAt(schema, issue.path as YamlPath);
      for (const name of issue.keys) {
        const path = [...issue.path, name] as YamlPath;
        problems.push({
          file,
          line: lineOf(path),
          field: formatPath(path),
          message: `unknown field (expected ${known ? `only ${known.join(', ')}` : 'only the documented fields'}; check the spelling)`,
        });
      }
      continue;
    }
    const path = issue.path as YamlPath;
    problems.push({
      file,
      line: lineOf(path),
      field: formatPath(path) || '(top level)',
      message: `${describeValue(valueAt(data, path))} (${expectation(issue.message)})`,
    });
  }
  return problems;
}
