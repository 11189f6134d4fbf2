/** 180×180 home-screen icon from public/favicon.svg, on white (iOS shows transparency as black). */
import type { APIRoute } from 'astro';
import { readFileSync } from 'node:fs';
import { fromProjectRoot } from '../lib/project-root.ts';
import { iconSvg } from '../lib/og-image.ts';
import { renderPng } from '../lib/render-png.ts';

export const GET: APIRoute = () => {
  const favicon = readFileSync(fromProjectRoot('public/favicon.svg'), 'utf8');
  return new Response(renderPng(iconSvg(favicon, 180)), { headers: { 'Content-Type': 'image/png' } });
};
