/**
 * Regenerate `data/crates.json`: the Cargo workspaces, crates, direct dependencies and
 * locked packages of every entry's rustRepos, read from git at the commit each entry cites.
 *
 *   npm run crates [-- --repos <dir>] [--content <dir>] [--out <file>]
 *
 * Repositories are git directories under --repos (`--mirror` is the same option; default
 * $CATALOG_REPOS, else `.repos/` in the repository: scripts/lib/repos-dir.ts), as
 * `<owner>+<name>/repo`, `<owner>+<name>` or `<owner>/<name>`, bare or checked out. Nothing
 * is fetched. A repository that is missing, or lacks the cited commit, is reported; its
 * previous record is kept when it was read at that same commit.
 * Exit codes: 0 every repository read; 1 some could not be (the file holds the rest); 2 usage
 * or input error, an input over its size limit included (nothing written).
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { CrateRecord, CratesFile } from '../src/schemas/crates.ts';
import { InputLimitError, MAX_DATA_BYTES, readBounded, rethrowTimeout } from './lib/bounded.ts';
import { UsageError, runCli, shown } from './lib/cli.ts';
import { readProjectEntries } from './lib/entries.ts';
import { extractCrates } from './lib/crates/extract.ts';
import { hasCommit, readCargoFiles } from './lib/crates/git-files.ts';
import { keepDate, parseCratesFile, serializeCratesFile } from './lib/crates/crates-file.ts';
import { resolveCommit } from './lib/git-objects.ts';
import { REPOS_ENV, reposDir } from './lib/repos-dir.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = 'Usage: npm run crates [-- --repos <dir>] [--content <dir>] [--out <file>]';

interface EntryRepo {
  slug: string;
  repo: string;
  commit: string;
}

/** Every entry's rustRepos, in file order (the tools' one entry reader); an invalid entry stops the run. */
function entryRepos(contentDir: string): EntryRepo[] {
  return readProjectEntries(contentDir).flatMap(({ slug, data }) =>
    data.rustRepos.map((r) => ({ slug, repo: r.repo, commit: r.measurement.commit })),
  );
}

/** The git directory of `owner/name` under the mirror, or undefined. */
function gitDirOf(mirror: string, repo: string): string | undefined {
  const [owner, name] = repo.split('/');
  const candidates = [
    path.join(mirror, `${owner}+${name}`, 'repo'),
    path.join(mirror, `${owner}+${name}`),
    path.join(mirror, owner, name),
  ];
  for (const dir of candidates) {
    if (existsSync(path.join(dir, '.git', 'HEAD'))) return path.join(dir, '.git');
    if (existsSync(path.join(dir, 'HEAD')) && existsSync(path.join(dir, 'objects'))) return dir;
  }
  return undefined;
}

/** Largest data/crates.json written or read (it is about 3 MB). */
const MAX_CRATES_FILE_BYTES = MAX_DATA_BYTES;

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      repos: { type: 'string' },
      mirror: { type: 'string' },
      content: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: false,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const mirror = reposDir(values.repos ?? values.mirror);
  const contentDir = path.resolve(values.content ?? path.join(root, 'content'));
  const out = path.resolve(values.out ?? path.join(root, 'data', 'crates.json'));
  if (!existsSync(mirror))
    throw new UsageError(`no repositories directory at ${mirror} (pass --repos <dir> or set ${REPOS_ENV})`);

  let previous: CratesFile = {};
  if (existsSync(out))
    try {
      previous = parseCratesFile(shown(out), await readBounded(out, MAX_CRATES_FILE_BYTES));
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError((error as Error).message);
    }
  const today = new Date().toISOString().slice(0, 10);
  const records: CratesFile = {};
  const gaps: string[] = [];
  for (const { slug, repo, commit } of entryRepos(contentDir)) {
    if (records[repo]) continue; // listed by two entries: read once
    const old = previous[repo];
    const keepOld = (why: string) => {
      if (old?.commit === commit) {
        records[repo] = old;
        gaps.push(`${repo} (${slug}): ${why}; kept its record from ${old.extracted}`);
      } else gaps.push(`${repo} (${slug}): ${why}; no record`);
    };
    const gitDir = gitDirOf(mirror, repo);
    if (!gitDir) {
      keepOld(`no git directory under ${mirror}`);
      continue;
    }
    if (!(await hasCommit(gitDir, commit))) {
      const head = await resolveCommit(gitDir, 'HEAD').catch((error: unknown) => {
        rethrowTimeout(error);
        return undefined;
      });
      keepOld(
        `commit ${commit} is not in the copy${head ? ` (its HEAD is ${head.commit} of ${head.commitDate.slice(0, 10)}: re-measure the entry there, then rerun)` : ''}`,
      );
      continue;
    }
    let extracted;
    try {
      const { files, submodules } = await readCargoFiles(gitDir, commit, repo);
      extracted = extractCrates(files, submodules);
    } catch (error) {
      // An input over its limit stops the run (exit 2); a file that does not parse is a gap.
      if (error instanceof InputLimitError) throw error;
      keepOld((error as Error).message);
      continue;
    }
    const record: CrateRecord = {
      commit,
      extracted: today,
      workspaces: extracted.workspaces,
      crates: extracted.crates,
      locked: extracted.locked,
      ...(extracted.notes.length ? { notes: extracted.notes } : {}),
    };
    records[repo] = keepDate(record, old);
    const r = records[repo];
    console.log(
      `${repo}: ${r.crates.length} crates (${r.crates.filter((c) => c.publish).length} publishable), ${r.locked.length} locked packages${r.notes?.length ? `; ${r.notes.join('; ')}` : ''}`,
    );
  }
  const text = serializeCratesFile(records);
  if (Buffer.byteLength(text) > MAX_CRATES_FILE_BYTES)
    throw new InputLimitError(
      `${shown(out)}: the new file would be ${Buffer.byteLength(text)} bytes (expected at most ${MAX_CRATES_FILE_BYTES}); nothing was written`,
    );
  await writeFile(out, text);
  const all = Object.values(records);
  console.log(
    `\nWrote ${path.relative(process.cwd(), out)}: ${all.length} repositories, ${all.filter((r) => r.workspaces.length).length} with Cargo workspaces, ${all.reduce((n, r) => n + r.crates.length, 0)} crates`,
  );
  if (gaps.length) {
    console.error(`\nNot read (${gaps.length}):\n${gaps.map((g) => `  ${g}`).join('\n')}`);
    return 1;
  }
  return 0;
}

runCli('crates', main, import.meta);
