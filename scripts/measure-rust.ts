/**
 * Measure the Rust code and language mix of git repositories at a commit, read from git
 * objects (a bare repository or a checkout; a checkout's uncommitted changes are never read).
 *
 *   npm run measure:rust -- <repository> [<repository> ...] [--commit REV] [--json] [--cache FILE] [--roles]
 *   npm run measure:rust -- <repository> --update <slug> [--repo owner/name] [--role "..."] [--other] [--content <dir>]
 *   npm run measure:rust -- --files <dir> --repo owner/name --commit SHA [--commit-date DATE] [--json] [--roles]
 *
 * --roles splits the Rust code lines by what they are for: shipped code, tests, examples,
 * benchmarks, fuzz targets (by path, `lib/rust-roles.ts`).
 * --files counts a directory of files read from a repository too large to copy (the blobs of
 * the directories that hold its Rust, at the recorded commit), with the same rules: only
 * those files are counted, so their Rust share is not the repository's.
 *
 * --update writes the measurement into the entry's rustRepos item for the repository
 * (owner/name from `git remote get-url origin`, or --repo), changing only those lines; with no
 * such item it appends one, which needs --role. --other writes it into `otherRepos` instead: a
 * repository of the project's code without Rust, whose bytes enter the project's Rust share
 * (refused when the repository holds Rust). --notes also writes the counter's notes line
 * (what was left out, the language mix) over the entry's. Exit codes: 0 done; 2 error (nothing written).
 */
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  MEASUREMENT_KEYS,
  formatMeasurementTable,
  measurementFields,
  measurementNotes,
} from './lib/measurement-format.ts';
import { UsageError, runCli, shown } from './lib/cli.ts';
import { rethrowTimeout } from './lib/bounded.ts';
import { GitError, git, openRepository, repoFromRemoteUrl, resolveCommit } from './lib/git-objects.ts';
import type { Repository } from './lib/git-objects.ts';
import { countFiles } from './lib/files-count.ts';
import type { LineCounts } from './lib/line-count.ts';
import { RUST_ROLES, addRustFile, emptyRoleCounts } from './lib/rust-roles.ts';
import type { RoleCounts } from './lib/rust-roles.ts';
import { CountCache, countTree } from './lib/tree-count.ts';
import type { TreeCount } from './lib/tree-count.ts';
import { WriteError, describeFsError, readForEdit, writeAll, type ReadFile } from './lib/safe-write.ts';
import { isCommitHash } from '../src/schemas/common.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const USAGE =
  'Usage: npm run measure:rust -- <repository> [...] [--commit REV] [--json] [--cache FILE] [--roles] [--update <slug> [--repo owner/name] [--role "..."] [--other] [--notes] [--content <dir>]]\n' +
  '       npm run measure:rust -- --files <dir> --repo owner/name --commit SHA [--commit-date DATE] [--json] [--roles]';

/** One measured repository: where it is, whether its checkout had changes, and the count. */
interface Counted extends TreeCount {
  path: string;
  /** Rust code lines by role, with --roles. */
  rustByRole?: RoleCounts;
}

interface Measured extends Counted {
  gitDir: string;
  workTree?: string;
  /** The checkout had uncommitted changes (not measured: the commit's content was). */
  dirty?: boolean;
  /**
   * Committer date of the copy's HEAD when measured: its newest commit, which is the
   * repository's last commit as far as the catalog knows (pages tell quiet projects by it).
   */
  headDate: string;
}

/** `shipped 1,234 code lines (10 files), tests 56 (2), …`: the roles that hold Rust. */
function rolesLine(roles: RoleCounts): string {
  return RUST_ROLES.filter((r) => roles[r].files > 0)
    .map((r) => `${r} ${roles[r].codeLines} code lines (${roles[r].files} files)`)
    .join(', ');
}

/** `owner/name` of the `origin` remote when it is a GitHub-style URL. */
async function originRepo(repo: Repository): Promise<string | undefined> {
  try {
    return repoFromRemoteUrl((await git([`--git-dir=${repo.gitDir}`, 'remote', 'get-url', 'origin'])).toString('utf8'));
  } catch (error) {
    rethrowTimeout(error);
    return undefined;
  }
}

/** Whether a checkout has uncommitted changes to tracked files. */
async function isDirty(workTree: string): Promise<boolean> {
  const out = await git(['-C', workTree, 'status', '--porcelain', '--untracked-files=no', '--ignore-submodules=all']);
  return out.length > 0;
}

async function update(
  m: Measured,
  slug: string,
  options: { repo?: string; role?: string; content: string; notes: boolean; other: boolean },
): Promise<string> {
  // Loaded only here: the schemas and the YAML editor are most of a plain run's start-up time.
  const [
    { FrontmatterEditError, appendSequenceItem, readFrontmatter, setScalar },
    { measurementSchema, projectFrontmatterSchema },
    { slugSchema },
  ] = await Promise.all([
    import('./lib/frontmatter-edit.ts'),
    import('../src/schemas/project.ts'),
    import('../src/schemas/common.ts'),
  ]);
  if (!slugSchema.safeParse(slug).success)
    throw new UsageError(`--update expects an entry slug such as "chaos-mesh", got "${slug}"`);
  const repo = options.repo ?? (await originRepo(m));
  if (!repo)
    throw new UsageError(`could not derive owner/name from the "origin" remote of ${m.path}; pass --repo owner/name`);
  if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(repo))
    throw new UsageError(`--repo expects owner/name, got "${repo}"`);
  let fields;
  try {
    fields = measurementFields(m);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const checked = measurementSchema.safeParse(fields);
  if (!checked.success)
    throw new UsageError(
      `the measurement does not fit the catalog schema: ${checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );

  const file = path.join(options.content, 'projects', `${slug}.mdx`);
  let read: ReadFile;
  try {
    read = readForEdit(file);
  } catch (error) {
    const code = (error as WriteError).message.includes('ENOENT');
    throw new UsageError(
      code
        ? `no entry ${shown(file)} (check the slug, or --content)`
        : (error as Error).message.replace(file, shown(file)),
    );
  }
  const text = read.text;
  let data: { rustRepos?: { repo?: unknown }[] } | null;
  try {
    data = readFrontmatter(text) as typeof data;
  } catch (error) {
    throw new UsageError(
      `${shown(file)}: ${error instanceof Error ? error.message : String(error)} (run \`npm run validate\` for the details)`,
    );
  }
  const rustRepos = Array.isArray(data?.rustRepos) ? data.rustRepos : undefined;
  if (!rustRepos) throw new UsageError(`${shown(file)}: expected a rustRepos list in the frontmatter`);
  const listed = (list: { repo?: unknown }[]) =>
    list.findIndex((r) => typeof r?.repo === 'string' && r.repo.toLowerCase() === repo.toLowerCase());
  // The project's code without Rust goes to otherRepos; a repository with Rust never does.
  const field = options.other ? 'otherRepos' : 'rustRepos';
  const otherRepos = (data as { otherRepos?: unknown } | null)?.otherRepos;
  const repos = options.other ? (Array.isArray(otherRepos) ? (otherRepos as { repo?: unknown }[]) : []) : rustRepos;
  if (options.other) {
    if (m.rust.bytes > 0)
      throw new UsageError(
        `${repo} holds ${m.rust.files} Rust files (${m.rust.bytes} bytes): a repository with Rust belongs in rustRepos (run without --other)`,
      );
    if (listed(rustRepos) !== -1)
      throw new UsageError(`${shown(file)} lists ${repo} in rustRepos: a repository is either Rust or other code`);
  } else if (Array.isArray(otherRepos) && listed(otherRepos as { repo?: unknown }[]) !== -1)
    throw new UsageError(`${shown(file)} lists ${repo} in otherRepos: pass --other to re-measure it there`);
  const index = listed(repos);

  let edited = text;
  try {
    if (index === -1) {
      if (!options.role)
        throw new UsageError(
          `${shown(file)} lists no ${field} item for ${repo}: pass --role "what the repository is for" to add one`,
        );
      edited = appendSequenceItem(
        text,
        [field],
        {
          repo,
          role: options.role,
          measurement: { ...fields, ...(options.notes ? { notes: measurementNotes(m) } : {}) },
        },
        { createAfter: 'rustRepos' },
      );
    } else {
      for (const key of MEASUREMENT_KEYS) {
        const value = key === 'notes' ? (options.notes ? measurementNotes(m) : undefined) : fields[key];
        if (value === undefined) continue; // notes are written by people unless --notes
        edited = setScalar(edited, [field, index, 'measurement', key], value, { order: MEASUREMENT_KEYS });
      }
    }
  } catch (error) {
    if (error instanceof FrontmatterEditError) throw new UsageError(`${shown(file)}: ${error.message}`);
    throw error;
  }
  if (edited !== text) {
    // The whole entry must still pass the schema, and the file must not have changed meanwhile.
    const checkedEntry = projectFrontmatterSchema.safeParse(readFrontmatter(edited));
    if (!checkedEntry.success)
      throw new UsageError(
        `${shown(file)}: the edited entry would not validate, so nothing was written: ${checkedEntry.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    try {
      writeAll([{ before: read, text: edited }]);
    } catch (error) {
      if (error instanceof WriteError) throw new UsageError(error.message.replaceAll(file, shown(file)));
      throw error;
    }
  }
  const kept =
    !options.notes &&
    index !== -1 &&
    (repos[index] as { measurement?: { notes?: unknown } }).measurement?.notes !== undefined;
  const what =
    index === -1 ? `added ${repo} to` : edited === text ? `${repo} already up to date in` : `updated ${repo} in`;
  return `${what} ${shown(file)}${kept ? ' (its notes were kept: check they still hold)' : ''}`;
}

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      commit: { type: 'string' },
      cache: { type: 'string' },
      update: { type: 'string' },
      repo: { type: 'string' },
      role: { type: 'string' },
      content: { type: 'string' },
      notes: { type: 'boolean', default: false },
      other: { type: 'boolean', default: false },
      roles: { type: 'boolean', default: false },
      files: { type: 'string' },
      'commit-date': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.files !== undefined) return measureFiles(values.files, positionals, values);
  if (values['commit-date'] !== undefined) throw new UsageError('--commit-date only applies with --files <dir>');
  if (positionals.length === 0)
    throw new UsageError(`expected the path of at least one repository (bare or a checkout)\n${USAGE}`);
  if (values.update !== undefined && positionals.length !== 1)
    throw new UsageError('--update takes exactly one repository');
  if (
    (values.repo !== undefined || values.role !== undefined || values.notes || values.other) &&
    values.update === undefined
  )
    throw new UsageError('--repo, --role, --other and --notes only apply with --update <slug>');

  const cache = values.cache ? await CountCache.load(path.resolve(values.cache)) : new CountCache();
  const measurements: Measured[] = [];
  for (const dir of positionals) {
    try {
      const repo = await openRepository(dir);
      if (repo.workTree && (await realpath(repo.workTree)) !== (await realpath(dir)))
        throw new UsageError(
          `${dir} is inside the git checkout ${repo.workTree}: give the repository (its top), which is measured whole`,
        );
      const dirty = repo.workTree ? await isDirty(repo.workTree) : undefined;
      const roles = emptyRoleCounts();
      const count = await countTree({
        gitDir: repo.gitDir,
        commit: values.commit,
        cache,
        ...(values.roles ? { onRustFile: (file: string, c: LineCounts) => addRustFile(roles, file, c) } : {}),
      });
      // The copy's newest commit: how recent the catalog's copy is, beside the commit measured.
      const { commitDate: headDate } = await resolveCommit(repo.gitDir, 'HEAD');
      measurements.push({
        path: path.resolve(dir),
        ...repo,
        ...(dirty ? { dirty } : {}),
        ...count,
        ...(values.roles ? { rustByRole: roles } : {}),
        headDate,
      });
      if (dirty)
        console.error(
          `measure:rust: ${dir} has uncommitted changes; measured the content of commit ${count.commit.slice(0, 12)} from git objects, not the working tree`,
        );
      const lacking = count.missing.filter((x) => !x.leftOut);
      if (lacking.length > 0)
        console.error(
          `measure:rust: ${dir}: ${lacking.length} files of counted languages are missing from this copy and were not counted: ${lacking
            .slice(0, 5)
            .map((x) => x.path)
            .join(', ')}${lacking.length > 5 ? ', …' : ''}`,
        );
    } catch (error) {
      if (error instanceof GitError) throw new UsageError(error.message);
      // An unreadable folder or file (EACCES, EPERM, ELOOP...): a message, not a stack.
      if ((error as NodeJS.ErrnoException).code)
        throw new UsageError(`could not measure ${dir}: ${describeFsError(error)}`);
      throw error;
    }
  }
  await cache.save();
  print(measurements, positionals, values.json);
  if (values.update !== undefined) {
    const message = await update(measurements[0], values.update, {
      repo: values.repo,
      role: values.role,
      content: path.resolve(values.content ?? path.join(root, 'content')),
      notes: values.notes,
      other: values.other,
    });
    (values.json ? console.error : console.log)(message);
  }
  return 0;
}

function print(measurements: Counted[], labels: string[], json: boolean, extraNotes = ''): void {
  if (json) {
    const out = measurements.map((m) => ({
      ...m,
      fields: measurementFields(m),
      notes: `${extraNotes}${measurementNotes(m)}`,
    }));
    console.log(JSON.stringify(out, null, 2));
    return;
  }
  let text = formatMeasurementTable(measurements, labels);
  if (extraNotes) text = text.replace(`${labels[0]}: `, `${labels[0]}: ${extraNotes}`);
  console.log(text);
  measurements.forEach((m, i) => {
    if (m.rustByRole) console.log(`${labels[i]}: Rust by role: ${rolesLine(m.rustByRole) || 'no Rust'}`);
  });
}

/** --files: a directory of files read from a repository at a recorded commit. */
async function measureFiles(
  dir: string,
  positionals: string[],
  values: { repo?: string; commit?: string; 'commit-date'?: string; json: boolean; roles: boolean; update?: string },
): Promise<number> {
  if (positionals.length > 0) throw new UsageError('--files takes a directory, not repositories');
  if (values.update !== undefined) throw new UsageError('--update takes a repository, not --files');
  if (!values.repo || !/^[A-Za-z0-9][A-Za-z0-9_.-]*\/[A-Za-z0-9_.-]+$/.test(values.repo))
    throw new UsageError('--files needs --repo owner/name: the repository the files were read from');
  if (!values.commit || !isCommitHash(values.commit))
    throw new UsageError('--files needs --commit with the full 40-character commit the files were read at');
  const date = values['commit-date'];
  if (date !== undefined && !/^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2}(?:Z|[+-]\d{2}:\d{2}))?$/.test(date))
    throw new UsageError(`--commit-date expects YYYY-MM-DD or an ISO 8601 timestamp, got "${date}"`);
  const roles = emptyRoleCounts();
  let count: TreeCount;
  try {
    count = await countFiles(path.resolve(dir), {
      commit: values.commit,
      ...(date ? { commitDate: date } : {}),
      ...(values.roles ? { onRustFile: (file: string, c: LineCounts) => addRustFile(roles, file, c) } : {}),
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code) throw new UsageError(`could not read ${dir}: ${describeFsError(error)}`);
    throw error;
  }
  const m: Counted = { path: path.resolve(dir), ...count, ...(values.roles ? { rustByRole: roles } : {}) };
  print(
    [m],
    [values.repo],
    values.json,
    `files read one by one at the commit, not the whole repository (${count.files} files; .gitattributes not applied); `,
  );
  return 0;
}

runCli('measure:rust', main, import.meta);
