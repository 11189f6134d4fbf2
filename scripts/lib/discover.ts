/**
 * `npm run discover`: which repositories to look at (every repository of the GitHub
 * organisations of every CNCF project item of a landscape.yml, with the catalog's entries),
 * where their bare copies are, and what the measurements say against the inclusion rule
 * (`src/data/rules/rust-class.ts`). Pure except `findLocalRepository` and `bareCopyOwners` (read a
 * directory).
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'astro/zod';
import { MIN_CODE_LINES, PURE_SHARE, classify } from '../../src/data/rules/rust-class.ts';
import type { ClassInput } from '../../src/data/rules/rust-class.ts';
import type { ProjectOrg } from '../../src/schemas/project-orgs.ts';
import type { RepoKind, RustUsage } from '../../src/schemas/taxonomy.ts';
import { LandscapeShapeError } from './landscape.ts';
import type { RoleCounts } from './rust-roles.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `https://github.com/o/n`, `…/o/n.git`, `…/o/n/tree/main` → `o/n`; undefined for other hosts. */
export function githubRepo(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  const m = /^https?:\/\/(?:www\.)?github\.com\/([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+?)(?:\.git)?(?:[/#?].*)?$/.exec(
    url.trim(),
  );
  return m ? `${m[1]}/${m[2]}` : undefined;
}

/** `https://github.com/o` or `…/o/`: a GitHub organisation (or user) page, not a repository. */
export function githubOwner(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  const m = /^https?:\/\/(?:www\.)?github\.com\/([A-Za-z0-9][A-Za-z0-9-]*)\/?$/.exec(url.trim());
  return m?.[1];
}

/** One CNCF project item of the landscape with its repositories. */
export interface LandscapeItem {
  name: string;
  maturity: string;
  /** owner/name of `repo_url` and every `additional_repos` item on GitHub. */
  repos: string[];
  /** Repository URLs that are not on GitHub (listed, not measured). */
  otherRepos: string[];
  /** GitHub organisations a repository URL names instead of a repository. */
  orgs?: string[];
}

/** Every item with a `project:` key, of any maturity (archived included). */
export function landscapeItems(doc: unknown): LandscapeItem[] {
  if (!isObject(doc) || !Array.isArray(doc.landscape))
    throw new LandscapeShapeError('expected a YAML mapping with a top-level "landscape" list of categories');
  const items: LandscapeItem[] = [];
  for (const category of doc.landscape) {
    if (!isObject(category)) continue;
    for (const sub of Array.isArray(category.subcategories) ? category.subcategories : []) {
      if (!isObject(sub)) continue;
      for (const item of Array.isArray(sub.items) ? sub.items : []) {
        if (!isObject(item) || typeof item.name !== 'string' || typeof item.project !== 'string') continue;
        const urls = [
          item.repo_url,
          ...(Array.isArray(item.additional_repos)
            ? item.additional_repos.map((r) => (isObject(r) ? r.repo_url : undefined))
            : []),
        ].filter((u): u is string => typeof u === 'string' && u.trim() !== '');
        const repos: string[] = [];
        const otherRepos: string[] = [];
        const orgs: string[] = [];
        for (const url of urls) {
          const repo = githubRepo(url);
          const owner = githubOwner(url);
          if (owner) orgs.push(owner);
          else if (!repo) otherRepos.push(url.trim());
          else if (!repos.some((r) => r.toLowerCase() === repo.toLowerCase())) repos.push(repo);
        }
        items.push({ name: item.name, maturity: item.project, repos, otherRepos, ...(orgs.length ? { orgs } : {}) });
      }
    }
  }
  return items;
}

/** What discover needs from a catalog entry. */
export interface EntryInfo {
  slug: string;
  name: string;
  landscapeName: string;
  rustUsage: RustUsage;
  repository?: string;
  rustRepos: { repo: string; kind?: RepoKind }[];
  /** The entry's `otherRepos`: its code without Rust, which enters the share the class is judged on. */
  otherRepos?: string[];
}

/** A project to look at: a landscape item, an entry, or both. */
export interface Target {
  name: string;
  maturity?: string;
  entry?: EntryInfo;
  /** The repositories the landscape item and the entry name. */
  repos: string[];
  /** Of them, those the landscape item names. */
  landscapeRepos?: string[];
  /** Organisations the landscape item names as its repository. */
  landscapeOrgs?: string[];
  otherRepos: string[];
  /** Its GitHub organisations (`projectOrganisations`). */
  orgs?: string[];
  /** Repositories of those organisations that no project names (`attachOrganisationRepos`). */
  found?: ListedRepo[];
  /** Organisations no source listed. */
  unlistedOrgs?: string[];
}

/** Landscape items joined with the entries (by `landscapeName`); entries not in the landscape too. */
export function discoverTargets(items: LandscapeItem[], entries: EntryInfo[]): Target[] {
  const targets: Target[] = [];
  const used = new Set<EntryInfo>();
  const add = (list: string[], repo: string | undefined) => {
    if (repo && !list.some((r) => r.toLowerCase() === repo.toLowerCase())) list.push(repo);
  };
  const withEntry = (target: Target, entry: EntryInfo) => {
    target.entry = entry;
    used.add(entry);
    add(target.repos, githubRepo(entry.repository));
    for (const r of entry.rustRepos) add(target.repos, r.repo);
    for (const r of entry.otherRepos ?? []) add(target.repos, r);
  };
  for (const item of items) {
    const target: Target = {
      name: item.name,
      maturity: item.maturity,
      repos: [...item.repos],
      landscapeRepos: [...item.repos],
      ...(item.orgs ? { landscapeOrgs: [...item.orgs] } : {}),
      otherRepos: [...item.otherRepos],
    };
    const entry = entries.find((e) => e.landscapeName === item.name);
    if (entry) withEntry(target, entry);
    targets.push(target);
  }
  for (const entry of entries) {
    if (used.has(entry)) continue;
    const target: Target = { name: entry.name, repos: [], landscapeRepos: [], otherRepos: [] };
    withEntry(target, entry);
    targets.push(target);
  }
  return targets;
}

/**
 * Where a repository's copy is in `dir`: `<owner>+<name>/repo` (the layout of the session's
 * fetch tool), `<owner>+<name>.git`, `<owner>+<name>`, `<owner>/<name>.git` or
 * `<owner>/<name>`; names compared without regard to case, as GitHub does.
 */
export async function findLocalRepository(
  dir: string,
  repo: string,
  listing?: Map<string, string[]>,
): Promise<string | undefined> {
  const names = listing ?? (await directoryNames(dir));
  const [owner, name] = repo.toLowerCase().split('/');
  const candidates: string[] = [];
  for (const flat of [`${owner}+${name}`, `${owner}+${name}.git`])
    for (const found of names.get(flat) ?? []) candidates.push(path.join(dir, found, 'repo'), path.join(dir, found));
  for (const ownerDir of names.get(owner) ?? []) {
    const inner = await directoryNames(path.join(dir, ownerDir));
    for (const n of [`${name}.git`, name])
      for (const found of inner.get(n) ?? []) candidates.push(path.join(dir, ownerDir, found));
  }
  for (const c of candidates) if (await looksLikeGit(c)) return c;
  return undefined;
}

/** Lower-cased directory entry → its real names (two may differ only in case). */
export async function directoryNames(dir: string): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  try {
    for (const n of (await readdir(dir)).sort()) map.set(n.toLowerCase(), [...(map.get(n.toLowerCase()) ?? []), n]);
  } catch {
    /* no such directory: nothing there */
  }
  return map;
}

async function looksLikeGit(dir: string): Promise<boolean> {
  for (const probe of ['HEAD', '.git']) {
    try {
      await stat(path.join(dir, probe));
      return true;
    } catch {
      /* next */
    }
  }
  return false;
}

/**
 * The `git clone` arguments that fetch a missing repository: bare, the newest commit only
 * (`--depth 1`: discover reads HEAD), without blobs of 4 MiB or more (like the session's
 * snapshots; the counter lists them as missing). Not `--filter=blob:none`: the share needs
 * the size of every programming-language file, and the counter never fetches lazily.
 */
export function cloneArgs(repo: string, dest: string, base = 'https://github.com/'): string[] {
  return [
    'clone',
    '--quiet',
    '--bare',
    '--depth=1',
    '--no-tags',
    '--filter=blob:limit=4m',
    `${base.replace(/\/?$/, '/')}${repo}.git`,
    dest,
  ];
}

/** A repository as a listing of its owner shows it. */
export interface ListedRepo {
  /** owner/name. */
  repo: string;
  /** A fork of another repository (GitHub's flag, or judged so from a file listing). */
  fork?: boolean;
  /** Archived on GitHub. */
  archived?: boolean;
  /** A mirror of a repository kept elsewhere. */
  mirror?: boolean;
  /** `.rs` files a file listing shows (a lower bound when `truncated`); undefined when unknown. */
  rsFiles?: number;
  truncated?: boolean;
  /** What the screener noted (the project's own code, examples only, a copy of a crate…). */
  note?: string;
  /** A commit of the listing, when it names one. */
  commit?: string;
  /** When the listing was made, YYYY-MM-DD. */
  checkedAt?: string;
}

/** Every repository of one GitHub owner, and where the list came from. */
export interface OwnerListing {
  owner: string;
  /** "GitHub API (organisation)", "file listing (…, as of …)", "bare copies". */
  sources: string[];
  repos: ListedRepo[];
}

/** One line of a `--listing` file: a repository screened from its file list, without fetching. */
export interface ListingRow extends ListedRepo {
  /** Set when the row comes from a screen of the whole owner (the owner counts as listed). */
  owner?: string;
  /** How the listing was made, e.g. "find_repos+find_files (stored index)". */
  via?: string;
}

/** A parsed `--listing`: its rows, and the owners it lists whole. */
export interface Listing {
  rows: ListingRow[];
  /** Owners screened whole (rows with `owner`), lower case → their listing. */
  owners: Map<string, OwnerListing>;
}

// Owner names start with a letter or digit, and no name is `.` or `..`: they become paths.
const REPO_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]*\/(?!\.\.?$)[A-Za-z0-9_.-]+$/;
const OWNER_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const DAY_RE = /^\d{4}-\d{2}-\d{2}/;
const optionalText = z.string().max(2000).nullish();

/**
 * The two shapes a listing row may have: `{repo, rsFiles, checkedAt}`, and a screen of a
 * whole owner — `{owner, repo, projects, rsFiles, truncated, samplePaths, commit, fork, note,
 * checkedAt, via}` per repository, `{owner, repo: null, note}` for an owner with none.
 */
const listingRowSchema = z.union([
  z.looseObject({
    owner: z.string().regex(OWNER_RE),
    repo: z.null(),
    note: optionalText,
    checkedAt: z.string().regex(DAY_RE).nullish(),
    via: optionalText,
  }),
  z.looseObject({
    owner: z.string().regex(OWNER_RE).optional(),
    repo: z.string().regex(REPO_RE),
    // null: listed, but its files were not screened (the listing says why in its note).
    rsFiles: z.number().int().nonnegative().nullable(),
    truncated: z.boolean().nullish(),
    fork: z.boolean().nullish(),
    archived: z.boolean().nullish(),
    mirror: z.boolean().nullish(),
    note: optionalText,
    commit: z
      .string()
      .regex(/^[0-9a-f]{7,40}$/)
      .nullish(),
    checkedAt: z.string().regex(DAY_RE),
    via: optionalText,
  }),
]);

/** Reads a `--listing` (a JSON list). Throws an Error naming the first bad item. */
export function parseListing(data: unknown): Listing {
  if (!Array.isArray(data)) throw new Error('expected a JSON list of {repo, rsFiles, checkedAt}');
  const rows: ListingRow[] = [];
  const owners = new Map<string, OwnerListing>();
  const ownerDates = new Map<string, Set<string>>();
  data.forEach((item, i) => {
    const parsed = listingRowSchema.safeParse(item);
    if (!parsed.success)
      throw new Error(
        `listing item ${i}: expected {repo: "owner/name", rsFiles: whole number, checkedAt: "YYYY-MM-DD…"}` +
          ` or {owner, repo: null} for an owner with no repositories`,
      );
    const row = parsed.data;
    const ownerKey = row.owner?.toLowerCase();
    if (row.owner !== undefined && ownerKey !== undefined) {
      const listing = owners.get(ownerKey) ?? { owner: row.owner, sources: [], repos: [] };
      owners.set(ownerKey, listing);
      const dates = ownerDates.get(ownerKey) ?? new Set<string>();
      ownerDates.set(ownerKey, dates);
      if (row.checkedAt) dates.add(`${row.via ? `${row.via}, ` : ''}as of ${row.checkedAt.slice(0, 10)}`);
    }
    if (row.repo === null) return;
    if (ownerKey !== undefined && row.repo.split('/')[0].toLowerCase() !== ownerKey)
      throw new Error(`listing item ${i}: ${row.repo} is not a repository of ${row.owner}`);
    if (row.rsFiles === null && row.owner === undefined)
      throw new Error(`listing item ${i}: rsFiles is null, which only a screen of a whole owner may say`);
    const listed: ListingRow = {
      repo: row.repo,
      // None listed in a listing cut short (truncated) does not show there is no Rust.
      ...(row.rsFiles !== null && !(row.rsFiles === 0 && row.truncated) ? { rsFiles: row.rsFiles } : {}),
      checkedAt: row.checkedAt.slice(0, 10),
      ...(row.truncated ? { truncated: true } : {}),
      ...(row.fork ? { fork: true } : {}),
      ...(row.archived ? { archived: true } : {}),
      ...(row.mirror ? { mirror: true } : {}),
      ...(row.note ? { note: row.note } : {}),
      ...(row.commit ? { commit: row.commit } : {}),
      ...(row.owner ? { owner: row.owner } : {}),
      ...(row.via ? { via: row.via } : {}),
    };
    rows.push(listed);
    if (ownerKey !== undefined) {
      const repos = owners.get(ownerKey)!.repos;
      const same = repos.find((r) => r.repo.toLowerCase() === listed.repo.toLowerCase());
      if (!same) repos.push(listed);
      else mergeListed(same, listed);
    }
  });
  for (const [key, listing] of owners) {
    const dates = [...(ownerDates.get(key) ?? [])].sort();
    listing.sources.push(`file listing${dates.length ? ` (${dates.join('; ')})` : ''}`);
  }
  return { rows, owners };
}

/** Folds what a second source says of a repository into the first: any flag set stays set. */
function mergeListed(into: ListedRepo, other: ListedRepo): void {
  for (const flag of ['fork', 'archived', 'mirror', 'truncated'] as const) if (other[flag]) into[flag] = true;
  if (other.rsFiles !== undefined && (into.rsFiles === undefined || other.rsFiles > into.rsFiles)) {
    into.rsFiles = other.rsFiles;
    if (other.checkedAt) into.checkedAt = other.checkedAt;
  }
  if (!into.note && other.note) into.note = other.note;
  if (!into.commit && other.commit) into.commit = other.commit;
}

/**
 * The owners of the bare copies in `dir` and their repositories: every `<owner>+<name>`
 * (with or without `.git`) and `<owner>/<name>` copy counts as listed for its owner.
 */
export async function bareCopyOwners(dir: string): Promise<Map<string, OwnerListing>> {
  const owners = new Map<string, OwnerListing>();
  const add = (owner: string, name: string) => {
    const key = owner.toLowerCase();
    const listing = owners.get(key) ?? { owner, sources: ['bare copies'], repos: [] };
    owners.set(key, listing);
    const repo = `${owner}/${name.replace(/\.git$/, '')}`;
    if (!listing.repos.some((r) => r.repo.toLowerCase() === repo.toLowerCase())) listing.repos.push({ repo });
  };
  for (const [, realNames] of await directoryNames(dir))
    for (const n of realNames) {
      const flat = /^([A-Za-z0-9_.-]+)\+([A-Za-z0-9_.-]+)$/.exec(n);
      if (flat) {
        if (await findLocalRepository(dir, `${flat[1]}/${flat[2].replace(/\.git$/, '')}`)) add(flat[1], flat[2]);
        continue;
      }
      if (!OWNER_RE.test(n) || n.startsWith('.')) continue;
      for (const [, inner] of await directoryNames(path.join(dir, n)))
        for (const m of inner) if (REPO_RE.test(`${n}/${m}`) && (await looksLikeGit(path.join(dir, n, m)))) add(n, m);
    }
  return owners;
}

/** Merges owner listings from several sources (GitHub, a file listing, bare copies). */
export function mergeOwnerListings(...sources: Map<string, OwnerListing>[]): Map<string, OwnerListing> {
  const merged = new Map<string, OwnerListing>();
  for (const source of sources)
    for (const [key, listing] of source) {
      const into = merged.get(key);
      if (!into) {
        merged.set(key, {
          owner: listing.owner,
          sources: [...listing.sources],
          repos: listing.repos.map((r) => ({ ...r })),
        });
        continue;
      }
      for (const s of listing.sources) if (!into.sources.includes(s)) into.sources.push(s);
      for (const r of listing.repos) {
        const same = into.repos.find((x) => x.repo.toLowerCase() === r.repo.toLowerCase());
        if (same) mergeListed(same, r);
        else into.repos.push({ ...r });
      }
    }
  return merged;
}

/**
 * Each target's GitHub organisations: the owners of the repositories its landscape item and
 * entry name, less those `data/project-orgs.yaml` marks `named-repositories` for it (a shared
 * organisation), plus those it marks `organisation`. Sets `target.orgs`; returns the rows
 * that name no project (a typo the caller reports).
 */
export function projectOrganisations(targets: Target[], rows: readonly ProjectOrg[]): ProjectOrg[] {
  const matches = (t: Target, project: string) => {
    const p = project.toLowerCase();
    return t.name.toLowerCase() === p || t.entry?.landscapeName.toLowerCase() === p || t.entry?.slug === p;
  };
  const used = new Set<ProjectOrg>();
  for (const t of targets) {
    const mine = rows.filter((r) => matches(t, r.project));
    mine.forEach((r) => used.add(r));
    const shared = new Set(mine.filter((r) => r.scope === 'named-repositories').map((r) => r.org.toLowerCase()));
    const orgs: string[] = [];
    const add = (owner: string) => {
      if (!orgs.some((o) => o.toLowerCase() === owner.toLowerCase())) orgs.push(owner);
    };
    for (const owner of [...t.repos.map((repo) => repo.split('/')[0]), ...(t.landscapeOrgs ?? [])])
      if (!shared.has(owner.toLowerCase())) add(owner);
    for (const r of mine) if (r.scope === 'organisation') add(r.org);
    t.orgs = orgs;
  }
  return rows.filter((r) => !used.has(r));
}

/**
 * Gives each target the repositories of its organisations that no target names (a named
 * repository belongs to the project naming it); an organisation shared by two projects gives
 * its other repositories to both. Sets `found` and `unlistedOrgs`.
 */
export function attachOrganisationRepos(targets: Target[], listings: ReadonlyMap<string, OwnerListing>): void {
  const named = new Set(targets.flatMap((t) => t.repos.map((r) => r.toLowerCase())));
  for (const t of targets) {
    t.found = [];
    t.unlistedOrgs = [];
    for (const org of t.orgs ?? []) {
      const listing = listings.get(org.toLowerCase());
      if (!listing) {
        t.unlistedOrgs.push(org);
        continue;
      }
      for (const r of listing.repos)
        if (!named.has(r.repo.toLowerCase()) && !t.found.some((f) => f.repo.toLowerCase() === r.repo.toLowerCase()))
          t.found.push(r);
    }
    t.found.sort((a, b) => (a.repo.toLowerCase() < b.repo.toLowerCase() ? -1 : 1));
  }
}

/**
 * Why a repository an organisation listing found is not the project's code, or undefined
 * when it is: a fork or a mirror is someone else's code; an archived repository is no longer
 * shipped, unless the project itself is archived (then its archived repositories are its code).
 */
export function notProjectCode(t: Pick<Target, 'maturity'>, r: ListedRepo): string | undefined {
  if (r.fork) return `a fork of another repository${r.note ? ` (${r.note})` : ''}: not the project's code`;
  if (r.mirror) return "a mirror of a repository kept elsewhere: not the project's code";
  if (r.archived && t.maturity !== 'archived') return 'archived: no longer developed or shipped by the project';
  return undefined;
}

/** The measurement of one repository as discover records it. */
export interface RepoMeasurement {
  commit: string;
  commitDate: string;
  rustFiles: number;
  rustBytes: number;
  rustLines: number;
  rustCodeLines: number;
  programmingBytes: number;
  rustShare: number;
  /** Largest programming languages: name, bytes, percent of programming bytes. */
  languages: { name: string; bytes: number; share: number }[];
  /** Files the copy lacks that would have been counted (not counted). */
  missing: number;
  /** Rust code lines and files by what they are for (`rust-roles.ts`), when there is Rust. */
  rustByRole?: RoleCounts;
}

export type RepoStatus =
  | { state: 'measured'; measurement: RepoMeasurement; source: string }
  | { state: 'screened'; reason: string }
  | { state: 'not-looked-at'; reason: string };

export interface RepoResult {
  repo: string;
  status: RepoStatus;
  /** What an owner or file listing said of it. */
  listed?: ListedRepo;
  /** Rust bytes in GitHub's language statistics, when asked. */
  githubRust?: number;
}

export interface ProjectFinding {
  name: string;
  maturity?: string;
  entry?: string;
  rustUsage?: RustUsage;
  /** Rust code lines over the measured repositories (shipped ones when kinds are known). */
  codeLines: number;
  /** Rust share over the measured repositories. */
  share: number;
  /** The class the rule gives, when the entry states every repository's kind. */
  expected?: string;
  /** Why the entry no longer fits (for table b). */
  problem?: string;
  repos: string[];
}

/** A repository with Rust that a listing shows but the run could not measure. */
export interface UnmeasuredRust {
  repo: string;
  /** `.rs` files the listing shows (a lower bound when `truncated`). */
  rsFiles?: number;
  truncated?: boolean;
  /** Rust bytes in GitHub's language statistics. */
  githubRust?: number;
  reason: string;
}

/** A repository with Rust in an entry's organisations that the entry does not list. */
export interface EntryOmission {
  name: string;
  entry: string;
  repo: string;
  /** How the run came to it: named by the landscape, or found in an organisation. */
  via: 'landscape' | 'organisation';
  /** Measured Rust code lines, when measured. */
  codeLines?: number;
  /** Of them, outside tests, examples, benchmarks and fuzz targets. */
  shippedCodeLines?: number;
  /** Else what the listing showed. */
  rsFiles?: number;
  note?: string;
}

export interface DiscoverReport {
  /** (a) Projects the rule admits that have no entry. */
  missingEntries: ProjectFinding[];
  /** (b) Entries whose class no longer fits their measurements. */
  staleEntries: ProjectFinding[];
  /** Projects with some Rust, below the rule, and no written reason: they need one. */
  belowRule: ProjectFinding[];
  /** Projects without an entry that content/left-out.yaml gives a reason for (listed, not errors). */
  leftOut: (ProjectFinding & { reason: string })[];
  /** Projects without entry or reason whose Rust a listing shows but no copy measured: they need a look. */
  unmeasuredRust: { name: string; maturity?: string; repos: UnmeasuredRust[] }[];
  /** Rust repositories of an entry's organisations the entry does not list (to review, not errors). */
  entryOmissions: EntryOmission[];
  /** (c) Repositories not looked at, and why. */
  notLookedAt: { project: string; repo: string; reason: string }[];
}

/** Rust the result shows: measured code lines, or `.rs` files in a listing, or GitHub's bytes. */
function showsRust(r: RepoResult): boolean {
  if (r.status.state === 'measured') return r.status.measurement.rustCodeLines > 0;
  return (r.listed?.rsFiles ?? 0) > 0 || (r.githubRust ?? 0) > 0;
}

/** Code lines outside tests, examples, benchmarks and fuzz targets; all of them when unknown. */
export function shippedLines(m: RepoMeasurement): number {
  return m.rustByRole ? m.rustByRole.shipped.codeLines : m.rustCodeLines;
}

/**
 * One row per repository a target covers, named or found in an organisation, with whether it
 * counts as the project's code (`notProjectCode`).
 */
export function targetRepos(
  t: Target,
): { repo: string; via: 'landscape' | 'entry' | 'organisation'; excluded?: string; listed?: ListedRepo }[] {
  const landscape = new Set((t.landscapeRepos ?? t.repos).map((r) => r.toLowerCase()));
  return [
    ...t.repos.map((repo) => ({
      repo,
      via: landscape.has(repo.toLowerCase()) ? ('landscape' as const) : ('entry' as const),
    })),
    ...(t.found ?? []).map((r) => {
      const excluded = notProjectCode(t, r);
      return { repo: r.repo, via: 'organisation' as const, listed: r, ...(excluded ? { excluded } : {}) };
    }),
  ];
}

/**
 * Judges every target from the repository results. Pure. `leftOut` maps a landscape name
 * (lower case) to the written reason a project without an entry is left out
 * (content/left-out.yaml): such a project is reported under `leftOut`, never as missing.
 */
export function judge(
  targets: Target[],
  results: Map<string, RepoResult>,
  leftOut: ReadonlyMap<string, string> = new Map(),
): DiscoverReport {
  const report: DiscoverReport = {
    missingEntries: [],
    staleEntries: [],
    belowRule: [],
    leftOut: [],
    unmeasuredRust: [],
    entryOmissions: [],
    notLookedAt: [],
  };
  for (const t of targets) {
    const measured: { repo: string; m: RepoMeasurement }[] = [];
    const unmeasured: UnmeasuredRust[] = [];
    const inEntry = (repo: string) =>
      t.entry?.rustRepos.some((r) => r.repo.toLowerCase() === repo.toLowerCase()) ?? false;
    for (const { repo, via, excluded } of targetRepos(t)) {
      if (excluded) continue;
      const r = results.get(repo.toLowerCase());
      if (!r) report.notLookedAt.push({ project: t.name, repo, reason: 'not in the run' });
      else if (r.status.state === 'measured') measured.push({ repo, m: r.status.measurement });
      else if (r.status.state === 'not-looked-at') {
        report.notLookedAt.push({ project: t.name, repo, reason: r.status.reason });
        if (showsRust(r))
          unmeasured.push({
            repo,
            ...(r.listed?.rsFiles !== undefined ? { rsFiles: r.listed.rsFiles } : {}),
            ...(r.listed?.truncated ? { truncated: true } : {}),
            ...(r.githubRust ? { githubRust: r.githubRust } : {}),
            reason: r.status.reason,
          });
      }
      if (t.entry && via !== 'entry' && !inEntry(repo) && r && showsRust(r)) {
        const m = r.status.state === 'measured' ? r.status.measurement : undefined;
        report.entryOmissions.push({
          name: t.name,
          entry: t.entry.slug,
          repo,
          via,
          ...(m ? { codeLines: m.rustCodeLines, shippedCodeLines: shippedLines(m) } : {}),
          ...(!m && r.listed?.rsFiles !== undefined ? { rsFiles: r.listed.rsFiles } : {}),
          ...(r.listed?.note ? { note: r.listed.note } : {}),
        });
      }
    }
    for (const org of t.unlistedOrgs ?? [])
      report.notLookedAt.push({
        project: t.name,
        repo: `${org}/*`,
        reason: 'organisation not listed (no --github, no listing of it, no bare copy of it)',
      });
    for (const url of t.otherRepos) report.notLookedAt.push({ project: t.name, repo: url, reason: 'not on GitHub' });
    const kindOf = (repo: string) => t.entry?.rustRepos.find((r) => r.repo.toLowerCase() === repo.toLowerCase())?.kind;
    // An entry is judged on the repositories it lists; a project without one on all of its code.
    const basis = t.entry ? measured.filter((x) => inEntry(x.repo)) : measured;
    const inputs: ClassInput[] = basis.map(({ repo, m }) => ({
      kind: kindOf(repo),
      codeLines: m.rustCodeLines,
      rustBytes: m.rustBytes,
      programmingBytes: m.programmingBytes,
    }));
    const isOther = (repo: string) => t.entry?.otherRepos?.some((r) => r.toLowerCase() === repo.toLowerCase()) ?? false;
    const otherCode = t.entry
      ? measured.filter((x) => isOther(x.repo)).map((x) => ({ programmingBytes: x.m.programmingBytes }))
      : [];
    const verdict = classify(inputs, otherCode);
    const finding: ProjectFinding = {
      name: t.name,
      maturity: t.maturity,
      entry: t.entry?.slug,
      rustUsage: t.entry?.rustUsage,
      codeLines: verdict.shippedCodeLines,
      share: verdict.share,
      expected: verdict.usage,
      repos: basis.filter((x) => x.m.rustCodeLines > 0).map((x) => x.repo),
    };
    if (!t.entry) {
      const rust = measured.reduce((sum, x) => sum + x.m.rustCodeLines, 0);
      finding.repos = measured.filter((x) => x.m.rustCodeLines > 0).map((x) => x.repo);
      const reason = leftOut.get(t.name.toLowerCase());
      if (reason !== undefined) report.leftOut.push({ ...finding, reason });
      else if (verdict.admitted) report.missingEntries.push(finding);
      else if (unmeasured.length > 0)
        report.unmeasuredRust.push({ name: t.name, maturity: t.maturity, repos: unmeasured });
      else if (rust > 0) report.belowRule.push(finding);
      continue;
    }
    if (basis.length === 0 || basis.length < t.entry.rustRepos.length) continue; // not every listed repository was measured: (c) says which
    const usage = t.entry.rustUsage;
    if (usage === 'none-found') {
      if (verdict.admitted) finding.problem = `none-found, but ${verdict.shippedCodeLines} Rust code lines measured`;
    } else if (!verdict.admitted) {
      finding.problem = `${usage}, but only ${verdict.shippedCodeLines} Rust code lines measured (the rule needs ${MIN_CODE_LINES})`;
    } else if (verdict.usage && verdict.usage !== usage) {
      finding.problem = `${usage}, but the rule gives ${verdict.usage} (Rust ${verdict.share}% of programming bytes)`;
    } else if (!verdict.usage && usage === 'pure' && verdict.share < PURE_SHARE) {
      finding.problem = `pure, but Rust is ${verdict.share}% of programming bytes (under ${PURE_SHARE}%)`;
    }
    if (finding.problem) report.staleEntries.push(finding);
  }
  return report;
}

/** Whether the report leaves something for a person: exit 1. */
export function needsAPerson(report: DiscoverReport): boolean {
  return (
    report.missingEntries.length > 0 ||
    report.staleEntries.length > 0 ||
    report.belowRule.length > 0 ||
    report.unmeasuredRust.length > 0
  );
}

/**
 * The run's data file: indented JSON, but one line per repository and organisation, so a
 * run over thousands of repositories stays readable and its diffs stay short.
 */
export function runFileText(run: Record<string, unknown>): string {
  const lines = (key: string, list: unknown[]) =>
    list.length === 0
      ? `  "${key}": []`
      : `  "${key}": [\n${list.map((x) => `    ${JSON.stringify(x)}`).join(',\n')}\n  ]`;
  const parts = Object.entries(run).map(([key, value]) =>
    (key === 'repositories' || key === 'organisations') && Array.isArray(value)
      ? lines(key, value)
      : `  "${key}": ${JSON.stringify(value, null, 2).replace(/\n/g, '\n  ')}`,
  );
  return `{\n${parts.join(',\n')}\n}\n`;
}
