/**
 * The catalog as downloadable data: `/data/projects.json`, `/data/projects.csv` and
 * `/data/repositories.csv`. The shapes are documented on the site's `/data/` page and in the
 * README; a change that removes or renames a field raises `EXPORT_VERSION`.
 */
import type { CatalogProject, RustTotals } from '../model/project.ts';
import { projectFrontmatterSchema, type ProjectFrontmatter } from '../../schemas/project.ts';
import type { Source } from '../../schemas/source.ts';
import { measurementRange } from '../model/project.ts';
import { catalogStats } from '../views/stats.ts';

/** Version of the export formats; raised on any change that is not a pure addition. */
export const EXPORT_VERSION = 1;

/** Absolute URLs of the site's pages and files, so exports link back to the site. */
export interface ExportUrls {
  home: string;
  project: (slug: string) => string;
  logo: (file: string) => string;
}

/** A frontmatter value as exported: absent optional values become null, at every depth. */
export type Exported<T> = T extends readonly (infer E)[]
  ? Exported<E>[]
  : T extends object
    ? { -readonly [K in keyof T]-?: undefined extends T[K] ? Exported<Exclude<T[K], undefined>> | null : Exported<T[K]> }
    : T;

/**
 * One project as exported: every frontmatter field (read from the schema, so a new field is
 * exported without a change here), with the logo as an absolute URL, adopters as
 * `{ name, url }`, and what the catalog computes: the page URL, `countsAsRust` and `totals`.
 */
export type ExportedProject = { slug: string; url: string } & Omit<Exported<ProjectFrontmatter>, 'adopters'> & {
  /** False for `none-found`: such a project is left out of every total. */
  countsAsRust: boolean;
  totals: RustTotals;
  /** Rust's share of the project's code, percent, one decimal; null when none is given. */
  rustShare: number | null;
  adopters: { name: string; url: string | null }[];
};

export interface ProjectsExport {
  version: typeof EXPORT_VERSION;
  /** When the file was built (ISO 8601). */
  generated: string;
  /** Absolute URL of the site's home page. */
  site: string;
  asOf: {
    /** Newest `updated` date among the entries. */
    entriesUpdated: string | null;
    /** Date of the landscape.yml snapshot maturity levels and dates come from. */
    landscape: string | null;
    /** Oldest and newest commit dates of the measured repositories. */
    measurements: { oldest: string; newest: string } | null;
  };
  counts: { projects: number; rustProjects: number; repositories: number };
  /** Sum over projects that count as Rust. */
  totals: RustTotals;
  sources: { id: string; title: string; publisher: string; date: string; url: string | null; kind: string; note: string | null }[];
  projects: ExportedProject[];
}

/** Top-level fields of projects.json, with what each holds (shown on the /data/ page). */
export const JSON_FIELDS: Record<keyof ProjectsExport, string> = {
  version: 'Format version (a number); raised when a field is removed or changes meaning.',
  generated: 'When the file was built (ISO 8601 timestamp).',
  site: "Absolute URL of the catalog's home page.",
  asOf: 'How current the data is: entriesUpdated (newest entry review date), landscape (date of the landscape.yml snapshot), measurements ({oldest, newest} commit dates of the measured repositories).',
  counts: 'projects (entries), rustProjects (entries that count as Rust), repositories (measured repositories).',
  totals: 'repos, files, bytes, lines, codeLines summed over projects that count as Rust.',
  sources: 'The bibliography: id, title, publisher, date (YYYY-MM-DD or YYYY-MM), url, kind (data, report, article or project), note.',
  projects: 'One object per entry, sorted by name (fields below).',
};

/**
 * What the /data/ page says about the fields below that need more than the schema's own
 * `.describe()` text; a field added to the schema with a description needs no line here.
 */
const PROJECT_FIELD_NOTES: Partial<Record<keyof ExportedProject, string>> = {
  slug: 'Identifier of the entry, as in its page URL.',
  url: "Absolute URL of the project's page on the site.",
  name: 'Display name.',
  landscapeName: 'Exact name of the item in CNCF landscape.yml.',
  summary: 'One sentence on what the project is.',
  maturity: 'sandbox, incubating, graduated or archived (from landscape.yml).',
  dates: 'accepted, incubating, graduated, archived: YYYY-MM-DD, or null.',
  landscape: 'category and subcategory of the landscape item.',
  homepage: 'Project home page.',
  repository: 'Main source repository.',
  logo: 'Absolute URL of the logo the site shows (SVG).',
  rustUsage: 'pure, component, sdk or none-found.',
  countsAsRust: 'false for none-found projects, which are left out of every total.',
  categories: 'Category ids (see the categories pages).',
  rustRepos: 'Measured repositories: repo (owner/name), role, kind (main, component, sdk, tooling or null), and measurement {commit, commitDate, headDate (the newest commit of the catalog\'s copy when measured: the repository\'s last commit as far as the catalog knows; null in older measurements), files, bytes, lines, codeLines, bytesRaw, rustShare, programmingBytes (the share\'s denominator: bytes of every programming language; null in older measurements), languages, notes}.',
  totals: 'repos (with Rust files), files, bytes, lines, codeLines summed over rustRepos.',
  rustShare:
    "Rust's share of the project's code, percent with one decimal: Rust bytes of rustRepos over the programming-language bytes of rustRepos and otherRepos; null when no Rust is found or some of the project's code is not measured (unmeasuredRepos).",
  reported: 'What the 2025 report printed: type, maturity, dates, figures [{text, where, bytes, repos}] (repos: the repositories a figure covers when it covers only some of them; null: all of them); null if it did not cover the project.',
  rationale: 'Why the project chose Rust, in the catalog\'s words; null if none.',
  adopters: 'Known production users: [{name, url}] (url may be null).',
  sources: 'Ids of the sources the entry cites (see sources).',
  updated: 'Last review of the entry (YYYY-MM-DD).',
};

/** Computed fields, and where each goes: after the frontmatter field named. */
const COMPUTED_AFTER: Partial<Record<keyof ProjectFrontmatter, keyof ExportedProject>> = {
  rustUsage: 'countsAsRust',
  rustRepos: 'totals',
  unmeasuredRepos: 'rustShare',
};

type Def = { type: string; [key: string]: unknown };
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;
const FRONTMATTER_SHAPE = defOf(projectFrontmatterSchema).shape as Record<string, unknown>;

/** Export field names in output order: slug, url, then the frontmatter's with the computed ones slotted in. */
const PROJECT_FIELD_ORDER: (keyof ExportedProject)[] = [
  'slug',
  'url',
  ...Object.keys(FRONTMATTER_SHAPE).flatMap((key) => {
    const computed = COMPUTED_AFTER[key as keyof ProjectFrontmatter];
    return (computed ? [key, computed] : [key]) as (keyof ExportedProject)[];
  }),
];

/** Fields of each object in `projects`. Absent optional values are null, never missing. */
export const JSON_PROJECT_FIELDS = Object.fromEntries(
  PROJECT_FIELD_ORDER.map((key) => {
    const text = PROJECT_FIELD_NOTES[key] ?? (FRONTMATTER_SHAPE[key] as { description?: string } | undefined)?.description;
    if (!text) throw new Error(`projects.json field "${key}" has no description: add .describe("…") to it in src/schemas/project.ts`);
    return [key, text];
  }),
) as Record<keyof ExportedProject, string>;

/** A value shaped by `schema` with every absent optional field, at any depth, set to null. */
function withNulls(schema: unknown, value: unknown): unknown {
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
      return value === undefined ? null : withNulls(def.innerType, value);
    case 'pipe':
      return withNulls(def.out, value);
    case 'array':
      return (value as unknown[]).map((item) => withNulls(def.element, item));
    case 'object':
      return Object.fromEntries(Object.entries(def.shape as Record<string, unknown>).map(([key, field]) => [key, withNulls(field, (value as Record<string, unknown>)[key])]));
    default:
      return value;
  }
}

const orNull = <T>(value: T | undefined): T | null => (value === undefined ? null : value);

/** A percentage as the pages show it, one decimal; null when there is none. */
const oneDecimal = (value: number | undefined): number | null => (value === undefined ? null : Math.round(value * 10) / 10);

/** One project as exported: every frontmatter field, its totals and the URL of its page. */
export function exportProject(p: CatalogProject, urls: ExportUrls): ExportedProject {
  const fields: Record<string, unknown> = {
    ...(withNulls(projectFrontmatterSchema, p) as Record<string, unknown>),
    slug: p.slug,
    url: urls.project(p.slug),
    logo: urls.logo(p.logo),
    countsAsRust: p.countsAsRust,
    totals: { ...p.totals },
    rustShare: oneDecimal(p.rustShare),
    adopters: (p.adopters ?? []).map((a) => (typeof a === 'string' ? { name: a, url: null } : { name: a.name, url: a.url })),
  };
  return Object.fromEntries(PROJECT_FIELD_ORDER.map((key) => [key, fields[key]])) as ExportedProject;
}

export interface ExportInput {
  projects: readonly CatalogProject[];
  sources: readonly Source[];
  /** Build time, ISO 8601. */
  generated: string;
  urls: ExportUrls;
  /** Id of the source whose date is the landscape snapshot's. */
  landscapeSourceId?: string;
}

/** The whole catalog as one JSON document, projects in the given order. */
export function projectsExport({ projects, sources, generated, urls, landscapeSourceId = 'cncf-landscape' }: ExportInput): ProjectsExport {
  const updated = projects.map((p) => p.updated).sort();
  const stats = catalogStats(projects);
  return {
    version: EXPORT_VERSION,
    generated,
    site: urls.home,
    asOf: {
      entriesUpdated: updated.length ? updated[updated.length - 1] : null,
      landscape: orNull(sources.find((s) => s.id === landscapeSourceId)?.date),
      measurements: orNull(measurementRange(projects)),
    },
    counts: { projects: stats.projects, rustProjects: stats.rustProjects, repositories: stats.repositories },
    totals: stats.totals,
    sources: sources.map((s) => ({
      id: s.id,
      title: s.title,
      publisher: s.publisher,
      date: s.date,
      url: orNull(s.url),
      kind: s.kind,
      note: orNull(s.note),
    })),
    projects: projects.map((p) => exportProject(p, urls)),
  };
}

export type CsvValue = string | number | boolean | null | undefined;

/**
 * A text cell a spreadsheet would read as a formula (it starts with `=`, `+`, `-`, `@`, a tab
 * or a carriage return) gets a leading `'`, as OWASP's "CSV Injection" page advises; numbers
 * are written as they are (a negative number is data, not a formula).
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * One CSV field as RFC 4180 wants it: quoted when it holds a comma, a quote, a line break or
 * leading/trailing spaces, with quotes doubled. Empty for null and undefined. Text that would
 * start a formula is neutralised (neutraliseFormula).
 */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? neutraliseFormula(value) : String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows to CSV text: CRLF line ends (RFC 4180), one trailing line end. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  for (const [i, row] of rows.entries())
    if (row.length !== header.length) throw new Error(`CSV row ${i + 1} has ${row.length} fields; the header has ${header.length}`);
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** Columns of projects.csv, with what each holds (shown on the /data/ page). */
export const PROJECT_CSV_FIELDS = {
  slug: 'Identifier of the entry, as in its page URL.',
  name: 'Display name.',
  maturity: 'CNCF maturity level: sandbox, incubating, graduated or archived.',
  rust_usage: 'pure, component, sdk or none-found.',
  counts_as_rust: 'true, or false for none-found projects (left out of every total).',
  accepted: 'Date accepted into the CNCF (YYYY-MM-DD).',
  incubating: 'Date moved to incubating; empty if never.',
  graduated: 'Date graduated; empty if never.',
  archived: 'Date archived; empty if never.',
  categories: 'Category ids, separated by semicolons.',
  landscape_category: 'Category of the CNCF landscape item.',
  landscape_subcategory: 'Subcategory of the CNCF landscape item.',
  homepage: 'Project home page.',
  repository: 'Main source repository.',
  rust_repositories: 'Number of measured repositories with Rust files.',
  rust_files: 'Counted .rs files, all repositories.',
  rust_bytes: 'Bytes of those files.',
  rust_lines: 'Lines (newline characters) in those files.',
  rust_code_lines: 'Lines that hold code: not blank and not only comments (// and doc comments, /* */ blocks, which nest).',
  updated: 'Last review of the entry (YYYY-MM-DD).',
  page_url: "Absolute URL of the project's page.",
  rust_share:
    "Rust's share of the project's code (percent, one decimal): over its Rust repositories and its repositories without Rust; empty when no Rust is found or some of its code is not measured.",
} as const;
export const PROJECT_CSV_COLUMNS = Object.keys(PROJECT_CSV_FIELDS) as (keyof typeof PROJECT_CSV_FIELDS)[];

type ProjectCsvRow = Record<keyof typeof PROJECT_CSV_FIELDS, CsvValue>;

/** One row per project; categories are ids joined with ";". */
export function projectsCsv(projects: readonly CatalogProject[], urls: Pick<ExportUrls, 'project'>): string {
  const rows = projects.map(
    (p): ProjectCsvRow => ({
      slug: p.slug,
      name: p.name,
      maturity: p.maturity,
      rust_usage: p.rustUsage,
      counts_as_rust: p.countsAsRust,
      accepted: p.dates.accepted,
      incubating: p.dates.incubating,
      graduated: p.dates.graduated,
      archived: p.dates.archived,
      categories: p.categories.join(';'),
      landscape_category: p.landscape.category,
      landscape_subcategory: p.landscape.subcategory,
      homepage: p.homepage,
      repository: p.repository,
      rust_repositories: p.totals.repos,
      rust_files: p.totals.files,
      rust_bytes: p.totals.bytes,
      rust_lines: p.totals.lines,
      rust_code_lines: p.totals.codeLines,
      updated: p.updated,
      page_url: urls.project(p.slug),
      rust_share: oneDecimal(p.rustShare),
    }),
  );
  return toCsv(PROJECT_CSV_COLUMNS, rows.map((row) => PROJECT_CSV_COLUMNS.map((c) => row[c])));
}

/** Columns of repositories.csv, with what each holds. */
export const REPOSITORY_CSV_FIELDS = {
  project_slug: 'Entry the repository belongs to.',
  project_name: "The entry's display name.",
  repository: 'GitHub owner/name.',
  role: 'What the repository is in the project.',
  commit: 'Full commit hash the tree was counted at.',
  commit_date: 'Committer date of that commit (ISO 8601).',
  files: 'Counted .rs files.',
  bytes: 'Bytes of the counted files.',
  lines: 'Lines (newline characters).',
  code_lines: 'Lines that hold code: not blank and not only comments (// and doc comments, /* */ blocks, which nest).',
  bytes_raw: 'Bytes of every .rs file, before exclusions.',
  rust_share: 'Rust bytes as a percentage of counted source bytes.',
  notes: 'What the counter noticed; may be empty.',
  holds_rust:
    "true for a repository of rustRepos; false for one of otherRepos, the project's code without Rust (counted only in the project's share).",
  last_commit_date:
    "Committer date of the newest commit of the catalog's copy when it was measured (ISO 8601): the repository's last commit as far as the catalog knows; empty in older measurements.",
} as const;
export const REPOSITORY_CSV_COLUMNS = Object.keys(REPOSITORY_CSV_FIELDS) as (keyof typeof REPOSITORY_CSV_FIELDS)[];

type RepositoryCsvRow = Record<keyof typeof REPOSITORY_CSV_FIELDS, CsvValue>;

/** One row per measured repository, in project order then the entry's order (Rust repositories, then other code). */
export function repositoriesCsv(projects: readonly CatalogProject[]): string {
  const rows = projects.flatMap((p) =>
    [...p.rustRepos.map((r) => ({ ...r, rust: true })), ...(p.otherRepos ?? []).map((r) => ({ ...r, rust: false }))].map(
      ({ repo, role, measurement: m, rust }): RepositoryCsvRow => ({
        project_slug: p.slug,
        project_name: p.name,
        repository: repo,
        role,
        commit: m.commit,
        commit_date: m.commitDate,
        files: m.files,
        bytes: m.bytes,
        lines: m.lines,
        code_lines: m.codeLines,
        bytes_raw: m.bytesRaw,
        rust_share: m.rustShare,
        notes: m.notes,
        holds_rust: rust,
        last_commit_date: m.headDate,
      }),
    ),
  );
  return toCsv(REPOSITORY_CSV_COLUMNS, rows.map((row) => REPOSITORY_CSV_COLUMNS.map((c) => row[c])));
}
