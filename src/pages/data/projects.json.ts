/** `/data/projects.json`: the whole catalog as one documented JSON file (see /data/). */
import type { APIRoute } from 'astro';
import { catalogExport } from './_catalog-export.ts';

export const GET: APIRoute = async ({ site }) =>
  new Response(`${JSON.stringify(await catalogExport(site), null, 2)}\n`, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
