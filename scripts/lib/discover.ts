/**
 * `npm run discover`: which repositories to look at (every CNCF project item of a
 * landscape.yml, with the catalog's entries), where their bare copies are, and what the
 * measurements say against the inclusion rule (`src/data/rules/rust-class.ts`). Pure except
 * `findLocalRepository` (reads a directory).
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { MIN_CODE_LINES, PURE_SHARE, classify } from '../../src/data/rules/rust-class.ts';
import type { ClassInput } from '../../src/data/rules/rust-class.ts';
import type { RepoKind, RustUsage } from '../../src/schemas/taxonomy.ts';
import { LandscapeShapeError } from './landscape.ts';

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

/** One CNCF project item of the landscape with its repositories. */
export interface LandscapeItem {
  name: string;
  maturity: string;
  /** owner/name of `repo_url` and every `additional_repos` item on GitHub. */
  repos: string[];
  /** Repository URLs that are not on GitHub (listed, not measured). */
  otherRepos: string[];
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
        for (const url of urls) {
          const repo = githubRepo(url);
          if (!repo) otherRepos.push(url.trim());
          else if (!repos.some((r) => r.toLowerCase() === repo.toLowerCase())) repos.push(repo);
        }
        items.push({ name: item.name, maturity: item.project, repos, otherRepos });
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
  repos: string[];
  otherRepos: string[];
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
      otherRepos: [...item.otherRepos],
    };
    const entry = entries.find((e) => e.landscapeName === item.name);
    if (entry) withEntry(target, entry);
    targets.push(target);
  }
  for (const entry of entries) {
    if (used.has(entry)) continue;
    const target: Target = { name: entry.name, repos: [], otherRepos: [] };
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

/** One line of a `--listing` file: a repository screened from its file list, without fetching. */
export interface ListingRow {
  repo: string;
  rsFiles: number;
  checkedAt: string;
}

export function parseListing(data: unknown): ListingRow[] {
  if (!Array.isArray(data)) throw new Error('expected a JSON list of {repo, rsFiles, checkedAt}');
  return data.map((row, i) => {
    if (
      !isObject(row) ||
      typeof row.repo !== 'string' ||
      !/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(row.repo) ||
      typeof row.rsFiles !== 'number' ||
      !Number.isInteger(row.rsFiles) ||
      row.rsFiles < 0 ||
      typeof row.checkedAt !== 'string' ||
      !/^\d{4}-\d{2}-\d{2}/.test(row.checkedAt)
    )
      throw new Error(
        `listing item ${i}: expected {repo: "owner/name", rsFiles: whole number, checkedAt: "YYYY-MM-DD…"}`,
      );
    return { repo: row.repo, rsFiles: row.rsFiles, checkedAt: row.checkedAt };
  });
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
}

export type RepoStatus =
  | { state: 'measured'; measurement: RepoMeasurement; source: string }
  | { state: 'screened'; reason: string }
  | { state: 'not-looked-at'; reason: string };

export interface RepoResult {
  repo: string;
  status: RepoStatus;
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

export interface DiscoverReport {
  /** (a) Projects the rule admits that have no entry. */
  missingEntries: ProjectFinding[];
  /** (b) Entries whose class no longer fits their measurements. */
  staleEntries: ProjectFinding[];
  /** Projects with some Rust, below the rule (listed, not errors). */
  belowRule: ProjectFinding[];
  /** Projects without an entry that content/left-out.yaml gives a reason for (listed, not errors). */
  leftOut: (ProjectFinding & { reason: string })[];
  /** (c) Repositories not looked at, and why. */
  notLookedAt: { project: string; repo: string; reason: string }[];
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
  const report: DiscoverReport = { missingEntries: [], staleEntries: [], belowRule: [], leftOut: [], notLookedAt: [] };
  for (const t of targets) {
    const measured: { repo: string; m: RepoMeasurement }[] = [];
    for (const repo of t.repos) {
      const r = results.get(repo.toLowerCase());
      if (!r) report.notLookedAt.push({ project: t.name, repo, reason: 'not in the run' });
      else if (r.status.state === 'measured') measured.push({ repo, m: r.status.measurement });
      else if (r.status.state === 'not-looked-at')
        report.notLookedAt.push({ project: t.name, repo, reason: r.status.reason });
    }
    for (const url of t.otherRepos) report.notLookedAt.push({ project: t.name, repo: url, reason: 'not on GitHub' });
    const kindOf = (repo: string) => t.entry?.rustRepos.find((r) => r.repo.toLowerCase() === repo.toLowerCase())?.kind;
    const inEntry = (repo: string) =>
      t.entry?.rustRepos.some((r) => r.repo.toLowerCase() === repo.toLowerCase()) ?? false;
    // An entry is judged on the repositories it lists; a project without one on all of them.
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
