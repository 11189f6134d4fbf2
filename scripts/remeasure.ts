/**
 * Re-count every entry's Rust repositories at the commits the entries cite, and write the
 * figures back: what a change of the counter's rules (such as the definition of code lines)
 * needs, in one command. The commits stay as they are; only the figures of `measurement`
 * (files, bytes, lines, codeLines, bytesRaw, rustShare, programmingBytes, languages) are
 * rewritten, line by line, and each edited entry must still pass the schema. Notes are left alone.
 *
 *   npm run remeasure -- [--repos <dir>] [--content <dir>] [--cache <file>] [--dry-run] [slug ...]
 *
 * --repos: copies as `<owner>+<name>/repo` (default $CATALOG_REPOS, else `.repos/`, as
 * `npm run history`); blob counts are shared with `npm run history` through its cache file.
 * Afterwards run `npm run history` and `npm run crates` (their content tests tie them to the
 * entries' commits). Exit 0 every repository re-counted; 1 some could not be (listed; the rest
 * written); 2 error.
 */
import { reposDir as resolveReposDir } from './lib/repos-dir.ts';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { UsageError, runCli, shown } from './lib/cli.ts';
import { FrontmatterEditError, readFrontmatter, setScalar } from './lib/frontmatter-edit.ts';
import { BlobReader, GitError, resolveCommit } from './lib/git-objects.ts';
import { hasCommit, locateRepo } from './lib/history/git.ts';
import { readEntries } from './lib/history/run.ts';
import { MEASUREMENT_KEYS, measurementFields } from './lib/measurement-format.ts';
import { WriteError, readForEdit, writeAll } from './lib/safe-write.ts';
import { CountCache, TreeCache, countTree } from './lib/tree-count.ts';
import { projectFrontmatterSchema } from '../src/schemas/project.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The figures a count rewrites; the commit and its date are the entry's and must not move. */
const FIGURES = MEASUREMENT_KEYS.filter((k) => k !== 'commit' && k !== 'commitDate' && k !== 'notes');

runCli('remeasure', async (argv) => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      repos: { type: 'string' },
      content: { type: 'string' },
      cache: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
    },
  });
  const reposDir = resolveReposDir(values.repos);
  const content = path.resolve(values.content ?? path.join(root, 'content'));
  const cacheFile = path.resolve(
    values.cache ?? path.join(root, 'node_modules', '.cache', 'cncf-rust-catalog', 'blob-counts.txt'),
  );
  await mkdir(path.dirname(cacheFile), { recursive: true });
  const cache = await CountCache.load(cacheFile);
  const trees = new TreeCache();
  const all = await readEntries(content);
  const unknown = positionals.filter((slug) => !all.some((e) => e.slug === slug));
  if (unknown.length > 0) throw new UsageError(`no entry ${unknown.join(', ')} in ${shown(content)}`);
  const entries = positionals.length > 0 ? all.filter((e) => positionals.includes(e.slug)) : all;
  const gaps: string[] = [];
  let changedFiles = 0;
  console.log('| entry | repository | commit | code lines before | after | other figures |');
  console.log('|---|---|---|---:|---:|---|');
  try {
    for (const entry of entries) {
      const file = path.join(content, 'projects', `${entry.slug}.mdx`);
      const read = readForEdit(file);
      let text = read.text;
      type Measured = { repo: string; measurement: Record<string, unknown> };
      const data = readFrontmatter(text) as { rustRepos: Measured[]; otherRepos?: Measured[] };
      // The Rust repositories and the project's code without Rust: both enter the figures.
      const targets = [
        ...data.rustRepos.map((r, index) => ({ list: 'rustRepos' as const, index, r })),
        ...(data.otherRepos ?? []).map((r, index) => ({ list: 'otherRepos' as const, index, r })),
      ];
      for (const { list, index, r } of targets) {
        const { repo } = r;
        const commit = String(r.measurement.commit);
        const gitDir = locateRepo(reposDir, repo);
        if (!gitDir || !(await hasCommit(gitDir, commit))) {
          gaps.push(
            `${entry.slug}: ${repo}: ${gitDir ? `no commit ${commit} in the copy` : `no copy under ${reposDir}`}`,
          );
          continue;
        }
        const reader = new BlobReader(gitDir);
        let result;
        try {
          result = await countTree({ gitDir, commit, cache, reader, trees });
        } catch (error) {
          if (!(error instanceof GitError)) throw error;
          gaps.push(`${entry.slug}: ${repo}: ${error.message}`);
          continue;
        } finally {
          await reader.close();
        }
        const lacking = result.missing.filter((m) => m.language === 'Rust' && !m.leftOut);
        if (lacking.length > 0) {
          gaps.push(
            `${entry.slug}: ${repo}: the copy lacks ${lacking.length} counted Rust file(s), e.g. ${lacking[0].path}`,
          );
          continue;
        }
        // The copy's newest commit, as measure:rust records it: how recent the copy is.
        const { commitDate: headDate } = await resolveCommit(gitDir, 'HEAD');
        const fields = measurementFields({ ...result, headDate }) as unknown as Record<string, unknown>;
        const before = r.measurement;
        const moved = FIGURES.filter((k) => k !== 'codeLines' && fields[k] !== undefined && fields[k] !== before[k]);
        for (const key of FIGURES) {
          if (fields[key] === undefined) continue;
          text = setScalar(text, [list, index, 'measurement', key], fields[key] as string | number, {
            order: MEASUREMENT_KEYS,
          });
        }
        console.log(
          `| ${entry.slug} | ${repo} | ${commit.slice(0, 12)} | ${Number(before.codeLines).toLocaleString('en-US')} | ${result.rust.codeLines.toLocaleString('en-US')} | ${moved.length > 0 ? moved.map((k) => `${k} ${String(before[k])} → ${String(fields[k])}`).join('; ') : 'unchanged'} |`,
        );
      }
      if (text === read.text) continue;
      const checked = projectFrontmatterSchema.safeParse(readFrontmatter(text));
      if (!checked.success)
        throw new UsageError(
          `${shown(file)}: the re-measured entry would not validate, so nothing was written: ${checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
        );
      if (!values['dry-run']) writeAll([{ before: read, text }]);
      changedFiles++;
    }
  } catch (error) {
    if (error instanceof FrontmatterEditError || error instanceof WriteError) throw new UsageError(error.message);
    throw error;
  } finally {
    await cache.save();
  }
  console.log(
    `\nremeasure: ${entries.length} entries, ${changedFiles} ${values['dry-run'] ? 'would change' : 'changed'}; ${cache.size.toLocaleString('en-US')} blob counts in ${shown(cacheFile)}`,
  );
  if (gaps.length === 0) return 0;
  console.log(`\n${gaps.length} repositories not re-counted (their figures are as they were):`);
  for (const g of gaps) console.log(`  ${g}`);
  return 1;
});
