/**
 * The catalog one project at a time: `/data/projects/<slug>.json` holds the project's object
 * of `projects.json` as it is, plus its history (the record of `history.json`) and its crates
 * (its part of the `crates` field); `/data/projects/index.json` lists every project with its
 * headline figures and the URL of its file. Both follow `EXPORT_VERSION`, like projects.json.
 */
import { EXPORT_VERSION, type ExportedProject } from './exports.ts';
import type { CratesExport } from './crates-export.ts';
import type { ProjectHistory } from '../../schemas/history.ts';

/** A project's crates: the crates its repositories are, and the crates it uses. */
export interface ProjectCratesExport {
  repositories: CratesExport['repositories'];
  uses: { name: string; direct: boolean; versions: string[]; projects: number; url: string | null }[];
}

/** One project's file: its object in projects.json, then `history` and `crates`. */
export type ProjectFile = ExportedProject & { history: ProjectHistory | null; crates: ProjectCratesExport };

/** Fields a project's file adds to its object in projects.json (shown on the /data/ page). */
export const PROJECT_FILE_FIELDS: Record<'history' | 'crates', string> = {
  history:
    "The project's record of history.json: each Rust repository counted at the last commit of every year and at the CNCF dates; null when it has none.",
  crates:
    "repositories (its part of crates.repositories in projects.json) and uses: every crate it uses, [{name, direct, versions (locked), projects (how many projects use it in all), url of the crate's page or null}].",
};

/** A project's part of the `crates` export, in the export's order. */
export function projectCrates(crates: CratesExport, slug: string): ProjectCratesExport {
  return {
    repositories: crates.repositories.filter((r) => r.project === slug),
    uses: crates.shared.flatMap((s) =>
      s.usedBy
        .filter((u) => u.project === slug)
        .map((u) => ({ name: s.name, direct: u.direct, versions: u.versions, projects: s.projects, url: s.url })),
    ),
  };
}

export function projectFile(project: ExportedProject, history: ProjectHistory | undefined, crates: CratesExport): ProjectFile {
  return { ...project, history: history ?? null, crates: projectCrates(crates, project.slug) };
}

export interface ProjectsIndexRow {
  slug: string;
  name: string;
  url: string;
  maturity: ExportedProject['maturity'];
  rustUsage: ExportedProject['rustUsage'];
  codeLines: number;
  rustShare: number | null;
  file: string;
}

export interface ProjectsIndex {
  version: typeof EXPORT_VERSION;
  generated: string;
  site: string;
  projects: ProjectsIndexRow[];
}

/** Fields of each object in index.json's `projects` (shown on the /data/ page). */
export const PROJECTS_INDEX_FIELDS: Record<keyof ProjectsIndexRow, string> = {
  slug: 'Identifier of the entry, as in its page URL.',
  name: 'Display name.',
  url: "Absolute URL of the project's page.",
  maturity: 'sandbox, incubating, graduated or archived.',
  rustUsage: 'pure, component, sdk or none-found.',
  codeLines: 'Rust code lines over its measured repositories (totals.codeLines).',
  rustShare: "Rust's share of its code as the page gives it (percent, one decimal), or null.",
  file: "Absolute URL of the project's own file, /data/projects/<slug>.json.",
};

/** The list of projects with their headline figures, from the same objects as projects.json. */
export function projectsIndex(
  projects: readonly ExportedProject[],
  input: { generated: string; site: string; file: (slug: string) => string },
): ProjectsIndex {
  return {
    version: EXPORT_VERSION,
    generated: input.generated,
    site: input.site,
    projects: projects.map((p) => ({
      slug: p.slug,
      name: p.name,
      url: p.url,
      maturity: p.maturity,
      rustUsage: p.rustUsage,
      codeLines: p.totals.codeLines,
      rustShare: p.rustShare,
      file: input.file(p.slug),
    })),
  };
}
