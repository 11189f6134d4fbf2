/**
 * Page weights of the built site: `npm run report:weight [-- --dist dist --base /cncf-rust-catalog/ --write]`.
 * Measures what each kind of page costs on arrival (HTML, CSS, JS, gzipped; requests), through
 * the same module as the budget tests (scripts/lib/page-weight.ts), and with `--write` puts the
 * table into BENCHMARKS.md beside the figure for landscape.cncf.io.
 */
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { runCli } from './lib/cli.ts';
import { BADGE_BUDGET_BYTES, gzipSize, pageWeight, resolvePath, type PageWeight } from './lib/page-weight.ts';
import { distReader } from './lib/dist-reader.ts';
import { replaceSection } from './lib/markdown-section.ts';
import { LOGO_BUDGET_BYTES } from './lib/logo.ts';

runCli('report:weight', async (argv) => {
  const { values } = parseArgs({
    args: argv,
    options: {
      dist: { type: 'string', default: 'dist' },
      base: { type: 'string', default: '/cncf-rust-catalog/' },
      write: { type: 'boolean', default: false },
    },
  });
  const dist = values.dist!;
  const base = values.base!;
  if (!existsSync(join(dist, 'index.html'))) {
    console.error(`${dist}/index.html is missing: run \`npm run build:test\` first.`);
    return 2;
  }
  const read = distReader(dist, base);

  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const full = join(dir, name);
      return statSync(full).isDirectory() ? files(full) : [relative(dist, full).split('\\').join('/')];
    });
  const pages = files(dist).filter((f) => f.endsWith('.html'));

  interface Measured {
    file: string;
    weight: PageWeight;
    images: number;
    imageGzip: number;
  }

  function measure(file: string): Measured {
    const html = readFileSync(join(dist, file), 'utf8');
    const path = base + file.replace(/index\.html$/, '');
    const weight = pageWeight(html, path, read);
    const srcs = [...new Set([...html.matchAll(/<img\b[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]))];
    const bytes = srcs.map((src) => {
      const p = resolvePath(src, path);
      return p ? read(p) : undefined;
    });
    // SVG is text and served compressed; PNG is already compressed.
    const imageGzip = bytes.reduce((s, b, i) => s + (b ? (srcs[i].endsWith('.svg') ? gzipSize(b) : b.length) : 0), 0);
    return { file, weight, images: srcs.length, imageGzip };
  }

  const groups: [string, RegExp][] = [
    ['Home', /^index\.html$/],
    ['Projects table', /^projects\/index\.html$/],
    ['Project page', /^projects\/[^/]+\/index\.html$/],
    ['Maturity / category / usage page', /^(?:maturity|categories|rust-usage)\/(?:[^/]+\/)?index\.html$/],
    ['Charts', /^charts\/index\.html$/],
    ['Timeline', /^timeline\/index\.html$/],
    ['Search page', /^search\/index\.html$/],
  ];

  const kb = (n: number) => (n / 1024).toFixed(1);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
  const sum = (list: { gzip: number }[]) => list.reduce((s, a) => s + a.gzip, 0);

  const rows: string[] = [];
  for (const [label, pattern] of groups) {
    const measured = pages.filter((f) => pattern.test(f)).map(measure);
    if (measured.length === 0) continue;
    // The heaviest page of the group stands for it; the median is given where there are several.
    const heaviest = measured.reduce((a, b) => (b.weight.totalGzip > a.weight.totalGzip ? b : a));
    const w = heaviest.weight;
    const name =
      measured.length > 1
        ? `${label} (heaviest of ${measured.length}: ${heaviest.file.replace(/\/?index\.html$/, '/')}; median total ${kb(median(measured.map((m) => m.weight.totalGzip)))})`
        : label;
    rows.push(
      `| ${name} | ${kb(w.html.gzip)} | ${kb(sum(w.css))} | ${kb(sum(w.js))} | **${kb(w.totalGzip)}** | ${w.requests} | ${heaviest.images} (${kb(heaviest.imageGzip)}) |`,
    );
  }

  const logoFiles = files(join(dist, 'logos'));
  const logos = logoFiles.map((f) => statSync(join(dist, f)).size);
  const logosSent = logoFiles.map((f) => gzipSize(readFileSync(join(dist, f))));
  const badges = existsSync(join(dist, 'badges'))
    ? files(join(dist, 'badges'))
        .filter((f) => f.endsWith('.svg'))
        .map((f) => statSync(join(dist, f)).size)
    : [];
  const body = [
    'Measured by `npm run report:weight` on `dist/` as built by `npm run build:test` (the same',
    'module as tests/site/budgets.test.ts). Sizes in KB (1,024 bytes), each file gzipped on its own',
    '(level 6), as a static host sends it. "Requests" counts what the page needs before it is',
    'usable: the HTML, its stylesheets and its scripts (static imports included; the search code',
    'is fetched only when a reader starts to search). Images (logos, lazy-loaded in tables) are',
    'listed apart.',
    '',
    '| Page | HTML | CSS | JS | Total | Requests | Images (KB) |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows,
    '',
    `Logos: ${logos.length} files, ${kb(logos.reduce((a, b) => a + b, 0))} KB on disk in all, largest ${kb(Math.max(...logos))} KB on disk and ${kb(Math.max(...logosSent))} KB gzipped (budget: ${kb(LOGO_BUDGET_BYTES)} KB each as sent).`,
    ...(badges.length > 0
      ? [
          '',
          `Badges (/badges/<slug>.svg, shown on each project page and embedded in READMEs): ${badges.length} files, ${Math.min(...badges)} to ${Math.max(...badges)} bytes on disk (budget: ${BADGE_BUDGET_BYTES} bytes each, uncompressed).`,
        ]
      : []),
    '',
    '### Against landscape.cncf.io',
    '',
    '| | landscape.cncf.io | CNCF Rust Catalog (project page) |',
    '|---|---:|---:|',
    (() => {
      const project = pages.filter((f) => /^projects\/[^/]+\/index\.html$/.test(f)).map(measure);
      const heaviest = project.reduce((a, b) => (b.weight.totalGzip > a.weight.totalGzip ? b : a));
      return [
        `| JavaScript before any data, gzipped | about 216 KB (its app shell) | ${kb(sum(heaviest.weight.js))} KB (theme switch and search loader) |`,
        `| HTML + CSS + JS on arrival, gzipped | at least 216 KB, before the data it loads | ${kb(heaviest.weight.totalGzip)} KB |`,
        `| Requests before the page is usable | not measured here | ${heaviest.weight.requests} |`,
      ].join('\n');
    })(),
    '',
    'The landscape figure was not measured here (this machine cannot reach landscape.cncf.io).',
    'Ours is the heaviest project page, which also works without JavaScript.',
  ].join('\n');

  console.log(body);
  if (values.write) {
    const file = 'BENCHMARKS.md';
    const before = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
    writeFileSync(file, replaceSection(before, 'Page weight (report:weight)', body));
    console.error(`\nwrote the "Page weight (report:weight)" section of ${file}`);
  }
  return 0;
});
