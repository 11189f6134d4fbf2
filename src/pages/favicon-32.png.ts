/** 32×32 PNG favicon from public/favicon.svg, for browsers that do not take SVG icons. */
import type { APIRoute } from 'astro';
import { readFileSync } from 'node:fs';
import { fromRepoRoot } from '../data/site/repo-root.ts';
import { renderPng } from '../og/render-png.ts';

export const GET: APIRoute = () => {
  const favicon = readFileSync(fromRepoRoot('public/favicon.svg'), 'utf8');
  return new Response(renderPng(favicon, { width: 32 }), { headers: { 'Content-Type': 'image/png' } });
};
