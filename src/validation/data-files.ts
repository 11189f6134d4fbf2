/**
 * The files of data/ the build reads: the landscape copy (src/data/catalog.ts), Rust through
 * time and the Cargo data (collections in content.config.ts) and the last discover run (the
 * data-notes page). They get the file rules of content/ and public/: regular files inside the
 * repository, never a symbolic link (`data/history.json` → `/etc/passwd` built a site with an
 * empty history and exit 0), within a size limit; the JSON files must parse, because Astro's
 * `file()` loader only logs a file that does not and builds on with no data. Their schemas are
 * applied by the collections and the catalog when the site is built.
 */
import { existsSync, lstatSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'astro/zod';
import { projectOrgsSchema } from '../schemas/project-orgs.ts';
import type { Problem } from './problem.ts';
import { MAX_YAML_BYTES, loadYaml } from './safe-yaml.ts';

interface DataFile {
  /** Whether the build needs it (the data-notes page does without the discover run). */
  required: boolean;
  maxBytes: number;
  json: boolean;
  /** The npm script that writes it, named in a JSON syntax error. */
  writtenBy?: string;
  /** A reviewed YAML file: its schema, checked here because no collection loads it. */
  schema?: z.ZodType;
}

/** Largest JSON data file (crates.json, the largest, is about 3 MB). */
export const MAX_DATA_JSON_BYTES = 64 * 1024 * 1024;

export const DATA_FILES: Record<string, DataFile> = {
  'landscape.yml': { required: true, maxBytes: MAX_YAML_BYTES, json: false },
  'history.json': { required: true, maxBytes: MAX_DATA_JSON_BYTES, json: true, writtenBy: 'history' },
  'crates.json': { required: true, maxBytes: MAX_DATA_JSON_BYTES, json: true, writtenBy: 'crates' },
  'advisories.json': { required: true, maxBytes: MAX_DATA_JSON_BYTES, json: true, writtenBy: 'advisories' },
  'unsafe.json': { required: true, maxBytes: MAX_DATA_JSON_BYTES, json: true, writtenBy: 'unsafe' },
  'discover-run.json': { required: false, maxBytes: MAX_DATA_JSON_BYTES, json: true, writtenBy: 'discover' },
  // The organisations `npm run discover` screens beyond the owners of the named repositories.
  'project-orgs.yaml': { required: false, maxBytes: MAX_YAML_BYTES, json: false, schema: projectOrgsSchema },
};

/** Every problem with the data files under `dataDir`; `display` names a file for people. */
export function dataFileProblems(dataDir: string, display: (rel: string) => string): Problem[] {
  const problem = (rel: string, field: string, message: string): Problem => ({
    file: display(rel),
    line: 1,
    field,
    message,
  });
  if (!existsSync(dataDir))
    return [
      problem('.', 'file:missing', `the data folder does not exist (expected ${Object.keys(DATA_FILES).join(', ')})`),
    ];
  const problems: Problem[] = [];
  // Symbolic links anywhere under data/, read or not: the rule is the same everywhere.
  const walk = (rel: string) => {
    for (const entry of readdirSync(path.join(dataDir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isSymbolicLink())
        problems.push(
          problem(
            child,
            'file:symlink',
            'is a symbolic link; the build would read whatever it points to, inside or outside the repository (expected a regular file)',
          ),
        );
      else if (entry.isDirectory()) walk(child);
    }
  };
  walk('');
  for (const [name, spec] of Object.entries(DATA_FILES)) {
    const file = path.join(dataDir, name);
    let stat;
    try {
      stat = lstatSync(file);
    } catch {
      if (spec.required)
        problems.push(
          problem(name, 'file:missing', `data/${name} does not exist (expected the file; the build reads it)`),
        );
      continue;
    }
    if (stat.isSymbolicLink()) continue; // reported above
    if (!stat.isFile()) {
      problems.push(problem(name, 'file:unexpected', 'is not a regular file (expected a file the build can read)'));
      continue;
    }
    if (stat.size > spec.maxBytes) {
      problems.push(problem(name, 'file:size', `file is ${stat.size} bytes (expected at most ${spec.maxBytes})`));
      continue;
    }
    if (spec.json)
      try {
        JSON.parse(readFileSync(file, 'utf8'));
      } catch (error) {
        problems.push(
          problem(
            name,
            'json:syntax',
            `${(error as Error).message} (expected valid JSON; the tool that writes it: npm run ${spec.writtenBy})`,
          ),
        );
      }
    if (spec.schema) {
      let data: unknown;
      try {
        data = loadYaml(readFileSync(file, 'utf8'), { filename: name });
      } catch (error) {
        problems.push(problem(name, 'yaml:syntax', (error as Error).message.split('\n')[0]));
        continue;
      }
      const parsed = spec.schema.safeParse(data ?? []);
      if (!parsed.success)
        for (const issue of parsed.error.issues)
          problems.push(problem(name, issue.path.join('.') || '(top)', issue.message));
    }
  }
  return problems;
}
