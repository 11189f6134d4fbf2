/**
 * What the CNCF's Rust projects are built from and give back, shaped from the crate records
 * of `data/crates.json` and the entries that cite the same commits. Pure: tests build the
 * inputs from plain objects.
 *
 * Counting rules (the /crates/ page states them):
 * - a project depends on a crate *directly* when a manifest of one of its workspaces names
 *   it in `[dependencies]`, `[build-dependencies]` or `[dev-dependencies]` (any target), from
 *   a registry or git; path dependencies are the project's own code;
 * - it depends on it *in all* when that, or when one of its `Cargo.lock` files resolves it;
 * - a project's own crates (any of its repositories) do not count as its dependencies.
 */
import type { CrateRecord, CratesFile, Dependency, WorkspaceCrate } from '../../schemas/crates.ts';
import { CRATE_FAMILIES, type CrateFamily } from './crate-families.ts';

/** The part of a catalog project the crate views read. */
export interface CrateProject {
  slug: string;
  name: string;
  rustRepos: readonly { repo: string; measurement: { commit: string } }[];
}

/** A crate of a project's own workspaces, with the repository it lives in. */
export type OwnCrate = WorkspaceCrate & { repo: string };

/** One external crate a project uses. */
export interface ProjectDependency {
  name: string;
  /** Named in a manifest (not only resolved in a lock file). */
  direct: boolean;
  /** Kinds it is declared as, in the order normal, build, dev. */
  kinds: Dependency['kind'][];
  /** Version requirements of the direct declarations, sorted, each once. */
  reqs: string[];
  /** Versions the lock files resolve, sorted, each once. */
  versions: string[];
  /** How many of the project's crates declare it (normal or build). */
  dependents: number;
  /** Declared from git somewhere. */
  git: boolean;
}

export interface ProjectCrates<P extends CrateProject = CrateProject> {
  project: P;
  /** Repositories with a record that reads at least one workspace. */
  extracted: string[];
  /** Repositories whose record found no Cargo manifest to read. */
  notExtracted: string[];
  /** Repositories with workspaces but no committed Cargo.lock. */
  unlocked: string[];
  own: OwnCrate[];
  published: OwnCrate[];
  /** External crates, sorted by name. */
  dependencies: ProjectDependency[];
}

const KIND_ORDER: Dependency['kind'][] = ['normal', 'build', 'dev'];
const uniqueSorted = (values: Iterable<string>) => [...new Set(values)].sort(new Intl.Collator('en', { numeric: true }).compare);
const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * Why the crate records do not match the entries, one message per problem: an entry's
 * repository without a record, a record for a repository no entry lists, or a record read
 * at another commit than the entry cites. Empty when they match.
 */
export function crateRecordProblems(projects: readonly CrateProject[], records: Readonly<CratesFile>): string[] {
  const problems: string[] = [];
  const listed = new Set<string>();
  for (const p of projects)
    for (const { repo, measurement } of p.rustRepos) {
      listed.add(repo);
      const record = records[repo];
      if (!record) problems.push(`content/projects/${p.slug}.mdx lists ${repo}, but data/crates.json has no record for it`);
      else if (record.commit !== measurement.commit)
        problems.push(`data/crates.json reads ${repo} at ${record.commit}, but content/projects/${p.slug}.mdx cites ${measurement.commit}`);
    }
  for (const repo of Object.keys(records).sort()) if (!listed.has(repo)) problems.push(`data/crates.json has a record for ${repo}, which no entry lists in rustRepos`);
  return problems;
}

/** One project's crates and dependencies, from the records of its repositories. */
export function projectCrates<P extends CrateProject>(project: P, records: Readonly<CratesFile>): ProjectCrates<P> {
  const repos = project.rustRepos.map((r) => ({ repo: r.repo, record: records[r.repo] as CrateRecord | undefined }));
  const read = repos.filter((r): r is { repo: string; record: CrateRecord } => !!r.record && r.record.workspaces.length > 0);
  const own = read.flatMap(({ repo, record }) => record.crates.map((c) => ({ ...c, repo }))).sort((a, b) => byName(a, b) || a.repo.localeCompare(b.repo));
  const ownNames = new Set(own.map((c) => c.name));
  const deps = new Map<string, { direct: boolean; kinds: Set<Dependency['kind']>; reqs: Set<string>; versions: Set<string>; dependents: number; git: boolean }>();
  const entry = (name: string) => {
    let e = deps.get(name);
    if (!e) deps.set(name, (e = { direct: false, kinds: new Set(), reqs: new Set(), versions: new Set(), dependents: 0, git: false }));
    return e;
  };
  for (const c of own) {
    const counted = new Set<string>();
    for (const d of c.dependencies) {
      if (d.source === 'path' || ownNames.has(d.name)) continue;
      const e = entry(d.name);
      e.direct = true;
      e.kinds.add(d.kind);
      if (d.req) e.reqs.add(d.req);
      if (d.source === 'git') e.git = true;
      if (d.kind !== 'dev' && !counted.has(d.name)) {
        counted.add(d.name);
        e.dependents++;
      }
    }
  }
  for (const { record } of read) for (const l of record.locked) if (!ownNames.has(l.name)) entry(l.name).versions.add(l.version);
  return {
    project,
    extracted: read.map((r) => r.repo),
    notExtracted: repos.filter((r) => r.record && r.record.workspaces.length === 0).map((r) => r.repo),
    unlocked: read.filter((r) => r.record.workspaces.every((w) => !w.lock)).map((r) => r.repo),
    own,
    published: own.filter((c) => c.publish),
    dependencies: [...deps.entries()]
      .map(([name, e]) => ({
        name,
        direct: e.direct,
        kinds: KIND_ORDER.filter((k) => e.kinds.has(k)),
        reqs: uniqueSorted(e.reqs),
        versions: uniqueSorted(e.versions),
        dependents: e.dependents,
        git: e.git,
      }))
      .sort(byName),
  };
}

/**
 * The project's main direct dependencies: declared as normal or build dependencies, the
 * ones most of its crates use first (then by name), at most `limit`.
 */
export function mainDependencies(crates: ProjectCrates, limit: number): ProjectDependency[] {
  return crates.dependencies
    .filter((d) => d.dependents > 0)
    .sort((a, b) => b.dependents - a.dependents || byName(a, b))
    .slice(0, limit);
}

/** One project's use of a crate, for the crate's page. */
export interface CrateUse<P extends CrateProject = CrateProject> {
  project: P;
  direct: boolean;
  kinds: Dependency['kind'][];
  reqs: string[];
  versions: string[];
}

/** A crate as the CNCF projects use it. */
export interface SharedCrate<P extends CrateProject = CrateProject> {
  name: string;
  /** Projects that declare it in a manifest. */
  direct: number;
  /** Projects that declare it or resolve it in a lock file. */
  all: number;
  /** Every project using it, sorted by the projects' order given. */
  uses: CrateUse<P>[];
  /** Projects among the catalog's that have a crate of that name in their own workspaces. */
  publishedBy: { project: P; repo: string; version?: string; publish: boolean }[];
}

/** Every crate any project uses, most shared first (in all, then directly, then by name). */
export function sharedCrates<P extends CrateProject>(all: readonly ProjectCrates<P>[]): SharedCrate<P>[] {
  const byCrate = new Map<string, SharedCrate<P>>();
  for (const pc of all)
    for (const d of pc.dependencies) {
      let s = byCrate.get(d.name);
      if (!s) byCrate.set(d.name, (s = { name: d.name, direct: 0, all: 0, uses: [], publishedBy: [] }));
      s.all++;
      if (d.direct) s.direct++;
      s.uses.push({ project: pc.project, direct: d.direct, kinds: d.kinds, reqs: d.reqs, versions: d.versions });
    }
  for (const pc of all)
    for (const c of pc.own) {
      const s = byCrate.get(c.name);
      if (s && !s.publishedBy.some((p) => p.project === pc.project && p.repo === c.repo))
        s.publishedBy.push({ project: pc.project, repo: c.repo, ...(c.version ? { version: c.version } : {}), publish: c.publish });
    }
  return [...byCrate.values()].sort((a, b) => b.all - a.all || b.direct - a.direct || byName(a, b));
}

/** How many projects must declare a crate directly for it to have a page of its own. */
export const CRATE_PAGE_MIN_PROJECTS = 2;

/**
 * The crates at least `min` projects declare directly: the ones that get a page. (Counting
 * lock files too would give a page to every crate deep in the tree, over a thousand.)
 */
export const cratesWithPages = <P extends CrateProject>(shared: readonly SharedCrate<P>[], min = CRATE_PAGE_MIN_PROJECTS) => shared.filter((s) => s.direct >= min);

/** A project's use of one family: the family's crates it uses, each directly or not. */
export interface FamilyUse {
  family: CrateFamily;
  crates: { name: string; direct: boolean }[];
}

export interface BuiltWithRow<P extends CrateProject = CrateProject> {
  project: P;
  families: FamilyUse[];
}

export interface BuiltWith<P extends CrateProject = CrateProject> {
  families: readonly CrateFamily[];
  /** One row per project with extracted crates, in the order given. */
  rows: BuiltWithRow<P>[];
  /** Per family: projects using any of its crates (in all / directly), and per crate. */
  totals: { family: CrateFamily; all: number; direct: number; crates: { name: string; all: number; direct: number }[] }[];
}

/** The "How CNCF Rust is built" table: which family crates each project uses, and totals. */
export function builtWith<P extends CrateProject>(all: readonly ProjectCrates<P>[], families: readonly CrateFamily[] = CRATE_FAMILIES): BuiltWith<P> {
  const rows = all
    .filter((pc) => pc.extracted.length > 0)
    .map((pc) => {
      const byName = new Map(pc.dependencies.map((d) => [d.name, d]));
      return {
        project: pc.project,
        families: families.map((family) => ({
          family,
          crates: family.crates.filter((n) => byName.has(n)).map((n) => ({ name: n, direct: byName.get(n)!.direct })),
        })),
      };
    });
  const totals = families.map((family, i) => {
    const uses = rows.map((r) => r.families[i].crates);
    return {
      family,
      all: uses.filter((u) => u.length > 0).length,
      direct: uses.filter((u) => u.some((c) => c.direct)).length,
      crates: family.crates.map((name) => ({
        name,
        all: uses.filter((u) => u.some((c) => c.name === name)).length,
        direct: uses.filter((u) => u.some((c) => c.name === name && c.direct)).length,
      })),
    };
  });
  return { families, rows, totals };
}

/** The date of the newest extraction among the records (the "as of" of the crate figures). */
export function extractionRange(records: Readonly<CratesFile>): { oldest: string; newest: string } | undefined {
  const dates = Object.values(records).map((r) => r.extracted).sort();
  return dates.length ? { oldest: dates[0], newest: dates[dates.length - 1] } : undefined;
}
