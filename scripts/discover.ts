/**
 * Find every CNCF project with Rust: screen every repository of the GitHub organisations of
 * every project item of a landscape.yml (all maturities, archived included) and of the
 * catalog's entries, measure those with Rust, and judge them with the inclusion rule
 * (src/data/rules/rust-class.ts).
 *
 *   npm run discover -- --repos DIR [--landscape FILE] [--content DIR] [--orgs FILE]
 *                       [--listing FILE ...] [--github] [--clone] [--cache FILE] [--json]
 *                       [--write FILE] [--project NAME ...]
 *
 * A project's organisations are the owners of the repositories its landscape item
 * (`repo_url`, `additional_repos`) and its entry name, corrected by --orgs (default
 * data/project-orgs.yaml with the default landscape: organisations a project's code also
 * lives in, and shared ones where only its named repositories are its own). Their repositories are listed
 *   --github      through GitHub's REST API (GITHUB_TOKEN), with fork, archived and mirror flags;
 *   --listing     from file listings (JSON lists; repeatable): `{repo, rsFiles, checkedAt}` rows,
 *                 or a screen of whole owners, `{owner, repo, rsFiles, truncated, fork, note,
 *                 checkedAt, via, …}` (and `{owner, repo: null}` for an owner with none);
 *   --repos DIR   and every bare copy in DIR (<owner>+<name>/repo, <owner>+<name>.git,
 *                 <owner>/<name>.git, <owner>/<name>) counts as listed for its owner.
 * A fork or a mirror an organisation listing finds is not the project's code; an archived
 * repository only for an archived project. Copies are read from git objects at HEAD; a
 * repository with no copy is screened by the listing (no .rs files) or by GitHub's languages
 * API (--github), and --clone fetches the rest (bare, --depth=1, --filter=blob:limit=4m).
 * --previous FILE  an earlier run's data file: a repository with no copy this time keeps its
 *               earlier measurement or screen (marked with that run's date), unless a listing
 *               now shows Rust in it.
 * --write FILE  the data file of the run: every organisation and repository looked at.
 * --issue-body FILE  the text of the issue the weekly workflow opens: the report fenced, every
 *               value from outside on one line, so no landscape name can add Markdown to it.
 *
 * Prints (a) projects the rule admits that have no entry, (b) entries whose class no longer
 * fits, projects with Rust under the rule or not measured and no written reason, the
 * projects content/left-out.yaml gives a reason for (not errors), Rust repositories of an
 * entry's organisations the entry does not list (to review), and (c) repositories not looked
 * at. Exit codes: 0 nothing to do; 1 a project with Rust and no decision, or a stale class; 2 error.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { MIN_CODE_LINES, PURE_SHARE } from '../src/data/rules/rust-class.ts';
import { MAX_YAML_BYTES, loadYaml } from '../src/validation/safe-yaml.ts';
import { DEFAULT_MAX_BYTES } from '../src/validation/text.ts';
import { MAX_DATA_BYTES, childTimeoutMs, readBounded, rethrowTimeout } from './lib/bounded.ts';
import { readEntries as readEntryFiles } from './lib/entries.ts';
import { fenceCode, oneLine } from './lib/markdown-fence.ts';
import { LandscapeShapeError } from './lib/landscape.ts';
import { formatColumns } from './lib/measurement-format.ts';
import { leftOutSchema } from '../src/schemas/left-out.ts';
import { projectOrgsSchema } from '../src/schemas/project-orgs.ts';
import type { ProjectOrg } from '../src/schemas/project-orgs.ts';
import {
  attachOrganisationRepos,
  bareCopyOwners,
  cloneArgs,
  directoryNames,
  discoverTargets,
  findLocalRepository,
  judge,
  landscapeItems,
  mergeOwnerListings,
  needsAPerson,
  runFileText,
  parseListing,
  projectOrganisations,
  targetRepos,
} from './lib/discover.ts';
import type {
  DiscoverReport,
  EntryInfo,
  ListedRepo,
  ListingRow,
  OwnerListing,
  RepoMeasurement,
  RepoResult,
  RepoStatus,
  Target,
} from './lib/discover.ts';
import { UsageError, runCli, shown } from './lib/cli.ts';
import { GitError, git, openRepository } from './lib/git-objects.ts';
import { GithubApiError, fetchLanguages, listOwnerRepos } from './lib/github-languages.ts';
import { addRustFile, emptyRoleCounts } from './lib/rust-roles.ts';
import { CountCache, countTree, programmingMix } from './lib/tree-count.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const USAGE =
  'Usage: npm run discover -- --repos DIR [--landscape FILE] [--content DIR] [--orgs FILE] [--listing FILE ...] [--previous FILE] [--github] [--clone] [--cache FILE] [--json] [--write FILE] [--issue-body FILE] [--project NAME ...]';

/**
 * The entries, through the tools' one entry reader (scripts/lib/entries.ts). Only the fields
 * discover uses are required here; validate checks the rest.
 */
function readEntries(content: string): EntryInfo[] {
  return readEntryFiles(content).map(({ file, slug, data: raw }) => {
    const data = raw as Record<string, unknown> | null;
    if (typeof data?.landscapeName !== 'string' || typeof data.name !== 'string' || !Array.isArray(data.rustRepos))
      throw new UsageError(`${file}: expected name, landscapeName and rustRepos (run \`npm run validate\`)`);
    return {
      slug,
      name: data.name,
      landscapeName: data.landscapeName,
      rustUsage: data.rustUsage as EntryInfo['rustUsage'],
      repository: typeof data.repository === 'string' ? data.repository : undefined,
      rustRepos: (data.rustRepos as { repo?: unknown; kind?: unknown }[])
        .filter((r) => typeof r?.repo === 'string')
        .map((r) => ({
          repo: r.repo as string,
          ...(typeof r.kind === 'string' ? { kind: r.kind as EntryInfo['rustRepos'][number]['kind'] } : {}),
        })),
      ...(Array.isArray(data.otherRepos)
        ? {
            otherRepos: (data.otherRepos as { repo?: unknown }[])
              .map((r) => r?.repo)
              .filter((r): r is string => typeof r === 'string'),
          }
        : {}),
    };
  });
}

/**
 * content/left-out.yaml: landscape name (lower case) -> the written reason the project is
 * left out. No file means no reasons; a malformed one is an error (exit 2).
 */
async function readLeftOut(content: string): Promise<Map<string, string>> {
  const file = path.join(content, 'left-out.yaml');
  if (!existsSync(file)) return new Map();
  const text = await readBounded(file, DEFAULT_MAX_BYTES);
  let data: unknown;
  try {
    data = loadYaml(text);
  } catch (error) {
    throw new UsageError(`${shown(file)}: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = leftOutSchema.array().safeParse(data);
  if (!parsed.success)
    throw new UsageError(
      `${shown(file)}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')} (run \`npm run validate\`)`,
    );
  return new Map(parsed.data.map((x) => [x.landscapeName.toLowerCase(), x.reason]));
}

/** A repository as an earlier run recorded it. */
type RepoPrevious =
  | { repo: string; state: 'measured'; measurement: RepoMeasurement }
  | { repo: string; state: 'screened'; reason: string };

/**
 * data/project-orgs.yaml: the reviewed exceptions to "a project's organisations are the owners
 * of its named repositories". No default file means none; a missing --orgs file or a
 * malformed one is an error (exit 2).
 */
async function readProjectOrgs(file: string, required: boolean): Promise<ProjectOrg[]> {
  if (!existsSync(file)) {
    if (required) throw new UsageError(`${shown(file)}: no such file`);
    return [];
  }
  const text = await readBounded(file, MAX_YAML_BYTES);
  let data: unknown;
  try {
    data = loadYaml(text, { filename: file });
  } catch (error) {
    throw new UsageError(`${file}: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = projectOrgsSchema.safeParse(data ?? []);
  if (!parsed.success)
    throw new UsageError(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/**
 * The report as plain text. Every cell may come from outside (landscape names, git's and
 * GitHub's messages), so each is put on one line: the text goes to the CI log and, fenced,
 * into an issue.
 */
function table(report: DiscoverReport): string {
  const out: string[] = [];
  const section = (title: string, header: (readonly [string, 'left' | 'right'])[], rows: string[][]) => {
    out.push(`${title}: ${rows.length === 0 ? 'none' : rows.length}`);
    if (rows.length > 0)
      out.push(
        ...formatColumns(
          header,
          rows.map((row) => row.map(oneLine)),
        ).map((l) => `  ${l}`),
      );
    out.push('');
  };
  const cols = [
    ['project', 'left'],
    ['maturity', 'left'],
    ['Rust code lines', 'right'],
    ['Rust %', 'right'],
    ['repositories with Rust', 'left'],
  ] as const;
  section(
    '(a) Projects with Rust the rule admits, with no entry',
    [...cols],
    report.missingEntries.map((f) => [
      f.name,
      f.maturity ?? '',
      String(f.codeLines),
      f.share.toFixed(1),
      f.repos.join(', '),
    ]),
  );
  section(
    '(b) Entries whose class no longer fits',
    [
      ['entry', 'left'],
      ['class', 'left'],
      ['Rust code lines', 'right'],
      ['Rust %', 'right'],
      ['why', 'left'],
    ],
    report.staleEntries.map((f) => [
      f.entry ?? f.name,
      f.rustUsage ?? '',
      String(f.codeLines),
      f.share.toFixed(1),
      f.problem ?? '',
    ]),
  );
  section(
    `Projects with some Rust, under the rule's ${MIN_CODE_LINES} shipped code lines, with no written reason`,
    [...cols],
    report.belowRule.map((f) => [
      f.name,
      f.maturity ?? '',
      String(f.codeLines),
      f.share.toFixed(1),
      f.repos.join(', '),
    ]),
  );
  section(
    'Projects with Rust in a listing that no copy measured, with no written reason',
    [
      ['project', 'left'],
      ['maturity', 'left'],
      ['repositories (.rs files listed)', 'left'],
    ],
    report.unmeasuredRust.map((f) => [
      f.name,
      f.maturity ?? '',
      f.repos
        .map((r) => `${r.repo} (${r.rsFiles !== undefined ? `${r.rsFiles}${r.truncated ? '+' : ''}` : 'GitHub: Rust'})`)
        .join(', '),
    ]),
  );
  section(
    'Left out, with a written reason (content/left-out.yaml; no entry needed)',
    [...cols, ['why', 'left']],
    report.leftOut.map((f) => [
      f.name,
      f.maturity ?? '',
      String(f.codeLines),
      f.share.toFixed(1),
      f.repos.join(', '),
      `left out: ${f.reason}`,
    ]),
  );
  section(
    "Rust repositories of an entry's organisations that the entry does not list (to review)",
    [
      ['entry', 'left'],
      ['repository', 'left'],
      ['found in', 'left'],
      ['Rust code lines', 'right'],
      ['shipped', 'right'],
      ['note', 'left'],
    ],
    report.entryOmissions.map((x) => [
      x.entry,
      x.repo,
      x.via,
      x.codeLines !== undefined ? String(x.codeLines) : `${x.rsFiles ?? '?'} .rs files`,
      x.shippedCodeLines !== undefined ? String(x.shippedCodeLines) : '',
      x.note ?? '',
    ]),
  );
  section(
    '(c) Repositories not looked at',
    [
      ['project', 'left'],
      ['repository', 'left'],
      ['why', 'left'],
    ],
    report.notLookedAt.map((x) => [x.project, x.repo, x.reason]),
  );
  return out.join('\n');
}

/** The text of the issue the weekly workflow opens: the report as a code block nothing in it can close. */
function issueBody(report: string): string {
  return [
    'The weekly run of `npm run discover` over the CNCF landscape found projects with Rust',
    'that have no entry, or entries whose class no longer fits the rule in CONTRIBUTING.md:',
    '',
    fenceCode(report),
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      repos: { type: 'string' },
      landscape: { type: 'string' },
      content: { type: 'string' },
      listing: { type: 'string', multiple: true },
      orgs: { type: 'string' },
      previous: { type: 'string' },
      github: { type: 'boolean', default: false },
      'github-api': { type: 'string' },
      clone: { type: 'boolean', default: false },
      'clone-base': { type: 'string' },
      cache: { type: 'string' },
      json: { type: 'boolean', default: false },
      write: { type: 'string' },
      'issue-body': { type: 'string' },
      project: { type: 'string', multiple: true },
      date: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.clone && !values.repos) throw new UsageError('--clone needs --repos DIR (where the clones go)');
  const runDate = values.date ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(runDate)) throw new UsageError(`--date expects YYYY-MM-DD, got "${runDate}"`);

  const landscapeFile = path.resolve(values.landscape ?? path.join(root, 'data/landscape.yml'));
  const landscapeText = await readBounded(landscapeFile, MAX_YAML_BYTES);
  let doc: unknown;
  try {
    doc = loadYaml(landscapeText);
  } catch (error) {
    throw new UsageError(`${shown(landscapeFile)}: ${(error as Error).message.split('\n')[0]}`);
  }
  const contentDir = path.resolve(values.content ?? path.join(root, 'content'));
  const leftOut = await readLeftOut(contentDir);
  let targets: Target[];
  try {
    targets = discoverTargets(landscapeItems(doc), readEntries(contentDir));
  } catch (error) {
    if (error instanceof LandscapeShapeError) throw new UsageError(`${landscapeFile}: ${error.message}`);
    throw error;
  }
  // The catalog's reviewed organisations go with the catalog's landscape; another landscape
  // (a test fixture, an older copy) takes its own with --orgs, or none.
  const orgsFile =
    values.orgs ?? (values.landscape === undefined ? path.join(root, 'data/project-orgs.yaml') : undefined);
  const orgRows = orgsFile ? await readProjectOrgs(path.resolve(orgsFile), values.orgs !== undefined) : [];
  const stray = projectOrganisations(targets, orgRows);
  if (stray.length > 0)
    throw new UsageError(
      `${orgsFile}: no project named ${stray.map((r) => `"${r.project}"`).join(', ')} in the landscape or the entries`,
    );

  const listingRows = new Map<string, ListingRow>();
  const listingOwners: Map<string, OwnerListing>[] = [];
  const listingFiles: string[] = [];
  for (const file of values.listing ?? []) {
    try {
      const parsed = parseListing(JSON.parse(await readBounded(file, MAX_DATA_BYTES)));
      for (const row of parsed.rows) {
        // A screened row wins over one that was not screened; of two screens, the one with more Rust.
        const known = listingRows.get(row.repo.toLowerCase());
        if (!known || (row.rsFiles !== undefined && (known.rsFiles === undefined || known.rsFiles < row.rsFiles)))
          listingRows.set(row.repo.toLowerCase(), row);
      }
      listingOwners.push(parsed.owners);
      listingFiles.push(path.basename(file));
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(`${shown(file)}: ${(error as Error).message}`);
    }
  }

  // --previous: an earlier run's data file, for repositories that have no copy this time.
  const previous = new Map<string, RepoPrevious>();
  let previousDate = '';
  if (values.previous) {
    try {
      const run = JSON.parse(await readBounded(values.previous, MAX_DATA_BYTES)) as {
        runDate?: unknown;
        repositories?: unknown;
      };
      if (typeof run.runDate !== 'string' || !Array.isArray(run.repositories))
        throw new Error('expected a discover data file with runDate and repositories');
      previousDate = run.runDate;
      for (const r of run.repositories as RepoPrevious[])
        if (typeof r?.repo === 'string' && (r.state === 'screened' || r.state === 'measured'))
          previous.set(r.repo.toLowerCase(), r);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(`${shown(values.previous)}: ${(error as Error).message}`);
    }
  }

  const reposDir = values.repos ? path.resolve(values.repos) : undefined;
  if (reposDir && values.clone) await mkdir(reposDir, { recursive: true });
  const names = reposDir ? await directoryNames(reposDir) : new Map<string, string[]>();
  if (reposDir && names.size === 0 && !values.clone) console.error(`discover: ${reposDir} holds no repositories`);
  const cache = values.cache ? await CountCache.load(path.resolve(values.cache)) : new CountCache();
  const token = process.env.GITHUB_TOKEN || undefined;
  let githubOn = values.github;
  const github = { token, baseUrl: values['github-api'] };
  const rateLimited = (resetAt?: string) => {
    githubOn = false;
    console.error(
      `discover: GitHub's rate limit is spent${resetAt ? ` until ${resetAt}` : ''}; no more API calls this run`,
    );
  };

  // Every organisation's repositories: from GitHub, a file listing, the bare copies.
  const wantedOrgs = new Map<string, string>();
  const selected = values.project ? selectTargets(targets, values.project) : targets;
  for (const t of selected)
    for (const o of t.orgs ?? []) if (!wantedOrgs.has(o.toLowerCase())) wantedOrgs.set(o.toLowerCase(), o);
  const fromGithub = new Map<string, OwnerListing>();
  if (githubOn)
    for (const [key, owner] of [...wantedOrgs].sort()) {
      if (!githubOn) break;
      try {
        const answer = await listOwnerRepos(owner, github);
        if (answer.state === 'rate-limited') rateLimited(answer.resetAt);
        else if (answer.state === 'not-found') console.error(`discover: no GitHub organisation or user ${owner}`);
        else
          fromGithub.set(key, {
            owner,
            sources: [`GitHub API (${answer.kind}, as of ${runDate})`],
            repos: answer.repos.map((r) => ({
              repo: r.repo,
              ...(r.fork ? { fork: true } : {}),
              ...(r.archived ? { archived: true } : {}),
              ...(r.mirror ? { mirror: true } : {}),
            })),
          });
      } catch (error) {
        if (!(error instanceof GithubApiError)) throw error;
        console.error(`discover: ${error.message}`);
      }
    }
  const owners = mergeOwnerListings(
    fromGithub,
    ...listingOwners,
    reposDir ? await bareCopyOwners(reposDir) : new Map(),
  );
  attachOrganisationRepos(targets, owners);
  targets = selected;

  // What each repository is, across the projects that cover it.
  const repos = new Map<string, { repo: string; listed?: ListedRepo; excludedBy: string[]; covered: number }>();
  for (const t of targets)
    for (const x of targetRepos(t)) {
      const key = x.repo.toLowerCase();
      const known = repos.get(key) ?? { repo: x.repo, excludedBy: [], covered: 0 };
      known.covered++;
      if (x.excluded) known.excludedBy.push(x.excluded);
      const listed =
        x.listed ?? owners.get(x.repo.split('/')[0].toLowerCase())?.repos.find((r) => r.repo.toLowerCase() === key);
      const row = listingRows.get(key);
      known.listed ??= listed || row ? { ...(listed ?? {}), ...(row ?? {}), repo: x.repo } : undefined;
      repos.set(key, known);
    }

  const results = new Map<string, RepoResult>();
  for (const [key, { repo, listed, excludedBy, covered }] of [...repos].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const result: RepoResult = { repo, status: { state: 'not-looked-at', reason: '' }, ...(listed ? { listed } : {}) };
    results.set(key, result);
    const set = (status: RepoStatus) => void (result.status = status);
    // Not the project's code for every project that covers it (a fork, a mirror): not measured.
    if (excludedBy.length === covered) {
      set({ state: 'screened', reason: excludedBy[0] });
      continue;
    }
    const local = reposDir ? await findLocalRepository(reposDir, repo, names) : undefined;
    if (!local && listed?.rsFiles === 0) {
      // An earlier run that measured a copy and found no Rust says more than the listing (the
      // languages of the code): it stays; one that found Rust the listing no longer shows does not.
      const before = previous.get(key);
      if (before?.state === 'measured' && before.measurement.rustFiles === 0)
        set({ state: 'measured', measurement: before.measurement, source: `earlier run (${previousDate})` });
      else set({ state: 'screened', reason: `no .rs files in a file listing, as of ${listed.checkedAt ?? runDate}` });
      continue;
    }
    let dir = local;
    if (!dir && githubOn && listed?.rsFiles === undefined) {
      try {
        const answer = await fetchLanguages(repo, github);
        if (answer.state === 'not-found') {
          set({ state: 'not-looked-at', reason: 'not found on GitHub (renamed, private or deleted)' });
          continue;
        }
        if (answer.state === 'rate-limited') rateLimited(answer.resetAt);
        else if (!answer.languages.Rust) {
          set({ state: 'screened', reason: `no Rust in GitHub's language statistics, as of ${runDate}` });
          continue;
        } else result.githubRust = answer.languages.Rust;
      } catch (error) {
        if (!(error instanceof GithubApiError)) throw error;
        console.error(`discover: ${oneLine(error.message)}`);
      }
    }
    if (!dir && values.clone && reposDir) {
      const dest = path.join(reposDir, `${repo.replace('/', '+')}.git`);
      try {
        await git(cloneArgs(repo, dest, values['clone-base']), {
          env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
          // A shallow, blob-limited clone; big repositories still take minutes.
          timeoutMs: childTimeoutMs(1_800_000),
        });
        dir = dest;
      } catch (error) {
        rethrowTimeout(error);
        set({ state: 'not-looked-at', reason: `clone failed: ${(error as Error).message.slice(0, 200)}` });
        continue;
      }
    }
    // No copy now: an earlier run's measurement or screen of the repository still says something,
    // unless a listing now shows Rust the earlier run did not find (a measurement that found Rust
    // agrees with such a listing, and keeps its figures).
    const before = !dir ? previous.get(key) : undefined;
    const listingShowsRust = (listed?.rsFiles ?? 0) > 0;
    const earlierHolds =
      before?.state === 'measured'
        ? !listingShowsRust || before.measurement.rustFiles > 0
        : before?.state === 'screened' && !listingShowsRust;
    if (before && earlierHolds) {
      if (before.state === 'measured')
        set({ state: 'measured', measurement: before.measurement, source: `earlier run (${previousDate})` });
      else set({ state: 'screened', reason: `${before.reason} (earlier run, ${previousDate})` });
      continue;
    }
    if (!dir) {
      const seen =
        (listed?.rsFiles ?? 0) > 0
          ? `${listed!.rsFiles}${listed!.truncated ? ' or more' : ''} .rs files in a file listing (as of ${listed!.checkedAt}), `
          : result.githubRust
            ? `Rust in GitHub's language statistics, `
            : listed && listed.rsFiles === undefined
              ? `its files not screened by the listing${listed.note ? ` (${listed.note})` : ''}, `
              : '';
      set({
        state: 'not-looked-at',
        // The directory's name, not its path on this machine: the record is committed.
        reason: `${seen}${reposDir ? `no copy in ${path.basename(reposDir)}` : 'no --repos directory given'}`,
      });
      continue;
    }
    try {
      const { gitDir } = await openRepository(dir);
      const roles = emptyRoleCounts();
      const c = await countTree({ gitDir, cache, onRustFile: (file, counts) => addRustFile(roles, file, counts) });
      const measurement = {
        commit: c.commit,
        commitDate: c.commitDate,
        rustFiles: c.rust.files,
        rustBytes: c.rust.bytes,
        rustLines: c.rust.lines,
        rustCodeLines: c.rust.codeLines,
        programmingBytes: c.programmingBytes,
        rustShare: c.rustShare,
        languages: programmingMix(c, 5),
        missing: c.missing.filter((x) => !x.leftOut).length,
        ...(c.rust.files > 0 ? { rustByRole: roles } : {}),
      };
      set({ state: 'measured', measurement, source: local ? 'local copy' : 'cloned' });
    } catch (error) {
      if (!(error instanceof GitError)) throw error;
      set({ state: 'not-looked-at', reason: error.message.slice(0, 200) });
    }
  }
  await cache.save();

  const report = judge(targets, results, leftOut);
  const records: Record<string, unknown>[] = [];
  for (const t of targets)
    for (const x of targetRepos(t)) {
      const res = results.get(x.repo.toLowerCase());
      if (!res) continue;
      records.push({
        project: t.name,
        ...(t.entry ? { entry: t.entry.slug } : {}),
        repo: res.repo,
        via: x.via,
        ...(x.excluded ? { notProjectCode: x.excluded } : {}),
        ...res.status,
        ...(res.listed ? { listing: listingSummary(res.listed, 'reason' in res.status ? res.status.reason : '') } : {}),
        ...(res.githubRust ? { githubRustBytes: res.githubRust } : {}),
      });
    }
  const organisations = [...wantedOrgs.values()]
    .sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()))
    .map((owner) => {
      const listing = owners.get(owner.toLowerCase());
      return {
        owner,
        projects: targets
          .filter((t) => t.orgs?.some((o) => o.toLowerCase() === owner.toLowerCase()))
          .map((t) => t.name),
        listed: listing ? listing.repos.length : null,
        sources: listing?.sources ?? [],
      };
    });
  const checked = [...listingRows.values()]
    .map((r) => r.checkedAt)
    .filter((d): d is string => !!d)
    .sort();
  const full = {
    runDate,
    rule: { minCodeLines: MIN_CODE_LINES, pureShare: PURE_SHARE },
    landscape: path.basename(landscapeFile),
    projects: targets.length,
    ...(listingFiles.length > 0
      ? {
          listing: {
            files: listingFiles,
            via: [...new Set([...listingRows.values()].map((r) => r.via).filter((v): v is string => !!v))],
            checkedAt: checked.length ? { first: checked[0], last: checked.at(-1) } : null,
          },
        }
      : {}),
    organisations,
    repositories: records,
    report,
  };
  if (values.write) await writeFile(values.write, runFileText(full));
  const text = table(report);
  if (values['issue-body']) await writeFile(values['issue-body'], issueBody(text));
  console.log(values.json ? JSON.stringify(full, null, 2) : text);
  return needsAPerson(report) ? 1 : 0;
}

/** The projects `--project` names (landscape name or entry slug). */
function selectTargets(targets: Target[], names: string[]): Target[] {
  const wanted = new Set(names.map((p) => p.toLowerCase()));
  const found = targets.filter((t) => wanted.has(t.name.toLowerCase()) || (t.entry && wanted.has(t.entry.slug)));
  if (found.length === 0) throw new UsageError(`no project named ${names.join(', ')}`);
  return found;
}

/** What the record keeps of a listing row. */
function listingSummary(r: ListedRepo, reason: string): Record<string, unknown> {
  return {
    ...(r.rsFiles !== undefined ? { rsFiles: r.rsFiles } : {}),
    ...(r.truncated ? { truncated: true } : {}),
    ...(r.fork ? { fork: true } : {}),
    ...(r.archived ? { archived: true } : {}),
    ...(r.mirror ? { mirror: true } : {}),
    // A note the reason already quotes is not repeated.
    ...(r.note && !reason.includes(r.note) ? { note: r.note } : {}),
    ...(r.checkedAt ? { checkedAt: r.checkedAt } : {}),
  };
}

runCli('discover', main, import.meta);
