/**
 * Reads the real content tree for tests that compare against it, through the tools' one entry
 * reader (scripts/lib/entries.ts) and the one YAML loader with limits.
 */
import { readFileSync } from 'node:fs';
import { readProjectEntries } from '../../scripts/lib/entries.ts';
import { loadYaml } from '../../src/validation/safe-yaml.ts';
import { categorySchema } from '../../src/schemas/taxonomy.ts';
import { sourceSchema } from '../../src/schemas/source.ts';

export const yamlList = (path: string) => loadYaml(readFileSync(path, 'utf8'), { filename: path }) as unknown[];

export function readCatalog(root = 'content') {
  const entries = readProjectEntries(root).map((e) => ({
    file: `${e.slug}.mdx`,
    slug: e.slug,
    data: e.data,
    body: e.body,
  }));
  const categories = yamlList(`${root}/categories.yaml`).map((c) => categorySchema.parse(c));
  const sources = yamlList(`${root}/sources.yaml`).map((s) => sourceSchema.parse(s));
  return { entries, categories, sources };
}

/** Some of the project's known code is not measured (`unmeasuredRepos`): no Rust share is given for it. */
export const someCodeUnmeasured = (e: { data: { unmeasuredRepos?: readonly unknown[] } }): boolean =>
  (e.data.unmeasuredRepos ?? []).length > 0;
