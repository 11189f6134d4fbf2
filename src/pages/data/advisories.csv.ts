/** `/data/advisories.csv`: one row per project, repository, advisory and locked version (see /data/ for the columns). */
import type { APIRoute } from 'astro';
import { safetyCatalog } from '../../data/safety-catalog.ts';
import { advisoriesCsv } from '../../data/exports/safety-export.ts';

export const GET: APIRoute = async () => {
  const { perProject } = await safetyCatalog();
  return new Response(advisoriesCsv(perProject), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
