/**
 * Checks of the small YAML collections in `content/`: each is a list of items with an `id`,
 * validated with the schema the site's `file()` loader uses, with no id twice.
 */
import type { z } from 'astro/zod';
import { leftOutSchema } from '../schemas/left-out.ts';
import { sourceSchema } from '../schemas/source.ts';
import { MATURITY_LEVELS, RUST_USAGES, categorySchema, termSchema } from '../schemas/taxonomy.ts';
import type { Problem } from './problem.ts';
import { parseYaml } from './yaml.ts';
import { issuesToProblems } from './zod-problems.ts';

interface TaxonomySpec {
  schema: z.ZodType;
  /** Ids that must all be defined (the site has a page or badge for each). */
  requiredIds?: readonly string[];
}

/** The YAML files directly under `content/`, by file name. */
export const TAXONOMY_FILES: Record<string, TaxonomySpec> = {
  'categories.yaml': { schema: categorySchema },
  'sources.yaml': { schema: sourceSchema },
  'left-out.yaml': { schema: leftOutSchema },
  'maturity.yaml': { schema: termSchema(MATURITY_LEVELS), requiredIds: MATURITY_LEVELS },
  'rust-usage.yaml': { schema: termSchema(RUST_USAGES), requiredIds: RUST_USAGES },
};

/**
 * `ids` is undefined when the file could not be read as a list, so that references into it
 * are not all reported as unknown on top of the real problem.
 */
export function checkTaxonomyFile(
  file: string,
  spec: TaxonomySpec,
  text: string,
): { problems: Problem[]; ids?: Set<string> } {
  const problems: Problem[] = [];
  const ids = new Set<string>();
  const yaml = parseYaml(text);
  if (!yaml.ok) {
    problems.push({ file, line: yaml.line, field: 'yaml:syntax', message: `${yaml.message} (expected valid YAML)` });
    return { problems };
  }
  const items = yaml.value;
  if (!Array.isArray(items) || items.length === 0) {
    const got = Array.isArray(items)
      ? 'an empty list'
      : items !== null && typeof items === 'object'
        ? 'a mapping'
        : `the single value ${JSON.stringify(items)}`;
    problems.push({
      file,
      line: yaml.lineOf([]),
      field: '(top level)',
      message: `got ${got} (expected a list of items, each starting with "- id: …")`,
    });
    return { problems };
  }
  const firstLine = new Map<string, number>();
  items.forEach((item, i) => {
    const lineOf = (path: readonly PropertyKey[]) => yaml.lineOf([i, ...path]);
    const result = spec.schema.safeParse(item);
    if (!result.success)
      problems.push(
        ...issuesToProblems(
          result.error.issues.map((issue) => ({ ...issue, path: [i, ...issue.path] })),
          { file, data: items, lineOf: yaml.lineOf, schema: spec.schema.array() },
        ),
      );
    const id = item && typeof item === 'object' ? (item as Record<string, unknown>).id : undefined;
    if (typeof id !== 'string') return;
    const earlier = firstLine.get(id);
    if (earlier !== undefined)
      problems.push({
        file,
        line: lineOf(['id']),
        field: `[${i}].id`,
        message: `duplicate id "${id}", first defined on line ${earlier} (expected each id once)`,
      });
    else firstLine.set(id, lineOf(['id']));
    ids.add(id);
  });
  for (const id of spec.requiredIds ?? [])
    if (!ids.has(id))
      problems.push({
        file,
        line: yaml.lineOf([]),
        field: '(top level)',
        message: `no item with id "${id}" (expected one item for each of ${spec.requiredIds?.join(', ')})`,
      });
  return { problems, ids };
}
