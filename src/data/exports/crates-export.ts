/**
 * The crate views as data: `/data/crates.csv` (one row per project and crate it uses) and
 * the `crates` field of `/data/projects.json`. Documented on the site's `/data/` page.
 */
import { toCsv, type CsvValue } from './exports.ts';
import type { BuiltWith, CrateProject, ProjectCrates, SharedCrate } from '../views/crates.ts';

/** Columns of crates.csv, with what each holds. */
export const CRATES_CSV_FIELDS = {
  crate: 'Crate name.',
  project_slug: 'Entry whose manifests or lock files use it.',
  project_name: "The entry's display name.",
  direct: 'true when a manifest of the project declares it; false when only a Cargo.lock resolves it.',
  kinds: 'How it is declared: normal, build, dev, joined by ";" (empty when indirect).',
  requirements: 'Version requirements of the declarations, joined by ";".',
  locked_versions: 'Versions the lock files resolve, joined by ";" (empty without a Cargo.lock).',
  projects_in_all: 'How many projects use the crate in all.',
  projects_direct: 'How many projects declare it.',
  crate_page_url: "Absolute URL of the crate's page, when it has one (used by two projects or more).",
} as const;
export const CRATES_CSV_COLUMNS = Object.keys(CRATES_CSV_FIELDS) as (keyof typeof CRATES_CSV_FIELDS)[];

/** One row per (crate, project), crates most shared first, projects in the order given. */
export function cratesCsv(shared: readonly SharedCrate[], crateUrl: (name: string) => string | undefined): string {
  const rows = shared.flatMap((s) =>
    s.uses.map((u): Record<keyof typeof CRATES_CSV_FIELDS, CsvValue> => ({
      crate: s.name,
      project_slug: u.project.slug,
      project_name: u.project.name,
      direct: u.direct,
      kinds: u.kinds.join(';'),
      requirements: u.reqs.join(';'),
      locked_versions: u.versions.join(';'),
      projects_in_all: s.all,
      projects_direct: s.direct,
      crate_page_url: crateUrl(s.name),
    })),
  );
  return toCsv(CRATES_CSV_COLUMNS, rows.map((row) => CRATES_CSV_COLUMNS.map((c) => row[c])));
}

export interface CratesExport {
  /** Oldest and newest extraction dates of the records. */
  extracted: { oldest: string; newest: string } | null;
  /** Per repository: the commit read, its crates and how many packages its lock files resolve. */
  repositories: { repo: string; project: string; commit: string; extracted: string; crates: { name: string; version: string | null; path: string; publish: boolean }[]; lockedPackages: number; notes: string[] }[];
  /** Every crate used by a project, most shared first. */
  shared: { name: string; projects: number; direct: number; usedBy: { project: string; direct: boolean; versions: string[] }[]; url: string | null }[];
  /** The "How CNCF Rust is built" families and, per family, the slugs of projects using each crate. */
  families: { id: string; label: string; crates: { name: string; projects: string[]; direct: string[] }[] }[];
}

/** Fields of `crates` in projects.json. */
export const CRATES_JSON_FIELDS: Record<keyof CratesExport, string> = {
  extracted: 'Oldest and newest dates the Cargo files were read ({oldest, newest}), or null.',
  repositories: 'Per measured repository: repo, project (slug), commit read (the one the entry cites), extracted (date), crates [{name, version, path, publish}], lockedPackages (packages its Cargo.lock files resolve from outside), notes.',
  shared: 'Every crate the projects use, most shared first: name, projects (in all), direct, usedBy [{project, direct, versions}], url of its page or null.',
  families: 'The "How CNCF Rust is built" table: id, label, crates [{name, projects (slugs using it), direct (slugs declaring it)}].',
};

export function cratesExport<P extends CrateProject>(
  input: { perProject: readonly ProjectCrates<P>[]; shared: readonly SharedCrate<P>[]; builtWith: BuiltWith<P>; records: Record<string, { commit: string; extracted: string; locked: unknown[]; notes?: string[] }>; extracted?: { oldest: string; newest: string } },
  crateUrl: (name: string) => string | undefined,
): CratesExport {
  return {
    extracted: input.extracted ?? null,
    repositories: input.perProject.flatMap((pc) =>
      pc.project.rustRepos
        .filter((r) => input.records[r.repo])
        .map((r) => {
          const record = input.records[r.repo];
          return {
            repo: r.repo,
            project: pc.project.slug,
            commit: record.commit,
            extracted: record.extracted,
            crates: pc.own.filter((c) => c.repo === r.repo).map((c) => ({ name: c.name, version: c.version ?? null, path: c.path, publish: c.publish })),
            lockedPackages: record.locked.length,
            notes: record.notes ?? [],
          };
        }),
    ),
    shared: input.shared.map((s) => ({
      name: s.name,
      projects: s.all,
      direct: s.direct,
      usedBy: s.uses.map((u) => ({ project: u.project.slug, direct: u.direct, versions: u.versions })),
      url: crateUrl(s.name) ?? null,
    })),
    families: input.builtWith.families.map((family, i) => ({
      id: family.id,
      label: family.label,
      crates: family.crates.map((name) => ({
        name,
        projects: input.builtWith.rows.filter((r) => r.families[i].crates.some((c) => c.name === name)).map((r) => r.project.slug),
        direct: input.builtWith.rows.filter((r) => r.families[i].crates.some((c) => c.name === name && c.direct)).map((r) => r.project.slug),
      })),
    })),
  };
}
