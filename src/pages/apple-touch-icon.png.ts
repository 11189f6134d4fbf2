/** 180×180 home-screen icon from public/favicon.svg, on white (iOS shows transparency as black). */
import type { APIRoute } from 'astro';
import { readFileSync } from 'node:fs';
import { fromRepoRoot } from '../data/site/repo-root.ts';
import { iconSvg } from '../og/og-image.ts';
import { renderPng } from '../og/render-png.ts';

export const GET: APIRoute = () => {
  const favicon = readFileSync(fromRepoRoot('public/favicon.svg'), 'utf8');
  return new Response(renderPng(iconSvg(favicon, 180)), { headers: { 'Content-Type': 'image/png' } });
};
