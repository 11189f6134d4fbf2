/**
 * Lighthouse audit of the built site: `npm run audit [-- --write]` (after `npm run build:test`).
 * Serves dist/ under the base on 127.0.0.1 (the browser tests' static server), runs Lighthouse
 * with its default mobile emulation in Debian's Chromium (fresh profile per page) on the home
 * page, a project page, the projects table and the search page, prints the four category
 * scores and the key metrics, keeps the full reports in test-results/lighthouse/, and with
 * `--write` puts the table into BENCHMARKS.md. Exits 1 when a score is under 100.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runCli } from './lib/cli.ts';
import { CHROMIUM_FLAGS, chromiumPath } from './lib/chromium.ts';
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { startStaticServer } from './lib/static-server.ts';
import { replaceSection } from './lib/markdown-section.ts';

runCli('audit', async (argv) => {
  const { values } = parseArgs({
    args: argv,
    options: {
      write: { type: 'boolean', default: false },
      chromium: { type: 'string', default: chromiumPath() },
      /** A project page to audit; default: the heaviest one in dist/. */
      project: { type: 'string' },
    },
  });

  const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
  if (!existsSync('dist/index.html')) {
    console.error('dist/index.html is missing: run `npm run build:test` first.');
    return 2;
  }

  /** The project page with the most HTML: the one most likely to miss a budget. */
  function heaviestProject(): string {
    const slugs = readdirSync('dist/projects', { withFileTypes: true }).filter(
      (d) => d.isDirectory() && existsSync(join('dist/projects', d.name, 'index.html')),
    );
    if (slugs.length === 0) throw new Error('dist/projects/ has no project page: run `npm run build:test` first.');
    const size = (slug: string) => statSync(join('dist/projects', slug, 'index.html')).size;
    return slugs.map((d) => d.name).reduce((a, b) => (size(b) > size(a) ? b : a));
  }

  const project = values.project ?? heaviestProject();
  const PAGES: [string, string][] = [
    ['Home', '/'],
    [`Project page (${project})`, `/projects/${project}/`],
    ['Projects table', '/projects/'],
    ['Search page', '/search/'],
  ];

  interface Row {
    label: string;
    path: string;
    scores: Record<(typeof CATEGORIES)[number], number>;
    fcp: number;
    lcp: number;
    tbt: number;
    cls: number;
    bytes: number;
    requests: number;
    failing: string[];
  }

  const server = await startStaticServer();
  const rows: Row[] = [];
  mkdirSync('test-results/lighthouse', { recursive: true });
  try {
    for (const [label, path] of PAGES) {
      const profile = mkdtempSync(join(tmpdir(), 'lighthouse-chromium-'));
      const chrome = await launch({
        chromePath: values.chromium,
        chromeFlags: [...CHROMIUM_FLAGS],
        userDataDir: profile,
        logLevel: 'error',
      });
      try {
        const result = await lighthouse(server.url(path), {
          port: chrome.port,
          output: ['json', 'html'],
          logLevel: 'error',
          onlyCategories: [...CATEGORIES],
        });
        if (!result) throw new Error(`Lighthouse returned no result for ${path}`);
        const { lhr, report } = result;
        const name = path === '/' ? 'home' : path.replace(/^\/|\/$/g, '').replace(/\//g, '-');
        const [json, html] = report as string[];
        writeFileSync(`test-results/lighthouse/${name}.json`, json);
        writeFileSync(`test-results/lighthouse/${name}.html`, html);
        const audit = (id: string) => lhr.audits[id];
        const failing = CATEGORIES.flatMap((c) =>
          lhr.categories[c].auditRefs
            .filter((ref) => ref.weight > 0 && (audit(ref.id).score ?? 1) < 1)
            .map((ref) => `${c}: ${ref.id} (${audit(ref.id).displayValue ?? audit(ref.id).score})`),
        );
        rows.push({
          label,
          path,
          scores: Object.fromEntries(
            CATEGORIES.map((c) => [c, Math.round((lhr.categories[c].score ?? 0) * 100)]),
          ) as Row['scores'],
          fcp: audit('first-contentful-paint').numericValue ?? NaN,
          lcp: audit('largest-contentful-paint').numericValue ?? NaN,
          tbt: audit('total-blocking-time').numericValue ?? NaN,
          cls: audit('cumulative-layout-shift').numericValue ?? NaN,
          bytes: audit('total-byte-weight').numericValue ?? NaN,
          requests: ((audit('network-requests').details as { items?: unknown[] } | undefined)?.items ?? []).length,
          failing,
        });
        console.error(
          `${label}: ${CATEGORIES.map((c) => `${c} ${rows.at(-1)!.scores[c]}`).join(', ')}${failing.length ? `\n  below 1: ${failing.join('; ')}` : ''}`,
        );
      } finally {
        chrome.kill();
        rmSync(profile, { recursive: true, force: true });
      }
    }
  } finally {
    await server.close();
  }

  const version = JSON.parse(readFileSync('node_modules/lighthouse/package.json', 'utf8')).version as string;
  const body = [
    `\`npm run audit\`: Lighthouse ${version}, default mobile emulation (Moto G Power, simulated slow 4G and 4× CPU`,
    'slowdown), Debian Chromium headless with a fresh profile per page, dist/ from `npm run build:test`',
    'served under the base on 127.0.0.1 by scripts/lib/static-server.ts (no compression: byte',
    'counts are uncompressed transfer sizes). Full reports: test-results/lighthouse/.',
    '',
    '| Page | Performance | Accessibility | Best practices | SEO | FCP | LCP | TBT | CLS | Bytes | Requests |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.label} | ${r.scores.performance} | ${r.scores.accessibility} | ${r.scores['best-practices']} | ${r.scores.seo} | ${(r.fcp / 1000).toFixed(1)} s | ${(r.lcp / 1000).toFixed(1)} s | ${Math.round(r.tbt)} ms | ${r.cls.toFixed(3)} | ${(r.bytes / 1024).toFixed(1)} KB | ${r.requests} |`,
    ),
    '',
    ...(rows.some((r) => r.failing.length)
      ? [
          'Audits below full marks:',
          '',
          ...rows.filter((r) => r.failing.length).map((r) => `- ${r.label}: ${r.failing.join('; ')}`),
        ]
      : ['Every weighted audit passes on every page.']),
  ].join('\n');

  console.log(body);
  if (values.write) {
    writeFileSync(
      'BENCHMARKS.md',
      replaceSection(
        existsSync('BENCHMARKS.md') ? readFileSync('BENCHMARKS.md', 'utf8') : '# Benchmarks\n',
        'Lighthouse audit (audit)',
        body,
      ),
    );
    console.error('wrote the "Lighthouse audit (audit)" section of BENCHMARKS.md');
  }
  return rows.some((r) => CATEGORIES.some((c) => r.scores[c] < 100)) ? 1 : 0;
});
