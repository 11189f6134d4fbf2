// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { siteOptions } from './src/lib/site-options.ts';
import { contentGuard } from './src/integrations/content-guard.ts';

// `SITE_URL` and `BASE_PATH` come from the environment so a fork can deploy to its own
// GitHub Pages path without editing code (see .github/workflows/deploy.yml).
const { site, base } = siteOptions(process.env);

export default defineConfig({
  site,
  base,
  trailingSlash: 'always',
  build: { format: 'directory' },
  integrations: [contentGuard(), mdx()],
});
