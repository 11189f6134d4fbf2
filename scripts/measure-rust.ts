/**
 * Measure the Rust code of local checkouts with the method of data/rust-code/METHOD.md.
 *
 *   npm run measure:rust -- <checkout> [<checkout> ...] [--json]
 *   npm run measure:rust -- <checkout> --update <slug> [--repo owner/name] [--role "..."] [--content <dir>]
 *
 * --update writes the measurement into the entry's rustRepos item for the checkout's repository
 * (owner/name from `git remote get-url origin`, or --repo), changing only those lines; with no
 * such item it appends one, which needs --role. Exit codes: 0 done; 2 error (nothing written).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  FrontmatterEditError,
  appendSequenceItem,
  readFrontmatter,
  setScalar,
} from '../src/lib/frontmatter-edit.ts';
import {
  MEASUREMENT_KEYS,
  formatMeasurementTable,
  measurementFields,
  measurementNotes,
} from '../src/lib/measurement-format.ts';
import { MeasureError, measureCheckout, originRepo } from '../src/lib/rust-measure.ts';
import type { CheckoutMeasurement } from '../src/lib/rust-measure.ts';
import { measurementSchema, projectFrontmatterSchema } from '../src/schemas/project.ts';
import { WriteError, describeFsError, readForEdit, writeAll, type ReadFile } from './lib/safe-write.ts';
import { slugSchema } from '../src/schemas/common.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const USAGE =
  'Usage: npm run measure:rust -- <checkout> [...] [--json] [--update <slug> [--repo owner/name] [--role "..."] [--content <dir>]]';

class UsageError extends Error {}

/** A path for messages: relative to the working directory when inside it. */
function shown(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

async function update(
  m: CheckoutMeasurement,
  slug: string,
  options: { repo?: string; role?: string; content: string },
): Promise<string> {
  if (!slugSchema.safeParse(slug).success) throw new UsageError(`--update expects an entry slug such as "chaos-mesh", got "${slug}"`);
  const repo = options.repo ?? (await originRepo(m.path));
  if (!repo)
    throw new UsageError(`could not derive owner/name from the "origin" remote of ${m.path}; pass --repo owner/name`);
  if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(repo)) throw new UsageError(`--repo expects owner/name, got "${repo}"`);
  let fields;
  try {
    fields = measurementFields(m);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const checked = measurementSchema.safeParse(fields);
  if (!checked.success)
    throw new UsageError(`the measurement does not fit the catalog schema: ${checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);

  const file = path.join(options.content, 'projects', `${slug}.mdx`);
  let read: ReadFile;
  try {
    read = readForEdit(file);
  } catch (error) {
    const code = (error as WriteError).message.includes('ENOENT');
    throw new UsageError(code ? `no entry ${shown(file)} (check the slug, or --content)` : (error as Error).message.replace(file, shown(file)));
  }
  const text = read.text;
  let data: { rustRepos?: { repo?: unknown }[] } | null;
  try {
    data = readFrontmatter(text) as typeof data;
  } catch (error) {
    throw new UsageError(`${shown(file)}: ${error instanceof Error ? error.message : String(error)} (run \`npm run validate\` for the details)`);
  }
  const repos = Array.isArray(data?.rustRepos) ? data.rustRepos : undefined;
  if (!repos) throw new UsageError(`${shown(file)}: expected a rustRepos list in the frontmatter`);
  const index = repos.findIndex((r) => typeof r?.repo === 'string' && r.repo.toLowerCase() === repo.toLowerCase());

  let edited = text;
  try {
    if (index === -1) {
      if (!options.role)
        throw new UsageError(`${shown(file)} lists no rustRepos item for ${repo}: pass --role "what the repository is for" to add one`);
      edited = appendSequenceItem(text, ['rustRepos'], { repo, role: options.role, measurement: { ...fields } });
    } else {
      for (const key of MEASUREMENT_KEYS) {
        if (key === 'notes') continue; // written by people; kept as it is
        edited = setScalar(edited, ['rustRepos', index, 'measurement', key], fields[key], { order: MEASUREMENT_KEYS });
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
      throw new UsageError(`${shown(file)}: the edited entry would not validate, so nothing was written: ${checkedEntry.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    try {
      writeAll([{ before: read, text: edited }]);
    } catch (error) {
      if (error instanceof WriteError) throw new UsageError(error.message.replaceAll(file, shown(file)));
      throw error;
    }
  }
  const kept = index !== -1 && (repos[index] as { measurement?: { notes?: unknown } }).measurement?.notes !== undefined;
  const what = index === -1 ? `added ${repo} to` : edited === text ? `${repo} already up to date in` : `updated ${repo} in`;
  return `${what} ${shown(file)}${kept ? ' (its notes were kept: check they still hold)' : ''}`;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      update: { type: 'string' },
      repo: { type: 'string' },
      role: { type: 'string' },
      content: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError(`expected the path of at least one checkout\n${USAGE}`);
  if (values.update !== undefined && positionals.length !== 1)
    throw new UsageError('--update takes exactly one checkout');
  if ((values.repo !== undefined || values.role !== undefined) && values.update === undefined)
    throw new UsageError('--repo and --role only apply with --update <slug>');

  const measurements: CheckoutMeasurement[] = [];
  for (const checkout of positionals) {
    try {
      measurements.push(await measureCheckout(checkout));
    } catch (error) {
      if (error instanceof MeasureError) throw new UsageError(error.message);
      // An unreadable folder or file (EACCES, EPERM, ELOOP...): a message, not a stack.
      if ((error as NodeJS.ErrnoException).code) throw new UsageError(`could not measure ${checkout}: ${describeFsError(error)}`);
      throw error;
    }
  }
  if (values.json) {
    const out = measurements.map((m) => ({ ...m, notes: measurementNotes(m) }));
    console.log(JSON.stringify(out, null, 2));
  } else {
    console.log(formatMeasurementTable(measurements, positionals));
  }
  if (values.update !== undefined) {
    const message = await update(measurements[0], values.update, {
      repo: values.repo,
      role: values.role,
      content: path.resolve(values.content ?? path.join(root, 'content')),
    });
    (values.json ? console.error : console.log)(message);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`measure:rust: ${(error as Error).message}`);
    } else if ((error as NodeJS.ErrnoException).code) {
      console.error(`measure:rust: ${describeFsError(error)}`);
    } else {
      console.error(`measure:rust: unexpected error: ${error instanceof Error ? error.message : String(error)}`);
    }
    process.exitCode = 2;
  },
);
