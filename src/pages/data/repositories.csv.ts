/** `/data/repositories.csv`: one row per measured repository (see /data/ for the columns). */
import type { APIRoute } from 'astro';
import { catalog } from '../../data/catalog.ts';
import { repositoriesCsv } from '../../data/exports/exports.ts';

export const GET: APIRoute = async () => {
  const { projects } = await catalog();
  return new Response(repositoriesCsv(projects), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
