/** Reference checks the build must fail on (Astro 7 only logs a dangling `reference()`). */
import type { CatalogProject } from './project.ts';

export function danglingReferences(
  projects: readonly Pick<CatalogProject, 'slug' | 'categories' | 'sources'>[],
  known: { categories: readonly string[]; sources: readonly string[] },
): string[] {
  const problems: string[] = [];
  for (const p of projects) {
    for (const id of p.categories)
      if (!known.categories.includes(id))
        problems.push(`content/projects/${p.slug}.mdx: categories: unknown category "${id}" (expected one of ${known.categories.join(', ')})`);
    for (const id of p.sources)
      if (!known.sources.includes(id))
        problems.push(`content/projects/${p.slug}.mdx: sources: unknown source "${id}" (expected one of ${known.sources.join(', ')})`);
  }
  return problems;
}
