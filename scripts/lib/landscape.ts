/**
 * Reading CNCF `landscape.yml`: flatten its category → subcategory → item tree into the
 * CNCF project items the catalog compares itself with. Pure: takes parsed YAML, returns data.
 */
import type { Maturity } from '../../src/schemas/taxonomy.ts';
import { MATURITY_LEVELS } from '../../src/schemas/taxonomy.ts';
import type { MaturityDates } from '../../src/schemas/project.ts';

/** What the catalog takes from one landscape item that has a `project:` key. */
export interface LandscapeProject {
  name: string;
  maturity: Maturity;
  category: string;
  subcategory: string;
  homepage?: string;
  repository?: string;
  logo?: string;
  dates: Partial<MaturityDates>;
}

export class LandscapeShapeError extends Error {}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Landscape dates are usually quoted strings; a YAML parser may still hand back a Date. */
function dateText(value: unknown): string | undefined {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  return undefined;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/**
 * Every item with a `project:` key (CNCF projects), with its category and subcategory.
 * Throws `LandscapeShapeError` naming what is missing when `doc` is not a landscape.
 */
export function landscapeProjects(doc: unknown): LandscapeProject[] {
  if (!isObject(doc)) throw new LandscapeShapeError('expected a YAML mapping with a top-level "landscape" key');
  const categories = doc.landscape;
  if (!Array.isArray(categories))
    throw new LandscapeShapeError('expected a top-level "landscape" key holding a list of categories');
  const projects: LandscapeProject[] = [];
  categories.forEach((category, ci) => {
    if (!isObject(category) || typeof category.name !== 'string')
      throw new LandscapeShapeError(`expected landscape[${ci}] to be a category with a "name"`);
    const subcategories = category.subcategories ?? [];
    if (!Array.isArray(subcategories))
      throw new LandscapeShapeError(`expected "subcategories" of category "${category.name}" to be a list`);
    for (const sub of subcategories) {
      if (!isObject(sub) || typeof sub.name !== 'string')
        throw new LandscapeShapeError(`expected each subcategory of "${category.name}" to have a "name"`);
      // Real files have subcategories whose `items:` is null.
      const items = Array.isArray(sub.items) ? sub.items : [];
      for (const item of items) {
        if (!isObject(item) || typeof item.name !== 'string') continue;
        const maturity = item.project;
        if (typeof maturity !== 'string') continue;
        if (!(MATURITY_LEVELS as readonly string[]).includes(maturity)) continue;
        const extra = isObject(item.extra) ? item.extra : {};
        projects.push({
          name: item.name,
          maturity: maturity as Maturity,
          category: category.name,
          subcategory: sub.name,
          homepage: text(item.homepage_url),
          repository: text(item.repo_url),
          logo: text(item.logo),
          dates: {
            accepted: dateText(extra.accepted),
            incubating: dateText(extra.incubating),
            graduated: dateText(extra.graduated),
            archived: dateText(extra.archived),
          },
        });
      }
    }
  });
  return projects;
}

/** Index projects by exact name; the first item wins when a name repeats. */
export function indexByName(projects: LandscapeProject[]): Map<string, LandscapeProject> {
  const byName = new Map<string, LandscapeProject>();
  for (const p of projects) if (!byName.has(p.name)) byName.set(p.name, p);
  return byName;
}
