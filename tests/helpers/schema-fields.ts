/**
 * Every field path a zod object schema accepts, e.g. `dates.accepted` or
 * `rustRepos[].measurement.lines`: what CONTRIBUTING.md's field reference must cover.
 */
import type { z } from 'astro/zod';

type Def = { type: string; [key: string]: unknown };
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

export function schemaFieldPaths(schema: z.ZodType): string[] {
  const paths: string[] = [];
  const walk = (node: unknown, prefix: string): void => {
    const def = defOf(node);
    switch (def.type) {
      case 'optional':
      case 'nullable':
      case 'default':
      case 'readonly':
        return walk(def.innerType, prefix);
      case 'pipe':
        // `z.preprocess` is a pipe from a transform into the real schema.
        return walk(defOf(def.out).type === 'transform' ? def.in : def.out, prefix);
      case 'array':
        return walk(def.element, `${prefix}[]`);
      case 'union':
        for (const option of def.options as unknown[]) if (defOf(option).type === 'object') walk(option, prefix);
        return;
      case 'object':
        for (const [key, value] of Object.entries(def.shape as Record<string, unknown>)) {
          const path = prefix ? `${prefix}.${key}` : key;
          if (!paths.includes(path)) paths.push(path);
          walk(value, path);
        }
    }
  };
  walk(schema, '');
  return paths;
}
