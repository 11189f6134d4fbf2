/**
 * Check every permalink citation of the entries against the repositories they cite: read the
 * cited file at the cited commit from a local git copy and find the quoted words in the cited
 * lines (folded as scripts/lib/claims.ts says). Nothing is fetched.
 *
 *   npm run verify:claims -- --repos <dir> [--entry <slug> ...] [--content <dir>]
 *
 * `<dir>` holds the copies as `<owner>+<name>/repo` (bare, or a checkout with its `.git`),
 * `<owner>+<name>.git`, `<owner>+<name>`, `<owner>/<name>.git` or `<owner>/<name>`; without
 * --repos, `$CATALOG_REPOS`. Source citations (`source:`) cannot be checked offline and are
 * counted. Every failure is printed as
 *   content/projects/<slug>.mdx:<line>: citations[<i>] (<id>): <what is wrong>
 * then one summary line. Exit codes: 0 every citation checked holds; 1 some failed or could
 * not be checked (a repository, commit or file missing); 2 usage error.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { UsageError, runCli, shown } from './lib/cli.ts';
import { checkPermalinkCitation, openCopy, type BlobCache, type RepositoryAccess } from './lib/claims.ts';
import { findLocalRepository } from './lib/discover.ts';
import { parsePermalink } from '../src/data/rules/citations.ts';
import { readEntry } from '../src/validation/entry-file.ts';
import { parseYaml } from '../src/validation/yaml.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = 'Usage: npm run verify:claims -- --repos <dir> [--entry <slug> ...] [--content <dir>]';

interface Failure {
  file: string;
  line: number;
  where: string;
  message: string;
}

interface Tally {
  entries: number;
  citations: number;
  checked: number;
  failed: number;
  offline: number;
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      repos: { type: 'string' },
      entry: { type: 'string', multiple: true },
      content: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const reposDir = values.repos ?? process.env.CATALOG_REPOS;
  if (!reposDir) throw new UsageError(`expected --repos <dir>, the folder of the repositories' git copies\n${USAGE}`);
  const content = path.resolve(values.content ?? path.join(root, 'content'));
  const dir = path.join(content, 'projects');
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => /^[a-z0-9-]+\.mdx$/.test(n)).sort();
  } catch {
    throw new UsageError(`no entries directory ${shown(dir)} (check --content)`);
  }
  const wanted = values.entry ?? [];
  for (const slug of wanted)
    if (!names.includes(`${slug}.mdx`))
      throw new UsageError(`no entry "${slug}" in ${shown(dir)} (expected the slug of an entry, e.g. linkerd)`);
  const selected = wanted.length > 0 ? names.filter((n) => wanted.includes(n.slice(0, -4))) : names;

  const failures: Failure[] = [];
  const tally: Tally = { entries: 0, citations: 0, checked: 0, failed: 0, offline: 0 };
  const copies = new Map<string, Promise<RepositoryAccess>>();
  const blobs: BlobCache = new Map();
  const copyOf = (repo: string) => {
    const key = repo.toLowerCase();
    if (!copies.has(key))
      copies.set(
        key,
        findLocalRepository(reposDir, repo).then((found) =>
          found
            ? openCopy(found)
            : {
                problem: `repository ${repo} is not available under ${reposDir} (expected a git copy at ${repo.replace('/', '+')}/repo, ${repo.replace('/', '+')}.git or ${repo}; fetch it)`,
              },
        ),
      );
    return copies.get(key)!;
  };

  for (const name of selected) {
    const file = path.join(dir, name);
    const display = shown(file);
    const text = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
    const parts = readEntry(text);
    const fail = (line: number, where: string, message: string) => {
      failures.push({ file: display, line, where, message });
      tally.failed++;
    };
    if ('missing' in parts) {
      fail(1, 'frontmatter', 'no frontmatter (run npm run validate)');
      continue;
    }
    const yaml = parseYaml(parts.yaml, parts.yamlLine);
    if (!yaml.ok) {
      fail(yaml.line, 'yaml', `${yaml.message} (run npm run validate)`);
      continue;
    }
    const citations = (yaml.value as { citations?: unknown } | null)?.citations;
    if (!Array.isArray(citations) || citations.length === 0) continue;
    tally.entries++;
    for (const [i, item] of citations.entries()) {
      tally.citations++;
      const c = (item ?? {}) as { id?: unknown; url?: unknown; source?: unknown; quote?: unknown };
      const where = `citations[${i}] (${typeof c.id === 'string' ? c.id : '?'})`;
      const line = yaml.lineOf(['citations', i]);
      if (typeof c.url !== 'string') {
        if (typeof c.source === 'string') tally.offline++;
        else fail(line, where, 'neither url nor source (run npm run validate)');
        continue;
      }
      tally.checked++;
      const parsed = parsePermalink(c.url);
      if (!parsed.ok) {
        fail(line, where, `the link ${parsed.reason} (run npm run validate)`);
        continue;
      }
      if (typeof c.quote !== 'string' || c.quote.trim() === '') {
        fail(line, where, 'no quote to look for (run npm run validate)');
        continue;
      }
      const copy = await copyOf(parsed.value.repo);
      if ('problem' in copy) {
        fail(line, where, copy.problem);
        continue;
      }
      const problem = await checkPermalinkCitation(copy.gitDir, c.url, c.quote, blobs);
      if (problem) fail(line, where, problem);
    }
  }

  for (const f of failures) console.log(`${f.file}:${f.line}: ${f.where}: ${f.message}`);
  console.log(
    `verify:claims: ${tally.entries} of ${selected.length} ${selected.length === 1 ? 'entry has' : 'entries have'} citations; ${tally.citations} citations: ${tally.checked} permalinks checked, ${tally.failed} failed; ${tally.offline} source citations not checkable offline`,
  );
  return failures.length > 0 ? 1 : 0;
}

runCli('verify:claims', main);
