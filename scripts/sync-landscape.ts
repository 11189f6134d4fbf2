/**
 * Compare the catalog with CNCF landscape.yml and, with --write, update the fields the
 * landscape is the authority for (maturity, dates, homepage, repository, landscape category).
 *
 *   npm run sync:landscape -- [path or https URL of landscape.yml] [--write] [--content <dir>]
 *
 * Default source: data/landscape.yml. Default content: content/ (entries in content/projects/).
 * Exit codes: 0 in sync; 1 drift found (or, with --write, something left that needs a person);
 * 2 error (unreadable, slow or malformed landscape or entry, a download that timed out or was
 * redirected away from https, an entry that changed meanwhile or is a symbolic link, a result
 * the schema refuses; nothing is written, or the message names exactly what was).
 * --pr-body <file> writes the pull request text, the report fenced so no value can break out.
 * Writes go through scripts/lib/safe-write.ts (temporary file + rename, checked before).
 */
import { MAX_YAML_BYTES, loadYaml } from '../src/validation/safe-yaml.ts';
import { writeFile } from 'node:fs/promises';
import { readBodyBounded, readBounded } from './lib/bounded.ts';
import { WriteError, writeAll, type ReadFile } from './lib/safe-write.ts';
import { fenceCode } from './lib/markdown-fence.ts';
import { projectFrontmatterSchema } from '../src/schemas/project.ts';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { UsageError, runCli, shown } from './lib/cli.ts';
import { FrontmatterEditError, readFrontmatter, removeKey, setScalar } from './lib/frontmatter-edit.ts';
import { projectsDir, readEntries } from './lib/entries.ts';
import type { CatalogEntry, EntryDrift } from './lib/landscape-drift.ts';
import { DATE_KEYS, compareWithLandscape, formatDriftReport, isInSync } from './lib/landscape-drift.ts';
import { LandscapeShapeError, landscapeProjects } from './lib/landscape.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Time for the whole download, headers and body (`SYNC_FETCH_TIMEOUT_MS` overrides it). */
const fetchTimeoutMs = () => Number(process.env.SYNC_FETCH_TIMEOUT_MS) || 120_000;
/** Largest landscape.yml accepted (the real one is about 1.1 MB; the YAML loader's own limit). */
const MAX_LANDSCAPE_BYTES = MAX_YAML_BYTES;

/** The cause of a failed fetch in words: a timeout, a refused connection, a TLS error. */
function fetchCause(error: unknown): string {
  const e = error as Error & { cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError')
    return `no complete answer within ${fetchTimeoutMs()} ms (timed out)`;
  return [e?.message, e?.cause?.code, e?.cause?.message].filter(Boolean).join(': ');
}

/** Downloads over https only: redirects are followed by hand, and one to http:// is refused. */
async function download(source: string): Promise<string> {
  const signal = AbortSignal.timeout(fetchTimeoutMs());
  let url = source;
  try {
    for (let hop = 0; hop <= 5; hop++) {
      const response = await fetch(url, { signal, redirect: 'manual' });
      if (response.status >= 300 && response.status < 400 && response.headers.has('location')) {
        const next = new URL(response.headers.get('location')!, url);
        if (next.protocol !== 'https:')
          throw new UsageError(`could not fetch ${source}: redirected to ${next.href}, which is not https (refused)`);
        url = next.href;
        continue;
      }
      if (!response.ok)
        throw new UsageError(`could not fetch ${source}: HTTP ${response.status} ${response.statusText}`);
      // Streamed and cut at the limit: a body that never ends is never buffered whole.
      return await readBodyBounded(response, MAX_LANDSCAPE_BYTES, `could not fetch ${source}`);
    }
    throw new UsageError(`could not fetch ${source}: more than 5 redirects`);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`could not fetch ${source}: ${fetchCause(error)}`);
  }
}

async function readSource(source: string): Promise<string> {
  if (/^https:\/\//i.test(source)) return download(source);
  if (/^[a-z]+:\/\//i.test(source)) throw new UsageError(`expected a local path or an https:// URL, got ${source}`);
  return readBounded(source, MAX_LANDSCAPE_BYTES);
}

function parseLandscape(source: string, text: string) {
  let doc: unknown;
  try {
    doc = loadYaml(text);
  } catch (error) {
    throw new UsageError(`${source} is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  try {
    return landscapeProjects(doc);
  } catch (error) {
    if (error instanceof LandscapeShapeError)
      throw new UsageError(`${source} does not look like a CNCF landscape.yml: ${error.message}`);
    throw error;
  }
}

interface SyncEntry extends CatalogEntry {
  absolute: string;
  text: string;
  /** The file as read: writes are refused if it changes before them. */
  read: ReadFile;
}

/** The entries through the one reader of scripts/lib/entries.ts. */
function readSyncEntries(contentDir: string): SyncEntry[] {
  const entries = readEntries(contentDir).map((e) => ({
    file: e.file,
    absolute: e.path,
    text: e.text,
    data: e.data,
    read: e.read,
  }));
  if (entries.length === 0) throw new UsageError(`found no entries in ${shown(projectsDir(contentDir))}`);
  return entries;
}

/** Applies one entry's changes to its text, field by field. */
function applyChanges(text: string, drift: EntryDrift): string {
  let out = text;
  for (const change of drift.changes) {
    if (change.new === undefined) out = removeKey(out, change.path);
    else out = setScalar(out, change.path, change.new, change.path[0] === 'dates' ? { order: DATE_KEYS } : {});
  }
  return out;
}

/** The pull request text: the report as a code block no value in it can close. */
function prBody(source: string, report: string): string {
  return [
    'The weekly run of `npm run sync:landscape` found entries that differ from the CNCF',
    `landscape.yml (${source.replace(/[^\w.:/@-]/g, '')}) and wrote the landscape's values:`,
    '',
    fenceCode(report),
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      write: { type: 'boolean', default: false },
      content: { type: 'string' },
      'pr-body': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(
      'Usage: npm run sync:landscape -- [landscape.yml path or https URL] [--write] [--content <dir>] [--pr-body <file>]',
    );
    return 0;
  }
  if (positionals.length > 1) throw new UsageError(`expected at most one landscape.yml, got ${positionals.length}`);
  const source = positionals[0] ?? path.join(root, 'data', 'landscape.yml');
  const contentDir = path.resolve(values.content ?? path.join(root, 'content'));

  const projects = parseLandscape(source, await readSource(source));
  const entries = readSyncEntries(contentDir);
  const report = compareWithLandscape(entries, projects);
  console.log(
    `Landscape: ${/^https:/i.test(source) ? source : shown(path.resolve(source))} (${projects.length} CNCF project items)`,
  );
  console.log(`Catalog: ${entries.length} entries in ${shown(path.join(contentDir, 'projects'))}`);
  console.log('');

  if (!values.write) {
    console.log(formatDriftReport(report));
    return isInSync(report) ? 0 : 1;
  }

  // Compute every new text first, so an edit that fails leaves no file half written.
  const byFile = new Map(entries.map((e) => [e.file, e]));
  const updates: { entry: SyncEntry; text: string }[] = [];
  for (const drift of report.drifted) {
    if (drift.changes.length === 0) continue;
    const entry = byFile.get(drift.file) as SyncEntry;
    try {
      updates.push({ entry, text: applyChanges(entry.text, drift) });
    } catch (error) {
      if (error instanceof FrontmatterEditError) throw new UsageError(`${drift.file}: ${error.message}`);
      throw error;
    }
  }
  // Nothing is written that the schema refuses (a javascript: homepage, dates out of order).
  for (const { entry, text } of updates) {
    let problems: string[] = [];
    try {
      const result = projectFrontmatterSchema.safeParse(readFrontmatter(text));
      if (!result.success)
        problems = result.error.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`);
    } catch (error) {
      problems = [(error as Error).message.split('\n')[0]];
    }
    if (problems.length > 0)
      throw new UsageError(
        `${entry.file}: the landscape's values would make an invalid entry, so nothing was written: ${problems.join('; ')}`,
      );
  }
  const changed = updates.filter(({ entry, text }) => text !== entry.text);
  try {
    writeAll(changed.map(({ entry, text }) => ({ before: entry.read, text })));
  } catch (error) {
    if (error instanceof WriteError)
      throw new UsageError(error.message.replaceAll(contentDir + path.sep, shown(contentDir) + path.sep));
    throw error;
  }
  const written = formatDriftReport(report, { written: true });
  console.log(written);
  for (const { entry } of changed) console.log(`wrote ${entry.file}`);
  if (values['pr-body']) await writeFile(values['pr-body'], prBody(source, written));

  const after = compareWithLandscape(updates.length > 0 ? readSyncEntries(contentDir) : entries, projects);
  if (isInSync(after)) return 0;
  console.log('');
  console.log('Still to fix by hand:');
  console.log(formatDriftReport({ ...after, normalised: [] }));
  return 1;
}

runCli('sync:landscape', main, import.meta);
