/**
 * The safety views as data: `/data/advisories.csv` (one row per project, repository and
 * advisory it resolves) and the `safety` field of `/data/projects.json` (per repository: its
 * advisories, unsafe code, crates' editions and toolchain). Documented on the site's `/data/` page.
 */
import { toCsv, type CsvValue } from './exports.ts';
import type { AdvisoriesFile } from '../../schemas/advisories.ts';
import type { CratesFile } from '../../schemas/crates.ts';
import type { UnsafeFile } from '../../schemas/unsafe.ts';
import {
  advisoryUrl,
  effectiveLint,
  unsafeDensity,
  unsafeTotal,
  type ProjectAdvisories,
  type SafetyProject,
} from '../views/safety.ts';

/** Columns of advisories.csv, with what each holds. */
export const ADVISORIES_CSV_FIELDS = {
  project: 'Entry whose repository resolves the advisory (its slug).',
  project_name: "The entry's display name.",
  repository: 'GitHub owner/name of the repository.',
  commit: "The commit whose Cargo.lock files were read (the one the entry's measurement cites).",
  commit_date: 'Committer date of that commit (ISO 8601).',
  advisory_id: 'RustSec id, e.g. RUSTSEC-2023-0071.',
  kind: 'vulnerability, or an informational kind: unsound, unmaintained or notice.',
  crate: 'The crates.io crate the advisory is about.',
  locked_version: 'The version the lock file resolves (one row per locked version).',
  patched: 'Versions with the fix, as the advisory writes them, joined by ";" (empty: no fixed version).',
  unaffected: 'Versions never affected, joined by ";" (may be empty).',
  advisory_date: 'When the advisory was disclosed (YYYY-MM-DD).',
  dated_before_commit: 'true when the advisory is dated on or before the commit day; false when it came out later.',
  title: "The advisory's title.",
  advisory_url: 'Its page on rustsec.org.',
} as const;
export const ADVISORIES_CSV_COLUMNS = Object.keys(ADVISORIES_CSV_FIELDS) as (keyof typeof ADVISORIES_CSV_FIELDS)[];

/** One row per (project, repository, advisory, locked version), projects in the order given. */
export function advisoriesCsv(perProject: readonly ProjectAdvisories[]): string {
  const rows = perProject.flatMap((pa) =>
    pa.project.rustRepos
      .filter((r, i, all) => all.findIndex((o) => o.repo === r.repo) === i)
      .flatMap((r) =>
        pa.advisories.flatMap((a) =>
          a.uses
            .filter((u) => u.repo === r.repo)
            .map(
              (u): Record<keyof typeof ADVISORIES_CSV_FIELDS, CsvValue> => ({
                project: pa.project.slug,
                project_name: pa.project.name,
                repository: r.repo,
                commit: r.measurement.commit,
                commit_date: r.measurement.commitDate,
                advisory_id: a.id,
                kind: a.advisory.kind,
                crate: a.advisory.package,
                locked_version: u.version,
                patched: a.advisory.patched.join(';'),
                unaffected: (a.advisory.unaffected ?? []).join(';'),
                advisory_date: a.advisory.date,
                dated_before_commit: u.datedBefore,
                title: a.advisory.title,
                advisory_url: advisoryUrl(a.id),
              }),
            ),
        ),
      ),
  );
  return toCsv(ADVISORIES_CSV_COLUMNS, rows.map((row) => ADVISORIES_CSV_COLUMNS.map((c) => row[c])));
}

export interface SafetyExport {
  advisoryDatabase: AdvisoriesFile['database'];
  advisories: {
    id: string;
    package: string;
    kind: string;
    date: string;
    title: string;
    aliases: string[];
    patched: string[];
    unaffected: string[];
    url: string;
    projects: string[];
  }[];
  repositories: {
    repo: string;
    project: string;
    commit: string;
    commitDate: string;
    advisories: { id: string; version: string; datedBeforeCommit: boolean }[];
    unsafe: {
      counted: string;
      grammar: string;
      files: number;
      blocks: number;
      functions: number;
      impls: number;
      traits: number;
      externBlocks: number;
      total: number;
      perThousandCodeLines: number | null;
      inMacros: number;
      filesWithUnsafe: number;
      parseErrors: number;
      hotspots: { path: string; unsafe: number }[];
    } | null;
    crates: { name: string; path: string; edition: string | null; rustVersion: string | null; unsafeCode: string | null }[];
    toolchains: { path: string; channel: string | null }[];
  }[];
}

/** Fields of `safety` in projects.json. */
export const SAFETY_JSON_FIELDS: Record<keyof SafetyExport, string> = {
  advisoryDatabase:
    'The RustSec advisory database read: repository, commit, commitDate, read (date of the run), advisories (crate advisories in it), withdrawn (left out).',
  advisories:
    'Every advisory some repository matches: id, package, kind (vulnerability, unsound, unmaintained, notice), date, title, aliases, patched, unaffected, url, projects (slugs).',
  repositories:
    "Per measured repository: repo, project, commit, commitDate, advisories [{id, version, datedBeforeCommit}], unsafe {counted, grammar, files, blocks, functions, impls, traits, externBlocks, total, perThousandCodeLines, inMacros, filesWithUnsafe, parseErrors, hotspots} or null, crates [{name, path, edition, rustVersion, unsafeCode (forbid or deny when the root file or manifest says so)}], toolchains [{path, channel}].",
};

export function safetyExport(input: {
  perProject: readonly ProjectAdvisories[];
  advisories: AdvisoriesFile;
  unsafe: Readonly<UnsafeFile>;
  crates: Readonly<CratesFile>;
}): SafetyExport {
  const projectsOf = new Map<string, string[]>();
  for (const pa of input.perProject)
    for (const a of pa.advisories) projectsOf.set(a.id, [...(projectsOf.get(a.id) ?? []), pa.project.slug]);
  const repositories = input.perProject.flatMap(({ project }: { project: SafetyProject }) =>
    project.rustRepos
      .filter((r, i, all) => all.findIndex((o) => o.repo === r.repo) === i)
      .map(({ repo, measurement: m }) => {
        const u = input.unsafe[repo];
        const record = input.crates[repo];
        const sourceLints = new Map((u?.crates ?? []).map((c) => [`${c.name}\0${c.path}`, c.lint]));
        const total = u ? unsafeTotal(u.unsafe) : 0;
        const density = u ? unsafeDensity(total, m.codeLines) : undefined;
        return {
          repo,
          project: project.slug,
          commit: m.commit,
          commitDate: m.commitDate,
          advisories: (input.advisories.repositories[repo]?.matches ?? []).map((x) => ({
            id: x.advisory,
            version: x.version,
            datedBeforeCommit: (input.advisories.advisories[x.advisory]?.date ?? '') <= m.commitDate.slice(0, 10),
          })),
          unsafe: u
            ? {
                counted: u.counted,
                grammar: u.grammar,
                files: u.files,
                ...u.unsafe,
                total,
                perThousandCodeLines: density === undefined ? null : Math.round(density * 100) / 100,
                inMacros: u.inMacros,
                filesWithUnsafe: u.filesWithUnsafe,
                parseErrors: u.parseErrors,
                hotspots: u.hotspots,
              }
            : null,
          crates: (record?.crates ?? []).map((c) => {
            return {
              name: c.name,
              path: c.path,
              edition: c.edition ?? null,
              rustVersion: c.rustVersion ?? null,
              unsafeCode: effectiveLint(sourceLints.get(`${c.name}\0${c.path}`), c.unsafeCodeLint) ?? null,
            };
          }),
          toolchains: [
            ...new Map((record?.workspaces ?? []).flatMap((w) => (w.toolchain ? [[w.toolchain.path, w.toolchain] as const] : []))).values(),
          ].map((t) => ({ path: t.path, channel: t.channel ?? null })),
        };
      }),
  );
  return {
    advisoryDatabase: input.advisories.database,
    advisories: Object.entries(input.advisories.advisories)
      .filter(([id]) => projectsOf.has(id))
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([id, a]) => ({
        id,
        package: a.package,
        kind: a.kind,
        date: a.date,
        title: a.title,
        aliases: a.aliases ?? [],
        patched: a.patched,
        unaffected: a.unaffected ?? [],
        url: advisoryUrl(id),
        projects: projectsOf.get(id)!,
      })),
    repositories,
  };
}
