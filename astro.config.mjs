// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { satteri } from '@astrojs/markdown-satteri';
import sitemap from '@astrojs/sitemap';
import { siteOptions } from './src/data/site/site-options.ts';
import { contentGuard } from './src/integrations/content-guard.ts';
import { blockSeparators } from './src/integrations/block-separators.ts';
import { pagefindIndex } from './src/integrations/pagefind-index.ts';
import { repoRootIntegration } from './src/data/site/repo-root.ts';
import { citationMarkers } from './src/integrations/citation-markers.ts';

// `SITE_URL` and `BASE_PATH` come from the environment so a fork can deploy to its own
// GitHub Pages path without editing code (see .github/workflows/deploy.yml).
const { site, base } = siteOptions(process.env);

export default defineConfig({
  site,
  base,
  trailingSlash: 'always',
  // No inline <style>: the Content-Security-Policy (src/data/site/csp.ts) allows style-src 'self' only.
  // concurrency: the projects' share images render in worker processes, one per core (render-pool.ts);
  // 4 routes at a time keep every worker fed (bench:build, BENCHMARKS.md).
  build: { format: 'directory', inlineStylesheets: 'never', concurrency: 4 },
  // sitemap() leaves the 404 page out by default; the filter keeps it so.
  integrations: [
    repoRootIntegration(),
    contentGuard(),
    // Entry bodies cite with [^id] markers; the plugin turns each into a numbered link to its evidence.
    mdx({ processor: satteri({ hastPlugins: [citationMarkers({ base })] }) }),
    // Before the search index: Pagefind's excerpts read the separated text.
    blockSeparators(),
    pagefindIndex(),
    sitemap({ filter: (page) => !/\/404\/?$/.test(new URL(page).pathname) }),
  ],
  // Never inline scripts into the HTML: every script stays an external file under /_astro/, so a
  // Content-Security-Policy can allow scripts with 'self' alone (no 'unsafe-inline', no hashes).
  vite: { build: { assetsInlineLimit: (file) => (file.endsWith('.js') ? false : undefined) } },
});
