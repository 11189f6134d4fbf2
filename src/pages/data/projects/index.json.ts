/** `/data/projects/index.json`: every project with its headline figures and the URL of its own file (see /data/). */
import type { APIRoute } from 'astro';
import { projectsIndex } from '../../../data/exports/project-api.ts';
import { absoluteUrl, routes } from '../../../data/site/paths.ts';
import { catalogExport } from '../_catalog-export.ts';

export const GET: APIRoute = async ({ site }) => {
  const doc = await catalogExport(site);
  const index = projectsIndex(doc.projects, { generated: doc.generated, site: doc.site, file: (slug) => absoluteUrl(routes.projectJson(slug), site) });
  return new Response(`${JSON.stringify(index, null, 1)}\n`, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
