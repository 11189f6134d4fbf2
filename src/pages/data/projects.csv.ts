/** `/data/projects.csv`: one row per project (see /data/ for the columns). */
import type { APIRoute } from 'astro';
import { catalog } from '../../data/catalog.ts';
import { projectsCsv } from '../../data/exports/exports.ts';
import { absoluteUrl, routes } from '../../data/site/paths.ts';

export const GET: APIRoute = async ({ site }) => {
  const { projects } = await catalog();
  const csv = projectsCsv(projects, { project: (slug) => absoluteUrl(routes.project(slug), site) });
  return new Response(csv, { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
