/** Reads the real content tree the way the site does, for tests that compare against it. */
import { readdirSync, readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { projectFrontmatterSchema } from '../../src/schemas/project.ts';
import { splitEntry } from '../../src/validation/entry-file.ts';
import { categorySchema } from '../../src/schemas/taxonomy.ts';
import { sourceSchema } from '../../src/schemas/source.ts';

export const yamlList = (path: string) => load(readFileSync(path, 'utf8')) as unknown[];

export function readCatalog(root = 'content') {
  const dir = `${root}/projects`;
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.mdx') && !f.startsWith('_'))
    .sort();
  const entries = files.map((file) => {
    const text = readFileSync(`${dir}/${file}`, 'utf8')
      .replace(/^\uFEFF/, '')
      .replace(/\r\n/g, '\n');
    const parts = splitEntry(text);
    if (!parts) throw new Error(`${dir}/${file}: no frontmatter`);
    return {
      file,
      slug: file.replace(/\.mdx$/, ''),
      data: projectFrontmatterSchema.parse(load(parts.yaml)),
      body: parts.body,
    };
  });
  const categories = yamlList(`${root}/categories.yaml`).map((c) => categorySchema.parse(c));
  const sources = yamlList(`${root}/sources.yaml`).map((s) => sourceSchema.parse(s));
  return { entries, categories, sources };
}
