/**
 * Regenerate `data/unsafe.json`: unsafe Rust in every entry's repositories at the commits the
 * entries cite, counted on tree-sitter-rust's syntax tree (scripts/lib/unsafe/).
 *
 *   npm run unsafe -- --repos <dir> [--content <dir>] [--crates <file>] [--out <file>]
 *
 * --repos: a directory of git copies, `<owner>+<name>/repo` (bare or with .git), default
 * $CATALOG_REPOS; nothing is fetched. The crates of each repository (for their
 * `unsafe_code` lints) come from `data/crates.json`, which must be at the cited commits.
 * A repository with no copy, or without the cited commit, is named and keeps its previous
 * record when that was read at the same commit. Exit codes: 0 every repository counted;
 * 1 some could not be (the rest is written); 2 usage or input error (nothing written).
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runCli, shown, UsageError } from './lib/cli.ts';
import { parseCratesFile } from './lib/crates/crates-file.ts';
import { hasCommit, locateRepo } from './lib/history/git.ts';
import { readEntries } from './lib/history/run.ts';
import { rustParser } from './lib/rust-grammar.ts';
import { unsafeOfTree } from './lib/unsafe/tree.ts';
import { keepCountedDate, parseUnsafeFile, serializeUnsafeFile } from './lib/unsafe/unsafe-file.ts';
import { totalUnsafe } from './lib/unsafe/count.ts';
import type { UnsafeFile } from '../src/schemas/unsafe.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = 'usage: npm run unsafe -- --repos <dir> [--content <dir>] [--crates <file>] [--out <file>]';

/** The grammar's name and version, recorded with each count. */
function grammarVersion(): string {
  const pkg = createRequire(import.meta.url)('tree-sitter-rust/package.json') as { version: string };
  return `tree-sitter-rust ${pkg.version}`;
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      repos: { type: 'string' },
      content: { type: 'string' },
      crates: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const repos = values.repos ?? process.env.CATALOG_REPOS;
  if (!repos) throw new UsageError(`--repos is required (or set CATALOG_REPOS)\n${USAGE}`);
  const reposDir = path.resolve(repos);
  if (!existsSync(reposDir)) throw new UsageError(`no directory at ${reposDir}`);
  const cratesFile = path.resolve(values.crates ?? path.join(root, 'data', 'crates.json'));
  const out = path.resolve(values.out ?? path.join(root, 'data', 'unsafe.json'));
  const entries = await readEntries(path.resolve(values.content ?? path.join(root, 'content')));
  const crates = parseCratesFile(shown(cratesFile), await readFile(cratesFile, 'utf8'));
  const stale = entries.flatMap((e) =>
    e.repos
      .filter((r) => crates[r.repo]?.commit !== r.commit)
      .map((r) => `  ${r.repo} (${e.slug}): ${crates[r.repo] ? `read at ${crates[r.repo].commit}` : 'no record'}`),
  );
  if (stale.length)
    throw new UsageError(
      `data/crates.json does not hold the cited commits; run \`npm run crates\` first:\n${stale.join('\n')}`,
    );
  const previous: UnsafeFile = existsSync(out) ? parseUnsafeFile(shown(out), await readFile(out, 'utf8')) : {};

  const parser = await rustParser();
  const grammar = grammarVersion();
  const today = new Date().toISOString().slice(0, 10);
  const records: UnsafeFile = {};
  const gaps: string[] = [];
  for (const entry of entries)
    for (const { repo, commit } of entry.repos) {
      if (records[repo]) continue;
      const old = previous[repo];
      const keepOld = (why: string) => {
        if (old?.commit === commit) records[repo] = old;
        gaps.push(
          `${repo} (${entry.slug}): ${why}; ${old?.commit === commit ? `kept its record of ${old.counted}` : 'no record'}`,
        );
      };
      const gitDir = locateRepo(reposDir, repo);
      if (!gitDir) {
        keepOld(`no git copy under ${reposDir}`);
        continue;
      }
      if (!(await hasCommit(gitDir, commit))) {
        keepOld(`commit ${commit} is not in the copy`);
        continue;
      }
      const started = Date.now();
      const record = await unsafeOfTree({
        gitDir,
        commit,
        parser,
        crates: crates[repo].crates.map((c) => ({ name: c.name, path: c.path })),
        today,
        grammar,
      });
      records[repo] = record;
      console.log(
        `${repo}: ${totalUnsafe(record.unsafe)} unsafe in ${record.filesWithUnsafe} of ${record.files} files, ${record.crates.length} of ${record.crateRoots} crate roots forbid or deny unsafe_code (${((Date.now() - started) / 1000).toFixed(1)} s)`,
      );
    }
  await writeFile(out, serializeUnsafeFile(keepCountedDate(records, previous)));
  console.log(`\nWrote ${shown(out)}: ${Object.keys(records).length} repositories`);
  if (gaps.length) {
    console.error(`\nNot counted (${gaps.length}):\n${gaps.map((g) => `  ${g}`).join('\n')}`);
    return 1;
  }
  return 0;
}

runCli('unsafe', main);
