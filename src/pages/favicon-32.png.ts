/** 32×32 PNG favicon from public/favicon.svg, for browsers that do not take SVG icons. */
import type { APIRoute } from 'astro';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderPng } from '../lib/render-png.ts';

export const GET: APIRoute = () => {
  const favicon = readFileSync(join(process.cwd(), 'public/favicon.svg'), 'utf8');
  return new Response(renderPng(favicon, { width: 32 }), { headers: { 'Content-Type': 'image/png' } });
};
