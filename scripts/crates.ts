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
 * or input error (nothing written).
 */
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { load } from 'js-yaml';
import { projectFrontmatterSchema } from '../src/schemas/project.ts';
import type { CrateRecord, CratesFile } from '../src/schemas/crates.ts';
import { splitEntry as splitFrontmatter } from '../src/validation/entry-file.ts';
import { extractCrates } from './lib/crates/extract.ts';
import { hasCommit, readCargoFiles } from './lib/crates/git-files.ts';
import { keepDate, parseCratesFile, serializeCratesFile } from './lib/crates/crates-file.ts';
import { resolveCommit } from './lib/git-objects.ts';
import { REPOS_ENV, reposDir } from './lib/repos-dir.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = 'Usage: npm run crates [-- --repos <dir>] [--content <dir>] [--out <file>]';

class UsageError extends Error {}

interface EntryRepo {
  slug: string;
  repo: string;
  commit: string;
}

/** Every entry's rustRepos, in file order; an entry that does not parse stops the run. */
async function entryRepos(contentDir: string): Promise<EntryRepo[]> {
  const dir = path.join(contentDir, 'projects');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.mdx') && !f.startsWith('_')).sort();
  const out: EntryRepo[] = [];
  for (const file of files) {
    const text = (await readFile(path.join(dir, file), 'utf8')).replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
    const parts = splitFrontmatter(text);
    if (!parts) throw new UsageError(`${path.join(dir, file)}: no frontmatter (run npm run validate)`);
    const parsed = projectFrontmatterSchema.safeParse(load(parts.yaml));
    if (!parsed.success)
      throw new UsageError(`${path.join(dir, file)}: invalid frontmatter (run npm run validate for details)`);
    for (const r of parsed.data.rustRepos)
      out.push({ slug: file.replace(/\.mdx$/, ''), repo: r.repo, commit: r.measurement.commit });
  }
  return out;
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

  const previous: CratesFile = existsSync(out)
    ? parseCratesFile(path.relative(process.cwd(), out) || out, await readFile(out, 'utf8'))
    : {};
  const today = new Date().toISOString().slice(0, 10);
  const records: CratesFile = {};
  const gaps: string[] = [];
  for (const { slug, repo, commit } of await entryRepos(contentDir)) {
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
      const head = await resolveCommit(gitDir, 'HEAD').catch(() => undefined);
      keepOld(
        `commit ${commit} is not in the copy${head ? ` (its HEAD is ${head.commit} of ${head.commitDate.slice(0, 10)}: re-measure the entry there, then rerun)` : ''}`,
      );
      continue;
    }
    let extracted;
    try {
      const { files, submodules } = await readCargoFiles(gitDir, commit);
      extracted = extractCrates(files, submodules);
    } catch (error) {
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
  await writeFile(out, serializeCratesFile(records));
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

// Only as the program Node started: tests import `main` and run it in-process.
if (import.meta.main)
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: Error) => {
      console.error(error instanceof UsageError ? `${error.message}\n${USAGE}` : `crates: ${error.message}`);
      process.exitCode = 2;
    },
  );
