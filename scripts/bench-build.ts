/**
 * Build benchmark: `npm run bench:build [-- --sizes 100,1000,5000 --write --keep]`.
 * Copies the project to a temp folder (node_modules linked, not copied), replaces its entries
 * with N synthetic ones (scripts/lib/synthetic-entries.ts: the real entries cycled under new names,
 * so every one is valid and of realistic size), and times `npm run validate` and the site build
 * (`astro build` with the test base path) for each N, with peak memory from /usr/bin/time -v.
 * Prints a table; `--write` puts it into BENCHMARKS.md. The real project is never touched.
 */
import { childTimeoutMs } from './lib/bounded.ts';
import { readEntries } from './lib/entries.ts';
import { isEntryFile } from '../src/schemas/entry-files.ts';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { runCli } from './lib/cli.ts';
import { syntheticEntries, type EntryFile } from './lib/synthetic-entries.ts';
import { replaceSection } from './lib/markdown-section.ts';

runCli('bench:build', async (argv) => {
  const { values } = parseArgs({
    args: argv,
    options: {
      sizes: { type: 'string', default: '100,1000,5000' },
      write: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      'cpu-prof': { type: 'boolean', default: false },
    },
  });
  const sizes = values.sizes!.split(',').map((s) => Number(s.trim()));
  if (sizes.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error(`--sizes wants whole numbers, got "${values.sizes}"`);

  const project = process.cwd();
  const SKIP = new Set(['node_modules', 'dist', '.git', '.astro', 'test-results', 'coverage', '.repos']);
  const root = mkdtempSync(join(tmpdir(), 'bench-build-'));
  const copy = join(root, basename(project));
  mkdirSync(copy);
  for (const name of readdirSync(project))
    if (!SKIP.has(name)) cpSync(join(project, name), join(copy, name), { recursive: true });
  // A folder of links, so Astro's and Vite's caches (node_modules/.astro, .vite) stay in the copy.
  mkdirSync(join(copy, 'node_modules'));
  for (const name of readdirSync(join(project, 'node_modules'))) {
    if (name === '.astro' || name === '.vite') continue;
    symlinkSync(join(project, 'node_modules', name), join(copy, 'node_modules', name));
  }

  const templates: EntryFile[] = readEntries('content').map(({ slug, text }) => ({ slug, text }));

  interface Run {
    ms: number;
    peakMb: number;
    ok: boolean;
    output: string;
  }

  /** Runs a command in the copy under /usr/bin/time -v: wall time and peak resident memory. */
  function timed(command: string[], env: Record<string, string> = {}): Run {
    const started = performance.now();
    const result = spawnSync('/usr/bin/time', ['-v', ...command], {
      // A build of 5,000 entries takes minutes; none takes half an hour.
      timeout: childTimeoutMs(1_800_000),
      killSignal: 'SIGKILL',
      cwd: copy,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env },
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    const ms = performance.now() - started;
    const peakKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr)?.[1] ?? NaN);
    return { ms, peakMb: peakKb / 1024, ok: result.status === 0, output: `${result.stdout}\n${result.stderr}` };
  }

  const node = join(project, 'node_modules/.bin/node');
  const rows: string[] = [];
  const results: { n: number; validate: Run; build: Run; pages: number }[] = [];
  try {
    for (const n of sizes) {
      const dir = join(copy, 'content/projects');
      for (const f of readdirSync(dir)) if (isEntryFile(f)) rmSync(join(dir, f));
      for (const e of syntheticEntries(templates, n)) writeFileSync(join(dir, `${e.slug}.mdx`), e.text);
      rmSync(join(copy, 'dist'), { recursive: true, force: true });
      rmSync(join(copy, '.astro'), { recursive: true, force: true });
      rmSync(join(copy, 'node_modules/.astro'), { recursive: true, force: true });
      rmSync(join(copy, 'node_modules/.vite'), { recursive: true, force: true });

      const validate = timed([node, 'scripts/validate.ts']);
      if (!validate.ok) throw new Error(`validate failed at ${n} entries:\n${validate.output.slice(-3000)}`);
      const prof = values['cpu-prof']
        ? [
            '--cpu-prof',
            '--cpu-prof-dir',
            join(project, 'test-results/cpu-prof'),
            '--cpu-prof-name',
            `build-${n}.cpuprofile`,
          ]
        : [];
      const build = timed([node, ...prof, 'node_modules/astro/bin/astro.mjs', 'build'], {
        BASE_PATH: '/cncf-rust-catalog/',
        SITE_URL: 'https://example.github.io',
      });
      if (!build.ok) throw new Error(`build failed at ${n} entries:\n${build.output.slice(-3000)}`);
      const built = /(\d+) page\(s\) built/.exec(build.output);
      if (!built)
        throw new Error(
          `could not find "N page(s) built" in the build output at ${n} entries:\n${build.output.slice(-2000)}`,
        );
      const pages = Number(built[1]);
      results.push({ n, validate, build, pages });
      console.error(
        `${n} entries: validate ${(validate.ms / 1000).toFixed(2)} s (${validate.peakMb.toFixed(0)} MB), build ${(build.ms / 1000).toFixed(1)} s (${build.peakMb.toFixed(0)} MB), ${pages} pages`,
      );
    }
  } finally {
    if (values.keep) console.error(`kept ${root}`);
    else rmSync(root, { recursive: true, force: true });
  }

  const first = results[0];
  for (const r of results) {
    const growth =
      r === first
        ? '—'
        : `${(r.build.ms / first.build.ms).toFixed(1)}× time for ${(r.n / first.n).toFixed(0)}× entries`;
    rows.push(
      `| ${r.n.toLocaleString('en-US')} | ${r.pages.toLocaleString('en-US')} | ${(r.build.ms / 1000).toFixed(1)} s | **${(r.build.ms / r.n).toFixed(1)}** | ${r.build.peakMb.toFixed(0)} MB | ${growth} | ${(r.validate.ms / 1000).toFixed(2)} s | **${((r.validate.ms / r.n) * 1000).toFixed(0)} ms** | ${r.validate.peakMb.toFixed(0)} MB |`,
    );
  }

  const body = [
    `\`npm run bench:build\`: a copy of the project with N synthetic entries (the ${templates.length} real ones cycled under`,
    'new names: same frontmatter, figures and prose, so realistic sizes), cold caches, on this',
    `${cpus().length}-core machine (${(totalmem() / 2 ** 30).toFixed(0)} GiB), Node ${process.versions.node}. Build: \`astro build\` with the test base path`,
    '(every page, share image, Pagefind index, sitemap). Wall-clock times include Node start-up;',
    "peak memory is the largest process's resident set (`/usr/bin/time -v`).",
    '',
    '| Entries | Pages | Build | ms per entry | Build peak | Growth | Validate | Validate per 1,000 | Validate peak |',
    '|---:|---:|---:|---:|---:|---|---:|---:|---:|',
    ...rows,
    '',
    'Targets: linear growth, under 20 ms per entry at 5,000 entries; validate under 1 s per 1,000 entries.',
    'Per-entry figures at small sizes are mostly fixed costs (Node start-up, loading the schemas; for the',
    'build, bundling and the Pagefind start-up), which is why they fall as the catalog grows.',
  ].join('\n');
  console.log(body);
  if (values.write) {
    writeFileSync(
      'BENCHMARKS.md',
      replaceSection(readFileSync('BENCHMARKS.md', 'utf8'), 'Build scaling (bench:build)', body),
    );
    console.error('wrote the "Build scaling (bench:build)" section of BENCHMARKS.md');
  }
  return 0;
});
