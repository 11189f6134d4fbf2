/**
 * Find every CNCF project with Rust: measure the repositories of every project item of a
 * landscape.yml (all maturities, archived included) and of the catalog's entries, and judge
 * them with the inclusion rule (src/data/rust-class.ts).
 *
 *   npm run discover -- --repos DIR [--landscape FILE] [--content DIR] [--listing FILE]
 *                       [--github] [--clone] [--cache FILE] [--json] [--write FILE] [--project NAME ...]
 *
 * --repos DIR   bare repositories (or checkouts): <owner>+<name>/repo, <owner>+<name>.git,
 *               <owner>/<name>.git, <owner>/<name>; read from git objects at HEAD.
 * --listing     JSON [{repo, rsFiles, checkedAt}]: repositories with rsFiles 0 are screened
 *               out without fetching ("no .rs files in a file listing, as of <date>").
 * --github      first pass through GitHub's languages API (GITHUB_TOKEN) for repositories with
 *               no local copy: no Rust there means no fetch.
 * --clone       clone what is missing into --repos (bare, --depth=1, --filter=blob:limit=4m).
 * --write FILE  the data file of the run: every repository looked at, with or without Rust.
 *
 * Prints (a) projects the rule admits that have no entry, (b) entries whose class no longer
 * fits, the projects content/left-out.yaml gives a reason for (not errors), (c) repositories
 * not looked at. Exit codes: 0 nothing to do; 1 (a) or (b) found; 2 error.
 */
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { load } from 'js-yaml';
import { MIN_CODE_LINES, PURE_SHARE } from '../src/data/rust-class.ts';
import { readFrontmatter } from './lib/frontmatter-edit.ts';
import { LandscapeShapeError } from './lib/landscape.ts';
import { formatColumns } from './lib/measurement-format.ts';
import { leftOutSchema } from '../src/schemas/left-out.ts';
import {
  cloneArgs,
  directoryNames,
  discoverTargets,
  findLocalRepository,
  judge,
  landscapeItems,
  parseListing,
} from './lib/discover.ts';
import type { DiscoverReport, EntryInfo, RepoResult, Target } from './lib/discover.ts';
import { UsageError, runCli } from './lib/cli.ts';
import { GitError, git, openRepository } from './lib/git-objects.ts';
import { GithubApiError, fetchLanguages } from './lib/github-languages.ts';
import { CountCache, countTree, programmingMix } from './lib/tree-count.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const USAGE =
  'Usage: npm run discover -- --repos DIR [--landscape FILE] [--content DIR] [--listing FILE] [--github] [--clone] [--cache FILE] [--json] [--write FILE] [--project NAME]';

async function readEntries(content: string): Promise<EntryInfo[]> {
  const dir = path.join(content, 'projects');
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.mdx') || n.endsWith('.md')).sort();
  } catch {
    throw new UsageError(`no entries directory ${dir} (check --content)`);
  }
  const entries: EntryInfo[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    let data: Record<string, unknown>;
    try {
      data = readFrontmatter(await readFile(file, 'utf8')) as Record<string, unknown>;
    } catch (error) {
      throw new UsageError(`${file}: ${(error as Error).message} (run \`npm run validate\`)`);
    }
    if (typeof data?.landscapeName !== 'string' || typeof data.name !== 'string' || !Array.isArray(data.rustRepos))
      throw new UsageError(`${file}: expected name, landscapeName and rustRepos (run \`npm run validate\`)`);
    entries.push({
      slug: name.replace(/\.mdx?$/, ''),
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
    });
  }
  return entries;
}

/**
 * content/left-out.yaml: landscape name (lower case) -> the written reason the project is
 * left out. No file means no reasons; a malformed one is an error (exit 2).
 */
async function readLeftOut(content: string): Promise<Map<string, string>> {
  const file = path.join(content, 'left-out.yaml');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return new Map();
  }
  let data: unknown;
  try {
    data = load(text);
  } catch (error) {
    throw new UsageError(`${file}: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = leftOutSchema.array().safeParse(data);
  if (!parsed.success)
    throw new UsageError(
      `${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')} (run \`npm run validate\`)`,
    );
  return new Map(parsed.data.map((x) => [x.landscapeName.toLowerCase(), x.reason]));
}

function table(report: DiscoverReport): string {
  const out: string[] = [];
  const section = (title: string, header: (readonly [string, 'left' | 'right'])[], rows: string[][]) => {
    out.push(`${title}: ${rows.length === 0 ? 'none' : rows.length}`);
    if (rows.length > 0) out.push(...formatColumns(header, rows).map((l) => `  ${l}`));
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
    `Projects with some Rust, under the rule's ${MIN_CODE_LINES} code lines (no entry needed)`,
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

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      repos: { type: 'string' },
      landscape: { type: 'string' },
      content: { type: 'string' },
      listing: { type: 'string' },
      github: { type: 'boolean', default: false },
      'github-api': { type: 'string' },
      clone: { type: 'boolean', default: false },
      'clone-base': { type: 'string' },
      cache: { type: 'string' },
      json: { type: 'boolean', default: false },
      write: { type: 'string' },
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
  let doc: unknown;
  try {
    doc = load(await readFile(landscapeFile, 'utf8'));
  } catch (error) {
    throw new UsageError(`${landscapeFile}: ${(error as Error).message.split('\n')[0]}`);
  }
  const contentDir = path.resolve(values.content ?? path.join(root, 'content'));
  const leftOut = await readLeftOut(contentDir);
  let targets: Target[];
  try {
    targets = discoverTargets(landscapeItems(doc), await readEntries(contentDir));
  } catch (error) {
    if (error instanceof LandscapeShapeError) throw new UsageError(`${landscapeFile}: ${error.message}`);
    throw error;
  }
  if (values.project) {
    const wanted = new Set(values.project.map((p) => p.toLowerCase()));
    targets = targets.filter((t) => wanted.has(t.name.toLowerCase()) || (t.entry && wanted.has(t.entry.slug)));
    if (targets.length === 0) throw new UsageError(`no project named ${values.project.join(', ')}`);
  }

  const listing = new Map<string, { rsFiles: number; checkedAt: string }>();
  if (values.listing) {
    try {
      for (const row of parseListing(JSON.parse(await readFile(values.listing, 'utf8'))))
        listing.set(row.repo.toLowerCase(), row);
    } catch (error) {
      throw new UsageError(`${values.listing}: ${(error as Error).message}`);
    }
  }

  const reposDir = values.repos ? path.resolve(values.repos) : undefined;
  if (reposDir && values.clone) await mkdir(reposDir, { recursive: true });
  const names = reposDir ? await directoryNames(reposDir) : new Map<string, string[]>();
  if (reposDir && names.size === 0 && !values.clone) console.error(`discover: ${reposDir} holds no repositories`);
  const cache = values.cache ? await CountCache.load(path.resolve(values.cache)) : new CountCache();
  const token = process.env.GITHUB_TOKEN || undefined;
  let githubOn = values.github;

  const repos = new Map<string, string>();
  for (const t of targets) for (const r of t.repos) if (!repos.has(r.toLowerCase())) repos.set(r.toLowerCase(), r);
  const results = new Map<string, RepoResult>();
  const records: Record<string, unknown>[] = [];
  for (const [key, repo] of [...repos].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const set = (status: RepoResult['status']) => results.set(key, { repo, status });
    const local = reposDir ? await findLocalRepository(reposDir, repo, names) : undefined;
    const listed = listing.get(key);
    if (!local && listed && listed.rsFiles === 0) {
      set({ state: 'screened', reason: `no .rs files in a file listing, as of ${listed.checkedAt}` });
      continue;
    }
    let dir = local;
    if (!dir && githubOn) {
      try {
        const answer = await fetchLanguages(repo, { token, baseUrl: values['github-api'] });
        if (answer.state === 'not-found') {
          set({ state: 'not-looked-at', reason: 'not found on GitHub (renamed, private or deleted)' });
          continue;
        }
        if (answer.state === 'rate-limited') {
          githubOn = false;
          console.error(
            `discover: GitHub's rate limit is spent${answer.resetAt ? ` until ${answer.resetAt}` : ''}; no more API calls this run`,
          );
        } else if (!answer.languages.Rust) {
          set({ state: 'screened', reason: `no Rust in GitHub's language statistics, as of ${runDate}` });
          continue;
        }
      } catch (error) {
        if (!(error instanceof GithubApiError)) throw error;
        console.error(`discover: ${error.message}`);
      }
    }
    if (!dir && values.clone && reposDir) {
      const dest = path.join(reposDir, `${repo.replace('/', '+')}.git`);
      try {
        await git(cloneArgs(repo, dest, values['clone-base']), { env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } });
        dir = dest;
      } catch (error) {
        set({ state: 'not-looked-at', reason: `clone failed: ${(error as Error).message.slice(0, 200)}` });
        continue;
      }
    }
    if (!dir) {
      set({ state: 'not-looked-at', reason: reposDir ? `no copy in ${values.repos}` : 'no --repos directory given' });
      continue;
    }
    try {
      const { gitDir } = await openRepository(dir);
      const c = await countTree({ gitDir, cache });
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
      };
      set({ state: 'measured', measurement, source: local ? 'local copy' : 'cloned' });
    } catch (error) {
      if (!(error instanceof GitError)) throw error;
      set({ state: 'not-looked-at', reason: error.message.slice(0, 200) });
    }
  }
  await cache.save();

  const report = judge(targets, results, leftOut);
  for (const t of targets)
    for (const r of t.repos) {
      const res = results.get(r.toLowerCase());
      if (res)
        records.push({ project: t.name, ...(t.entry ? { entry: t.entry.slug } : {}), repo: res.repo, ...res.status });
    }
  const full = {
    runDate,
    rule: { minCodeLines: MIN_CODE_LINES, pureShare: PURE_SHARE },
    landscape: path.basename(landscapeFile),
    projects: targets.length,
    repositories: records,
    report,
  };
  if (values.write) await writeFile(values.write, `${JSON.stringify(full, null, 2)}\n`);
  console.log(values.json ? JSON.stringify(full, null, 2) : table(report));
  return report.missingEntries.length > 0 || report.staleEntries.length > 0 ? 1 : 0;
}

runCli('discover', main, import.meta);
