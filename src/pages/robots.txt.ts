/** `/robots.txt`: everything may be crawled; the sitemap's URL carries the base path. */
import type { APIRoute } from 'astro';
import { absoluteUrl, routes } from '../data/site/paths.ts';

export const GET: APIRoute = ({ site }) =>
  new Response(`User-agent: *\nAllow: /\n\nSitemap: ${absoluteUrl(routes.sitemap(), site)}\n`, {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
