/**
 * Copy logos into public/logos/ optimised: `npm run logos -- <source.svg> <slug> [...]`
 * (pairs), or `npm run logos -- --all <landscape logos dir>` to re-import every entry's logo
 * by its landscape item's `logo` file name (entries name their logo `<slug>.svg`).
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { optimiseSvg } from './lib/logo.ts';
import { logoProblems } from '../src/validation/logo-safety.ts';
import { indexByName, landscapeProjects } from './lib/landscape.ts';
import { UsageError, runCli } from './lib/cli.ts';
import { readFrontmatter } from './lib/frontmatter-edit.ts';

// The body below is left unindented until the repository-wide Prettier pass (issue 13).
runCli('logos', async (argv) => {
const out = 'public/logos';
let failed = false;
mkdirSync(out, { recursive: true });

function importOne(source: string, slug: string): void {
  const before = readFileSync(source);
  const after = optimiseSvg(before.toString('utf8'));
  // What validate would refuse is not written (scripts, images, outside references: logo-safety.ts).
  const problems = logoProblems(after);
  if (problems.length > 0) {
    for (const p of problems) console.error(`${source} (optimised):${p.line}: ${p.rule}: ${p.message}`);
    failed = true;
    return;
  }
  writeFileSync(join(out, `${slug}.svg`), after);
  console.log(`${slug}.svg: ${before.length} -> ${Buffer.byteLength(after)} bytes`);
}

const args = argv;
if (args[0] === '--all') {
  const dir = args[1] ?? '../shared/data/landscape/logos';
  const landscape = indexByName(landscapeProjects(load(readFileSync('data/landscape.yml', 'utf8'))));
  for (const file of readdirSync('content/projects').filter((f) => f.endsWith('.mdx'))) {
    const name = (readFrontmatter(readFileSync(join('content/projects', file), 'utf8')) as { landscapeName?: string }).landscapeName;
    const logo = name ? landscape.get(name)?.logo : undefined;
    if (!logo) {
      console.error(`${file}: no landscape logo found`);
      failed = true;
      continue;
    }
    importOne(join(dir, logo), file.replace(/\.mdx$/, ''));
  }
} else if (args.length >= 2 && args.length % 2 === 0) {
  for (let i = 0; i < args.length; i += 2) importOne(args[i], args[i + 1]);
} else {
  throw new UsageError('usage: npm run logos -- <source.svg> <slug> [...] | --all [logos dir]');
}
return failed ? 1 : 0;
});
