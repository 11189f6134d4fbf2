/**
 * The single query module: reads every collection once, checks references, sorts, and
 * exports what pages need. Pages never call `getCollection`, sort or count on their own.
 */
import { readFile } from 'node:fs/promises';
import { loadYaml } from '../validation/safe-yaml.ts';
import { getCollection, type CollectionEntry } from 'astro:content';
import { fromRepoRoot } from './site/repo-root.ts';
import { healthLinksByName, type HealthLink } from './views/health-links.ts';
import { byName, measurementRange, toCatalogProject, type CatalogProject } from './model/project.ts';
import { groupProjects, sortTermsByName, type Group, type Term } from './views/groups.ts';
import { catalogStats } from './views/stats.ts';
import { danglingReferences } from './model/references.ts';
import { MATURITY_LEVELS, RUST_USAGES } from '../schemas/taxonomy.ts';
import { catalogHistory } from './views/history.ts';
import { copiesAsOf, projectActivity, upstreamFromRun, type ProjectActivity, type Upstream } from './views/activity.ts';
import { discoverRunSchema } from '../schemas/discover-run.ts';

/** The last discover run (data/discover-run.json), when there is one: what it knows of upstream. */
async function readUpstream(): Promise<Map<string, Upstream>> {
  let text: string;
  try {
    text = await readFile(fromRepoRoot('data/discover-run.json'), 'utf8');
  } catch {
    return new Map();
  }
  return upstreamFromRun(discoverRunSchema.parse(JSON.parse(text)));
}

export type Source = CollectionEntry<'sources'>['data'];

async function load() {
  const [projectEntries, categories, sources, maturity, rustUsage, histories, leftOut] = await Promise.all([
    getCollection('projects'),
    getCollection('categories'),
    getCollection('sources'),
    getCollection('maturity'),
    getCollection('rustUsage'),
    getCollection('history'),
    getCollection('leftOut'),
  ]);
  // The catalog's copy of landscape.yml: the health dashboards of each project, by item name.
  const health = healthLinksByName(loadYaml(await readFile(fromRepoRoot('data/landscape.yml'), 'utf8')));
  const projects = projectEntries.map((e) => toCatalogProject(e.id, e.data)).sort(byName);
  // The day the catalog's copies stand for, which the quiet rule counts back from (activity.ts).
  const measuredRepos = (p: CatalogProject) => [...p.rustRepos, ...(p.otherRepos ?? [])];
  const copiesDay = copiesAsOf(projects.flatMap((p) => measuredRepos(p).map((r) => r.measurement)));
  const upstream = await readUpstream();
  const categoryTerms: Term[] = sortTermsByName(categories.map((c) => c.data));
  const sourceList = sources.map((s) => s.data).sort((a, b) => a.title.localeCompare(b.title, 'en'));
  // Astro 7 only logs a dangling reference(); a catalog with one must not build.
  const dangling = danglingReferences(projects, { categories: categoryTerms.map((c) => c.id), sources: sourceList.map((s) => s.id) });
  if (dangling.length) throw new Error(`Dangling references in content/projects:\n${dangling.join('\n')}`);
  const order = <T extends { id: string }>(ids: readonly string[], items: T[]) =>
    ids.map((id) => items.find((t) => t.id === id)).filter((t): t is T => t !== undefined);
  const maturityTerms = order(MATURITY_LEVELS, maturity.map((m) => m.data));
  const usageTerms = order(RUST_USAGES, rustUsage.map((u) => u.data));
  return {
    projects,
    stats: catalogStats(projects),
    measured: measurementRange(projects),
    sources: sourceList,
    sourceById: new Map(sourceList.map((s) => [s.id, s])),
    /** Projects with some Rust the inclusion rule leaves out (content/left-out.yaml), by name. */
    leftOut: leftOut.map((l) => l.data).sort((a, b) => a.landscapeName.localeCompare(b.landscapeName, 'en')),
    categories: groupProjects(categoryTerms, projects, (p) => p.categories),
    maturity: groupProjects(maturityTerms, projects, (p) => [p.maturity]),
    rustUsage: groupProjects(usageTerms, projects, (p) => [p.rustUsage]),
    history: catalogHistory(projects, histories.map((h) => h.data)),
    healthLinks: (p: CatalogProject): HealthLink[] => health.get(p.landscapeName) ?? [],
    /** The newest commit of the catalog's copies: the day they stand for. */
    copiesAsOf: copiesDay,
    /** A project's last commit and whether it is quiet, by the one rule of activity.ts. */
    activity: (p: CatalogProject): ProjectActivity | undefined =>
      copiesDay ? projectActivity(measuredRepos(p), copiesDay) : undefined,
    /** What the last discover run knows of a repository's upstream (only of those it cloned). */
    upstream: (repo: string): Upstream | undefined => upstream.get(repo.toLowerCase()),
    projectEntries: new Map(projectEntries.map((e) => [e.id, e])),
    labels: {
      maturity: new Map(maturityTerms.map((t) => [t.id as string, t.name])),
      usage: new Map(usageTerms.map((t) => [t.id as string, t.name])),
      category: new Map(categoryTerms.map((t) => [t.id, t.name])),
    },
  };
}

let cached: ReturnType<typeof load> | undefined;

/** Everything the pages show, loaded and checked once per build. */
export function catalog() {
  cached ??= load();
  return cached;
}

export type Catalog = Awaited<ReturnType<typeof load>>;
export type { CatalogProject, Group, Term };
