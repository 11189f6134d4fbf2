/** `/data/projects.json`: the whole catalog as one documented JSON file (see /data/). */
import type { APIRoute } from 'astro';
import { catalog } from '../../data/catalog.ts';
import { projectsExport } from '../../data/exports/exports.ts';
import { absoluteUrl, routes } from '../../data/site/paths.ts';
import { crateCatalog } from '../../data/crates-catalog.ts';
import { cratesExport } from '../../data/exports/crates-export.ts';
import { safetyCatalog } from '../../data/safety-catalog.ts';
import { safetyExport } from '../../data/exports/safety-export.ts';

export const GET: APIRoute = async ({ site }) => {
  const { projects, sources } = await catalog();
  const body = projectsExport({
    projects,
    sources,
    generated: new Date().toISOString(),
    urls: {
      home: absoluteUrl(routes.home(), site),
      project: (slug) => absoluteUrl(routes.project(slug), site),
      logo: (file) => absoluteUrl(`/logos/${file}`, site),
    },
  });
  const crateViews = await crateCatalog();
  const crates = cratesExport(crateViews, (name) => (crateViews.hasPage(name) ? absoluteUrl(routes.crate(name), site) : undefined));
  const safety = safetyExport(await safetyCatalog());
  return new Response(`${JSON.stringify({ ...body, crates, safety }, null, 2)}\n`, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
