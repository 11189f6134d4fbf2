/**
 * What each project's Rust rests on, shaped from `data/advisories.json`, `data/unsafe.json`
 * and `data/crates.json` with the entries that cite the same commits. Pure: tests build the
 * inputs from plain objects.
 *
 * - An advisory *matches* a repository when one of its `Cargo.lock` files resolves a
 *   crates.io package at a version the advisory affects (`npm run advisories`); it is
 *   *dated before the commit* when its disclosure date is not after the measured commit's day.
 * - Unsafe density: the five kinds counted on the syntax tree (`npm run unsafe`) per 1,000
 *   code lines of the same files (the entry's measurement).
 * - A crate *forbids* or *denies* unsafe code when its root file says `#![forbid(unsafe_code)]`
 *   / `#![deny(unsafe_code)]` or its manifest sets `[lints.rust] unsafe_code`; forbid wins.
 * - A crate without `edition` is built as edition 2015 (Cargo's default).
 */
import { ADVISORY_KINDS, type AdvisoriesFile, type Advisory, type AdvisoryKind } from '../../schemas/advisories.ts';
import type { CratesFile } from '../../schemas/crates.ts';
import type { UnsafeCountsData, UnsafeFile, UnsafeRecord } from '../../schemas/unsafe.ts';

/** The part of a catalog project the safety views read. */
export interface SafetyProject {
  slug: string;
  name: string;
  rustRepos: readonly { repo: string; measurement: { commit: string; commitDate: string; codeLines: number } }[];
}

export const KIND_LABELS: Readonly<Record<AdvisoryKind, string>> = {
  vulnerability: 'vulnerability',
  unsound: 'unsound',
  unmaintained: 'unmaintained',
  notice: 'notice',
};

/** The page of an advisory on rustsec.org. */
export const advisoryUrl = (id: string) => `https://rustsec.org/advisories/${id}.html`;

const collator = new Intl.Collator('en', { numeric: true });
const uniqueSorted = (values: Iterable<string>) => [...new Set(values)].sort(collator.compare);
const kindRank = (kind: AdvisoryKind) => ADVISORY_KINDS.indexOf(kind);

/**
 * Why the safety files do not match the entries, one message per problem: a repository an
 * entry lists without a record, a record at another commit, a record no entry lists, or a
 * match naming an advisory the file does not hold. Empty when they match.
 */
export function safetyRecordProblems(
  projects: readonly SafetyProject[],
  advisories: AdvisoriesFile | undefined,
  unsafe: Readonly<UnsafeFile>,
): string[] {
  const problems: string[] = [];
  if (!advisories) problems.push('data/advisories.json is missing or empty');
  const listed = new Set<string>();
  for (const p of projects)
    for (const { repo, measurement } of p.rustRepos) {
      listed.add(repo);
      const entry = `content/projects/${p.slug}.mdx`;
      for (const [file, record] of [
        ['data/advisories.json', advisories?.repositories[repo]],
        ['data/unsafe.json', unsafe[repo]],
      ] as const) {
        if (file === 'data/advisories.json' && !advisories) continue;
        if (!record) problems.push(`${entry} lists ${repo}, but ${file} has no record for it`);
        else if (record.commit !== measurement.commit)
          problems.push(`${file} reads ${repo} at ${record.commit}, but ${entry} cites ${measurement.commit}`);
      }
    }
  for (const [file, records] of [
    ['data/advisories.json', advisories?.repositories ?? {}],
    ['data/unsafe.json', unsafe],
  ] as const)
    for (const repo of Object.keys(records).sort())
      if (!listed.has(repo)) problems.push(`${file} has a record for ${repo}, which no entry lists in rustRepos`);
  if (advisories)
    for (const [repo, r] of Object.entries(advisories.repositories))
      for (const m of r.matches)
        if (!advisories.advisories[m.advisory])
          problems.push(`data/advisories.json matches ${m.advisory} in ${repo} but does not describe it`);
  return problems;
}

/** One locked version of a crate an advisory affects, in one repository. */
export interface AdvisoryUse {
  repo: string;
  version: string;
  /** The commit's day (YYYY-MM-DD). */
  commitDay: string;
  /** The advisory's date is on or before the commit's day: it was public when the commit was made. */
  datedBefore: boolean;
}

export interface ProjectAdvisory {
  id: string;
  advisory: Advisory;
  uses: AdvisoryUse[];
  /** Locked versions, sorted, each once. */
  versions: string[];
  repos: string[];
  /** Every use dated before its commit, none of them, or some. */
  timing: 'before' | 'since' | 'mixed';
}

export interface ProjectAdvisories<P extends SafetyProject = SafetyProject> {
  project: P;
  /** Vulnerabilities first, then unsound, unmaintained, notices; newest first within a kind. */
  advisories: ProjectAdvisory[];
  counts: Record<AdvisoryKind, number>;
  /** Repositories with a committed Cargo.lock (the only ones an advisory can match). */
  locked: string[];
  /** Repositories with Cargo workspaces but no Cargo.lock: not matched. */
  unlocked: string[];
}

const emptyKindCounts = (): Record<AdvisoryKind, number> => ({ vulnerability: 0, unsound: 0, unmaintained: 0, notice: 0 });

/** The advisories a project's lock files resolve to. */
export function projectAdvisories<P extends SafetyProject>(
  project: P,
  file: AdvisoriesFile,
  crates: Readonly<CratesFile>,
): ProjectAdvisories<P> {
  const byId = new Map<string, AdvisoryUse[]>();
  const seen = new Set<string>();
  for (const { repo, measurement } of project.rustRepos) {
    if (seen.has(repo)) continue;
    seen.add(repo);
    const commitDay = measurement.commitDate.slice(0, 10);
    for (const m of file.repositories[repo]?.matches ?? []) {
      const advisory = file.advisories[m.advisory];
      if (!advisory) continue;
      const uses = byId.get(m.advisory) ?? [];
      uses.push({ repo, version: m.version, commitDay, datedBefore: advisory.date <= commitDay });
      byId.set(m.advisory, uses);
    }
  }
  const advisories = [...byId.entries()]
    .map(([id, uses]): ProjectAdvisory => {
      const before = uses.filter((u) => u.datedBefore).length;
      return {
        id,
        advisory: file.advisories[id],
        uses,
        versions: uniqueSorted(uses.map((u) => u.version)),
        repos: uniqueSorted(uses.map((u) => u.repo)),
        timing: before === uses.length ? 'before' : before === 0 ? 'since' : 'mixed',
      };
    })
    .sort(
      (a, b) =>
        kindRank(a.advisory.kind) - kindRank(b.advisory.kind) ||
        (a.advisory.date < b.advisory.date ? 1 : a.advisory.date > b.advisory.date ? -1 : 0) ||
        (a.id < b.id ? 1 : a.id > b.id ? -1 : 0),
    );
  const counts = emptyKindCounts();
  for (const a of advisories) counts[a.advisory.kind]++;
  const repos = [...seen];
  const withWorkspaces = repos.filter((r) => (crates[r]?.workspaces.length ?? 0) > 0);
  return {
    project,
    advisories,
    counts,
    locked: withWorkspaces.filter((r) => crates[r].workspaces.some((w) => w.lock)),
    unlocked: withWorkspaces.filter((r) => crates[r].workspaces.every((w) => !w.lock)),
  };
}

export interface RankedAdvisory<P extends SafetyProject = SafetyProject> {
  id: string;
  advisory: Advisory;
  /** The projects whose lock files resolve it, by name, with their versions. */
  projects: { project: P; versions: string[]; repos: string[] }[];
  /** Repositories in all. */
  repos: number;
  versions: string[];
}

/** Every matched advisory, those touching the most projects first (then repositories, kind, newest). */
export function rankAdvisories<P extends SafetyProject>(perProject: readonly ProjectAdvisories<P>[]): RankedAdvisory<P>[] {
  const byId = new Map<string, RankedAdvisory<P>>();
  for (const pa of perProject)
    for (const a of pa.advisories) {
      let ranked = byId.get(a.id);
      if (!ranked) byId.set(a.id, (ranked = { id: a.id, advisory: a.advisory, projects: [], repos: 0, versions: [] }));
      ranked.projects.push({ project: pa.project, versions: a.versions, repos: a.repos });
    }
  for (const r of byId.values()) {
    r.projects.sort((a, b) => a.project.name.localeCompare(b.project.name, 'en', { sensitivity: 'base' }));
    r.repos = new Set(r.projects.flatMap((p) => p.repos)).size;
    r.versions = uniqueSorted(r.projects.flatMap((p) => p.versions));
  }
  return [...byId.values()].sort(
    (a, b) =>
      b.projects.length - a.projects.length ||
      b.repos - a.repos ||
      kindRank(a.advisory.kind) - kindRank(b.advisory.kind) ||
      (a.advisory.date < b.advisory.date ? 1 : a.advisory.date > b.advisory.date ? -1 : 0) ||
      (a.id < b.id ? -1 : 1),
  );
}

export const UNSAFE_KIND_KEYS = ['blocks', 'functions', 'impls', 'traits', 'externBlocks'] as const;
export const UNSAFE_KIND_LABELS: Readonly<Record<(typeof UNSAFE_KIND_KEYS)[number], string>> = {
  blocks: 'unsafe blocks',
  functions: 'unsafe fn',
  impls: 'unsafe impl',
  traits: 'unsafe trait',
  externBlocks: 'extern blocks',
};

/** "1 unsafe block", "3 extern blocks", "2 unsafe fn": a count with its kind, the keywords as Rust writes them. */
export function unsafeKindCount(kind: (typeof UNSAFE_KIND_KEYS)[number], count: number): string {
  const label = UNSAFE_KIND_LABELS[kind];
  return `${count.toLocaleString('en-US')} ${count === 1 ? label.replace(/blocks$/, 'block') : label}`;
}

export const unsafeTotal = (c: UnsafeCountsData) => UNSAFE_KIND_KEYS.reduce((n, k) => n + c[k], 0);

/** Unsafe items per 1,000 code lines, or undefined without code lines. */
export const unsafeDensity = (total: number, codeLines: number): number | undefined =>
  codeLines > 0 ? (total * 1000) / codeLines : undefined;

export type UnsafeLint = 'forbid' | 'deny';

/** A crate that forbids or denies unsafe code, and where it says so. */
export interface DeclaringCrate {
  name: string;
  repo: string;
  lint: UnsafeLint;
  /** In its root file (`#![…]`), its manifest (`[lints.rust]`), or both. */
  where: 'source' | 'manifest' | 'both';
}

export interface RepoUnsafe {
  repo: string;
  record: UnsafeRecord;
  codeLines: number;
  total: number;
  density?: number;
}

export interface ProjectUnsafe<P extends SafetyProject = SafetyProject> {
  project: P;
  repos: RepoUnsafe[];
  counts: UnsafeCountsData;
  total: number;
  inMacros: number;
  files: number;
  filesWithUnsafe: number;
  codeLines: number;
  density?: number;
  /** Crates of the project's workspaces. */
  crates: number;
  declaring: DeclaringCrate[];
}

/** The level a crate sets for unsafe code, from its root file's attribute and its manifest's lint: forbid wins. */
export function effectiveLint(inSource: UnsafeLint | undefined, inManifest: string | undefined): UnsafeLint | undefined {
  const manifest = inManifest === 'forbid' || inManifest === 'deny' ? inManifest : undefined;
  return inSource === 'forbid' || manifest === 'forbid' ? 'forbid' : (inSource ?? manifest);
}

/** A project's unsafe code, summed over its repositories, and its crates that rule it out. */
export function projectUnsafe<P extends SafetyProject>(
  project: P,
  unsafe: Readonly<UnsafeFile>,
  crates: Readonly<CratesFile>,
): ProjectUnsafe<P> {
  const seen = new Set<string>();
  const repos: RepoUnsafe[] = [];
  for (const { repo, measurement } of project.rustRepos) {
    const record = unsafe[repo];
    if (seen.has(repo) || !record) continue;
    seen.add(repo);
    const total = unsafeTotal(record.unsafe);
    repos.push({ repo, record, codeLines: measurement.codeLines, total, density: unsafeDensity(total, measurement.codeLines) });
  }
  const counts = Object.fromEntries(
    UNSAFE_KIND_KEYS.map((k) => [k, repos.reduce((n, r) => n + r.record.unsafe[k], 0)]),
  ) as UnsafeCountsData;
  const total = unsafeTotal(counts);
  const codeLines = repos.reduce((n, r) => n + r.codeLines, 0);
  const declaring: DeclaringCrate[] = [];
  let crateCount = 0;
  for (const repo of seen) {
    const record = crates[repo];
    const sourceLints = new Map((unsafe[repo]?.crates ?? []).map((c) => [`${c.name}\0${c.path}`, c.lint]));
    for (const c of record?.crates ?? []) {
      crateCount++;
      const inSource = sourceLints.get(`${c.name}\0${c.path}`);
      const inManifest = effectiveLint(undefined, c.unsafeCodeLint);
      const lint = effectiveLint(inSource, c.unsafeCodeLint);
      if (lint)
        declaring.push({ name: c.name, repo, lint, where: inSource && inManifest ? 'both' : inSource ? 'source' : 'manifest' });
    }
  }
  return {
    project,
    repos,
    counts,
    total,
    inMacros: repos.reduce((n, r) => n + r.record.inMacros, 0),
    files: repos.reduce((n, r) => n + r.record.files, 0),
    filesWithUnsafe: repos.reduce((n, r) => n + r.record.filesWithUnsafe, 0),
    codeLines,
    density: unsafeDensity(total, codeLines),
    crates: crateCount,
    declaring: declaring.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.repo.localeCompare(b.repo))),
  };
}

/** The median of the densities of the projects that have code lines. */
export function medianDensity(rows: readonly { density?: number }[]): number | undefined {
  const values = rows.map((r) => r.density).filter((d): d is number => d !== undefined).sort((a, b) => a - b);
  if (!values.length) return undefined;
  const mid = Math.floor(values.length / 2);
  return values.length % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

/** Cargo's default edition when a manifest sets none. */
export const DEFAULT_EDITION = '2015';

/** Dotted versions compared part by part as numbers (`1.9` < `1.70`). */
export function compareRustVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

export interface ProjectToolchains<P extends SafetyProject = SafetyProject> {
  project: P;
  crates: number;
  /** Crates per edition, oldest edition first; `defaulted` counts crates that set none (built as 2015). */
  editions: { edition: string; crates: number; defaulted: number }[];
  /** The `rust-version` the crates declare: lowest and highest, and how many declare one. */
  rustVersion: { lowest?: string; highest?: string; crates: number };
  /** Toolchain files, each once per repository. */
  toolchains: { repo: string; path: string; channel?: string }[];
}

/** Editions, rust-version and pinned toolchains of a project's crates and workspaces. */
export function projectToolchains<P extends SafetyProject>(project: P, crates: Readonly<CratesFile>): ProjectToolchains<P> {
  const seen = new Set<string>();
  const editions = new Map<string, { crates: number; defaulted: number }>();
  const versions: string[] = [];
  const toolchains: ProjectToolchains['toolchains'] = [];
  let count = 0;
  for (const { repo } of project.rustRepos) {
    const record = crates[repo];
    if (seen.has(repo) || !record) continue;
    seen.add(repo);
    for (const c of record.crates) {
      count++;
      const e = editions.get(c.edition ?? DEFAULT_EDITION) ?? { crates: 0, defaulted: 0 };
      e.crates++;
      if (!c.edition) e.defaulted++;
      editions.set(c.edition ?? DEFAULT_EDITION, e);
      if (c.rustVersion) versions.push(c.rustVersion);
    }
    const files = new Map<string, { path: string; channel?: string }>();
    for (const w of record.workspaces) if (w.toolchain) files.set(w.toolchain.path, w.toolchain);
    for (const t of [...files.values()].sort((a, b) => a.path.localeCompare(b.path))) toolchains.push({ repo, ...t });
  }
  versions.sort(compareRustVersions);
  return {
    project,
    crates: count,
    editions: [...editions.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([edition, e]) => ({ edition, ...e })),
    rustVersion: { lowest: versions[0], highest: versions.at(-1), crates: versions.length },
    toolchains,
  };
}

/** Crates per edition across projects, oldest edition first, with how many projects use each. */
export function editionTotals(rows: readonly ProjectToolchains[]): { edition: string; crates: number; projects: number }[] {
  const totals = new Map<string, { crates: number; projects: number }>();
  for (const r of rows)
    for (const e of r.editions) {
      const t = totals.get(e.edition) ?? { crates: 0, projects: 0 };
      t.crates += e.crates;
      t.projects++;
      totals.set(e.edition, t);
    }
  return [...totals.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([edition, t]) => ({ edition, ...t }));
}

/** How a pinned channel reads: a release number, `stable`/`beta`, or a nightly. */
export function channelKind(channel: string | undefined): 'release' | 'stable' | 'beta' | 'nightly' | 'other' | 'none' {
  if (!channel) return 'none';
  if (channel.startsWith('nightly')) return 'nightly';
  if (channel.startsWith('beta')) return 'beta';
  if (channel === 'stable') return 'stable';
  return /^\d+\.\d+/.test(channel) ? 'release' : 'other';
}

/** An advisory title split at its Markdown code spans (`like this`), for the page to set in <code>. */
export function titleParts(title: string): { text: string; code: boolean }[] {
  const parts = title.split('`');
  // An odd count of backticks leaves the last one unmatched: read the title as plain text then.
  if (parts.length % 2 === 0) return [{ text: title, code: false }];
  return parts.map((text, i) => ({ text, code: i % 2 === 1 })).filter((p) => p.text !== '');
}

/** "2021 (12 crates), 2024 (3)": editions with their crate counts, oldest first. */
export function editionSummary(editions: ProjectToolchains['editions']): string {
  return editions.map((e, i) => `${e.edition} (${e.crates}${i === 0 ? (e.crates === 1 ? ' crate' : ' crates') : ''})`).join(', ');
}

/** "only on windows", "only on x86, x86_64": the platforms an advisory is limited to, or undefined. */
export function platformLimit(advisory: Pick<Advisory, 'os' | 'arch'>): string | undefined {
  const limits = [...(advisory.os ?? []), ...(advisory.arch ?? [])];
  return limits.length ? `only on ${limits.join(', ')}` : undefined;
}
