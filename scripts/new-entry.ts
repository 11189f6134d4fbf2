/**
 * npm run new -- <slug> [--name "Landscape Name"] [--landscape data/landscape.yml]
 *                       [--category <id>] [--logo <file.svg>]
 *
 * Writes content/projects/<slug>.mdx from a template, prefilled from the project's
 * landscape.yml item (maturity, dates, home page, repository, landscape category), and a
 * logo at public/logos/<slug>.svg (the given SVG, optimised, or a placeholder monogram).
 * Never overwrites a file. The new entry is checked with the schema before it is written, the
 * logo is sanitized (validation/svg-sanitize.ts) and both are written atomically
 * (scripts/lib/safe-write.ts); `# FILL IN` marks what to do next. A project already in the
 * catalog (same name or landscape name, look-alike letters included) is refused.
 */
import { loadYaml } from '../src/validation/safe-yaml.ts';
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError, runCli } from './lib/cli.ts';
import { landscapeProjects } from './lib/landscape.ts';
import { optimiseSvg } from './lib/logo.ts';
import { entryName, findLandscapeItem, placeholderLogo, scaffoldEntry } from './lib/new-entry.ts';
import { slugSchema } from '../src/schemas/common.ts';
import { projectFrontmatterSchema } from '../src/schemas/project.ts';
import { entryNames, readEntryFile } from './lib/entries.ts';
import { nameSkeleton } from '../src/schemas/text-safety.ts';
import { readFrontmatter } from './lib/frontmatter-edit.ts';
import { sanitizeSvg } from '../src/validation/svg-sanitize.ts';
import { WriteError, describeFsError, writeAll } from './lib/safe-write.ts';

const usage =
  'usage: npm run new -- <slug> [--name "Landscape Name"] [--landscape <landscape.yml>] [--category <id>] [--logo <file.svg>]';

/** Stops with `new: message` and exit code 1, having written nothing. */
function fail(message: string): never {
  throw new UsageError(message, 1);
}

const readText = (file: string, what: string): string => {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    fail(`cannot read ${what} ${file}: ${describeFsError(error)} (nothing was written)`);
  }
};

export function main(argv: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        name: { type: 'string' },
        landscape: { type: 'string', default: 'data/landscape.yml' },
        category: { type: 'string' },
        logo: { type: 'string' },
        content: { type: 'string', default: 'content' },
        public: { type: 'string', default: 'public' },
      },
    });
  } catch (error) {
    fail(`${(error as Error).message.split('\n')[0]}\n${usage}`);
  }
  const { values, positionals } = parsed;

  const slug = positionals[0];
  if (!slug || positionals.length > 1) fail(usage);
  if (!slugSchema.safeParse(slug).success)
    fail(`"${slug}" is not a slug (expected lower-case words joined by hyphens, e.g. chaos-mesh)`);

  const entryPath = path.join(values.content, 'projects', `${slug}.mdx`);
  if (existsSync(entryPath)) fail(`${entryPath} already exists; edit it instead (nothing was written)`);

  const ids = (file: string): string[] => {
    let list: unknown;
    try {
      list = loadYaml(readText(path.join(values.content, file), 'the taxonomy file'));
    } catch (error) {
      fail(
        `${path.join(values.content, file)} is not valid YAML: ${(error as Error).message.split('\n')[0]} (nothing was written)`,
      );
    }
    return Array.isArray(list)
      ? list.map((item) => (item as { id?: unknown }).id).filter((id): id is string => typeof id === 'string')
      : [];
  };
  const categoryIds = ids('categories.yaml');
  const sourceIds = ids('sources.yaml');
  const categoryId = values.category ?? categoryIds[0];
  if (!categoryId || !categoryIds.includes(categoryId))
    fail(`unknown category "${categoryId ?? ''}" (expected one of ${categoryIds.join(', ')})`);

  let landscape;
  try {
    landscape = landscapeProjects(loadYaml(readText(values.landscape, 'the landscape file')));
  } catch (error) {
    fail(`cannot read ${values.landscape}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const item = findLandscapeItem(landscape, slug, values.name);
  if (values.name && !item)
    console.error(
      `new: "${values.name}" is not a CNCF project in ${values.landscape}; fill in the fields marked # FILL IN`,
    );

  // A project already in the catalog gets no second entry (names compared by skeleton).
  const projectsDir = path.join(values.content, 'projects');
  for (const file of existsSync(projectsDir) ? entryNames(values.content) : []) {
    let data: { name?: unknown; landscapeName?: unknown } | null = null;
    try {
      data = readEntryFile(path.join(projectsDir, file)).data as typeof data;
    } catch {
      continue; // validate reports a broken entry
    }
    const wanted = [values.name, item?.name].filter((v): v is string => typeof v === 'string').map(nameSkeleton);
    for (const field of ['name', 'landscapeName'] as const) {
      const value = data?.[field];
      if (typeof value === 'string' && wanted.includes(nameSkeleton(value)))
        fail(
          `"${values.name ?? item?.name}" is already in the catalog: ${path.join(projectsDir, file)} has ${field} "${value}" (edit that entry instead; nothing was written)`,
        );
    }
  }

  const sources = item && sourceIds.includes('cncf-landscape') ? ['cncf-landscape'] : sourceIds.slice(0, 1);
  const today = new Date().toISOString().slice(0, 10);
  const name = entryName({ slug, name: values.name, item });
  const text = scaffoldEntry({ slug, name, item, categoryId, sourceIds: sources, today });

  // The entry as written must pass the schema.
  const checked = projectFrontmatterSchema.safeParse(readFrontmatter(text));
  if (!checked.success)
    fail(
      `the new entry would not validate (${checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}); nothing was written`,
    );

  /** A logo to import: an .svg regular file inside the repository (no /etc/passwd, no links). */
  function logoSource(file: string): string {
    const absolute = path.resolve(file);
    const inside = path.relative(process.cwd(), absolute);
    if (inside.startsWith('..') || path.isAbsolute(inside))
      fail(
        `--logo ${file} is outside the repository (expected an .svg file inside it; copy it in first); nothing was written`,
      );
    if (!/\.svg$/i.test(absolute)) fail(`--logo ${file} is not an .svg file; nothing was written`);
    let stat;
    try {
      stat = lstatSync(absolute);
    } catch (error) {
      fail(`cannot read --logo ${file}: ${describeFsError(error)}; nothing was written`);
    }
    if (!stat.isFile()) fail(`--logo ${file} is not a regular file (a symbolic link or a folder); nothing was written`);
    return readText(absolute, 'the logo');
  }

  const logoPath = path.join(values.public, 'logos', `${slug}.svg`);
  let logo: string | undefined;
  if (!existsSync(logoPath)) {
    let source: string;
    try {
      source = values.logo ? optimiseSvg(logoSource(values.logo)) : placeholderLogo(name);
    } catch (error) {
      fail(
        `--logo ${values.logo}: ${(error as Error).message.split('\n')[0]} (expected an SVG file); nothing was written`,
      );
    }
    const clean = sanitizeSvg(source);
    if (!clean.output) fail(`--logo ${values.logo}: ${clean.fatal}; nothing was written`);
    for (const r of clean.removed)
      console.error(
        `new: ${values.logo}: removed ${r.what} (line ${r.line} of the optimised file): not allowed in a logo`,
      );
    logo = clean.output;
  }

  try {
    writeAll([
      { before: { file: entryPath }, text },
      ...(logo === undefined ? [] : [{ before: { file: logoPath }, text: logo }]),
    ]);
  } catch (error) {
    if (error instanceof WriteError) fail(error.message);
    throw error;
  }
  console.log(`wrote ${entryPath}${item ? ` (prefilled from landscape item "${item.name}")` : ''}`);
  if (logo !== undefined)
    console.log(
      `wrote ${logoPath}${values.logo ? ' (sanitized)' : ' (a placeholder: replace it with `npm run logos -- <file.svg> ' + slug + '`)'}`,
    );
  console.log('next: fill in the lines marked # FILL IN, then run `npm run validate`');
  return 0;
}

runCli('new', main, import.meta);
