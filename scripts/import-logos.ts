/**
 * Copy logos into public/logos/ optimised: `npm run logos -- <source.svg> <slug> [...]`
 * (pairs), or `npm run logos -- --all <landscape logos dir>` to re-import every entry's logo
 * by its landscape item's `logo` file name (entries name their logo `<slug>.svg`).
 * What is written is the sanitized form (validation/svg-sanitize.ts), the only form validate
 * accepts; what sanitizing removed is listed. Errors are messages (exit 1), never stacks.
 */
import { loadYaml } from '../src/validation/safe-yaml.ts';
import { existsSync, lstatSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { optimiseSvg } from './lib/logo.ts';
import { sanitizeSvg } from '../src/validation/svg-sanitize.ts';
import { slugSchema } from '../src/schemas/common.ts';
import { WriteError, describeFsError, readForEdit, writeAll } from './lib/safe-write.ts';
import { indexByName, landscapeProjects } from './lib/landscape.ts';
import { UsageError, runCli } from './lib/cli.ts';
import { readEntries } from './lib/entries.ts';

export async function main(argv: string[]): Promise<number> {
  const out = 'public/logos';
  let failed = false;
  mkdirSync(out, { recursive: true });

  function importOne(source: string, slug: string): void {
    const error = (message: string) => {
      console.error(`logos: ${message}`);
      failed = true;
    };
    if (!slugSchema.safeParse(slug).success)
      return error(`"${slug}" is not a slug (expected lower-case words joined by hyphens, e.g. chaos-mesh)`);
    if (!/\.svg$/i.test(source)) return error(`${source} is not an .svg file`);
    let before: Buffer;
    try {
      if (!lstatSync(source).isFile()) return error(`${source} is not a regular file (a symbolic link or a folder)`);
      before = readFileSync(source);
    } catch (e) {
      return error(`cannot read ${source}: ${describeFsError(e)}`);
    }
    let optimised: string;
    try {
      optimised = optimiseSvg(before.toString('utf8'));
    } catch (e) {
      return error(`${source}: ${(e as Error).message.split('\n')[0]} (expected an SVG file)`);
    }
    const clean = sanitizeSvg(optimised);
    if (!clean.output) return error(`${source}: ${clean.fatal}`);
    for (const r of clean.removed) console.error(`logos: ${source}: removed ${r.what}: not allowed in a logo`);
    const target = join(out, `${slug}.svg`);
    try {
      writeAll([{ before: existsSync(target) ? readForEdit(target) : { file: target }, text: clean.output }]);
    } catch (e) {
      if (e instanceof WriteError) return error(e.message);
      throw e;
    }
    console.log(`${slug}.svg: ${before.length} -> ${Buffer.byteLength(clean.output)} bytes`);
  }

  const args = argv;
  if (args[0] === '--all') {
    const dir = args[1];
    if (!dir)
      throw new UsageError(
        '--all needs the folder of landscape logos: `npm run logos -- --all <dir>`, e.g. hosted_logos/ of a cncf/landscape checkout',
      );
    const landscape = indexByName(landscapeProjects(loadYaml(readFileSync('data/landscape.yml', 'utf8'))));
    for (const { file, slug, data } of readEntries('content')) {
      const name = (data as { landscapeName?: string } | null)?.landscapeName;
      const logo = name ? landscape.get(name)?.logo : undefined;
      if (!logo) {
        console.error(`${file}: no landscape logo found`);
        failed = true;
        continue;
      }
      importOne(join(dir, logo), slug);
    }
  } else if (args.length >= 2 && args.length % 2 === 0) {
    for (let i = 0; i < args.length; i += 2) importOne(args[i], args[i + 1]);
  } else {
    throw new UsageError('usage: npm run logos -- <source.svg> <slug> [...] | --all <logos dir>');
  }
  return failed ? 1 : 0;
}

runCli('logos', main, import.meta);
