/**
 * npm run new -- <slug> [--name "Landscape Name"] [--landscape data/landscape.yml]
 *                       [--category <id>] [--logo <file.svg>]
 *
 * Writes content/projects/<slug>.mdx from a template, prefilled from the project's
 * landscape.yml item (maturity, dates, home page, repository, landscape category), and a
 * logo at public/logos/<slug>.svg (the given SVG, optimised, or a placeholder monogram).
 * Never overwrites a file. The new entry validates as written; `# FILL IN` marks what to do next.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError, runCli } from './lib/cli.ts';
import { load } from 'js-yaml';
import { landscapeProjects } from './lib/landscape.ts';
import { optimiseSvg } from './lib/logo.ts';
import { entryName, findLandscapeItem, placeholderLogo, scaffoldEntry } from './lib/new-entry.ts';
import { slugSchema } from '../src/schemas/common.ts';

const usage = 'usage: npm run new -- <slug> [--name "Landscape Name"] [--landscape <landscape.yml>] [--category <id>] [--logo <file.svg>]';

/** Stops with `new: message` and exit code 1, having written nothing. */
function fail(message: string): never {
  throw new UsageError(message, 1);
}

runCli('new', (argv) => {
  const { values, positionals } = parseArgs({
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

  const slug = positionals[0];
  if (!slug || positionals.length > 1) fail(usage);
  if (!slugSchema.safeParse(slug).success) fail(`"${slug}" is not a slug (expected lower-case words joined by hyphens, e.g. chaos-mesh)`);

  const entryPath = path.join(values.content, 'projects', `${slug}.mdx`);
  if (existsSync(entryPath)) fail(`${entryPath} already exists; edit it instead (nothing was written)`);

  const ids = (file: string): string[] => {
    const list = load(readFileSync(path.join(values.content, file), 'utf8'));
    return Array.isArray(list) ? list.map((item) => (item as { id?: unknown }).id).filter((id): id is string => typeof id === 'string') : [];
  };
  const categoryIds = ids('categories.yaml');
  const sourceIds = ids('sources.yaml');
  const categoryId = values.category ?? categoryIds[0];
  if (!categoryId || !categoryIds.includes(categoryId))
    fail(`unknown category "${categoryId ?? ''}" (expected one of ${categoryIds.join(', ')})`);

  let landscape;
  try {
    landscape = landscapeProjects(load(readFileSync(values.landscape, 'utf8')));
  } catch (error) {
    fail(`cannot read ${values.landscape}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const item = findLandscapeItem(landscape, slug, values.name);
  if (values.name && !item) console.error(`new: "${values.name}" is not a CNCF project in ${values.landscape}; fill in the fields marked # FILL IN`);

  const sources = item && sourceIds.includes('cncf-landscape') ? ['cncf-landscape'] : sourceIds.slice(0, 1);
  const today = new Date().toISOString().slice(0, 10);
  const name = entryName({ slug, name: values.name, item });
  const text = scaffoldEntry({ slug, name, item, categoryId, sourceIds: sources, today });

  const logoPath = path.join(values.public, 'logos', `${slug}.svg`);
  const logo = existsSync(logoPath)
    ? undefined
    : values.logo
      ? optimiseSvg(readFileSync(values.logo, 'utf8'))
      : placeholderLogo(name);

  // `wx`: fail rather than overwrite, even if the file appeared since the check above.
  writeFileSync(entryPath, text, { flag: 'wx' });
  console.log(`wrote ${entryPath}${item ? ` (prefilled from landscape item "${item.name}")` : ''}`);
  if (logo !== undefined) {
    writeFileSync(logoPath, logo, { flag: 'wx' });
    console.log(`wrote ${logoPath}${values.logo ? '' : ' (a placeholder: replace it with `npm run logos -- <file.svg> ' + slug + '`)'}`);
  }
  console.log('next: fill in the lines marked # FILL IN, then run `npm run validate`');
  return 0;
});
