/** Builders for plain project objects, so lib tests do not depend on today's content. */
import { toCatalogProject, type CatalogProject, type ProjectData } from '../../src/data/model/project.ts';
import type { Measurement } from '../../src/schemas/project.ts';

export function measurement(overrides: Partial<Measurement> = {}): Measurement {
  return {
    commit: 'a'.repeat(40),
    commitDate: '2026-01-02T03:04:05+00:00',
    files: 10,
    bytes: 30_000,
    lines: 1_000,
    codeLines: 800,
    bytesRaw: 30_000,
    rustShare: 100,
    ...overrides,
  };
}

export function project(slug: string, overrides: Partial<ProjectData> = {}): CatalogProject {
  const data: ProjectData = {
    name: slug.toUpperCase(),
    landscapeName: slug,
    summary: `${slug} does things.`,
    maturity: 'sandbox',
    dates: { accepted: '2021-01-01' },
    landscape: { category: 'Runtime', subcategory: 'Container Runtime' },
    homepage: `https://${slug}.example.org`,
    repository: `https://github.com/${slug}/${slug}`,
    logo: `${slug}.svg`,
    rustUsage: 'pure',
    categories: ['storage'],
    rustRepos: [{ repo: `${slug}/${slug}`, role: 'Main repository', measurement: measurement() }],
    rationale: 'Because.',
    sources: ['cncf-landscape'],
    updated: '2026-11-22',
    ...overrides,
  };
  return toCatalogProject(slug, data);
}
