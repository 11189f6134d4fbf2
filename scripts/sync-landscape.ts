/**
 * Compare the catalog with CNCF landscape.yml and, with --write, update the fields the
 * landscape is the authority for (maturity, dates, homepage, repository, landscape category).
 *
 *   npm run sync:landscape -- [path or https URL of landscape.yml] [--write] [--content <dir>]
 *
 * Default source: data/landscape.yml. Default content: content/ (entries in content/projects/).
 * Exit codes: 0 in sync; 1 drift found (or, with --write, something left that needs a person);
 * 2 error (unreadable or malformed landscape or entry; nothing is written).
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { UsageError, runCli, shown } from './lib/cli.ts';
import { load } from 'js-yaml';
import { FrontmatterEditError, readFrontmatter, removeKey, setScalar } from './lib/frontmatter-edit.ts';
import type { CatalogEntry, EntryDrift } from './lib/landscape-drift.ts';
import { DATE_KEYS, compareWithLandscape, formatDriftReport, isInSync } from './lib/landscape-drift.ts';
import { LandscapeShapeError, landscapeProjects } from './lib/landscape.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');



async function readSource(source: string): Promise<string> {
  if (/^https:\/\//i.test(source)) {
    let response: Response;
    try {
      response = await fetch(source, { signal: AbortSignal.timeout(120_000) });
    } catch (error) {
      throw new UsageError(`could not fetch ${source}: ${(error as Error).message}`);
    }
    if (!response.ok) throw new UsageError(`could not fetch ${source}: HTTP ${response.status} ${response.statusText}`);
    return response.text();
  }
  if (/^[a-z]+:\/\//i.test(source)) throw new UsageError(`expected a local path or an https:// URL, got ${source}`);
  try {
    return await readFile(source, 'utf8');
  } catch (error) {
    throw new UsageError(`could not read ${source}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

function parseLandscape(source: string, text: string) {
  let doc: unknown;
  try {
    doc = load(text);
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

interface EntryFile extends CatalogEntry {
  absolute: string;
  text: string;
}

async function readEntries(contentDir: string): Promise<EntryFile[]> {
  const dir = path.join(contentDir, 'projects');
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => /\.mdx?$/.test(n) && !n.startsWith('_')).sort();
  } catch (error) {
    throw new UsageError(`could not read the entries in ${dir}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  const entries: EntryFile[] = [];
  for (const name of names) {
    const absolute = path.join(dir, name);
    const file = shown(absolute);
    const text = await readFile(absolute, 'utf8');
    let data: unknown;
    try {
      data = readFrontmatter(text);
    } catch (error) {
      throw new UsageError(`${file}: could not read the frontmatter: ${(error as Error).message.split('\n')[0]}`);
    }
    entries.push({ file, absolute, text, data });
  }
  if (entries.length === 0) throw new UsageError(`found no entries in ${dir}`);
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

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      write: { type: 'boolean', default: false },
      content: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log('Usage: npm run sync:landscape -- [landscape.yml path or https URL] [--write] [--content <dir>]');
    return 0;
  }
  if (positionals.length > 1) throw new UsageError(`expected at most one landscape.yml, got ${positionals.length}`);
  const source = positionals[0] ?? path.join(root, 'data', 'landscape.yml');
  const contentDir = path.resolve(values.content ?? path.join(root, 'content'));

  const projects = parseLandscape(source, await readSource(source));
  const entries = await readEntries(contentDir);
  const report = compareWithLandscape(entries, projects);
  console.log(`Landscape: ${/^https:/i.test(source) ? source : shown(path.resolve(source))} (${projects.length} CNCF project items)`);
  console.log(`Catalog: ${entries.length} entries in ${shown(path.join(contentDir, 'projects'))}`);
  console.log('');

  if (!values.write) {
    console.log(formatDriftReport(report));
    return isInSync(report) ? 0 : 1;
  }

  // Compute every new text first, so an edit that fails leaves no file half written.
  const byFile = new Map(entries.map((e) => [e.file, e]));
  const updates: { entry: EntryFile; text: string }[] = [];
  for (const drift of report.drifted) {
    if (drift.changes.length === 0) continue;
    const entry = byFile.get(drift.file) as EntryFile;
    try {
      updates.push({ entry, text: applyChanges(entry.text, drift) });
    } catch (error) {
      if (error instanceof FrontmatterEditError) throw new UsageError(`${drift.file}: ${error.message}`);
      throw error;
    }
  }
  for (const { entry, text } of updates) if (text !== entry.text) await writeFile(entry.absolute, text);
  console.log(formatDriftReport(report, { written: true }));
  for (const { entry } of updates) console.log(`wrote ${entry.file}`);

  const after = compareWithLandscape(
    updates.length > 0 ? await readEntries(contentDir) : entries,
    projects,
  );
  if (isInSync(after)) return 0;
  console.log('');
  console.log('Still to fix by hand:');
  console.log(formatDriftReport({ ...after, normalised: [] }));
  return 1;
}

runCli('sync:landscape', main);
