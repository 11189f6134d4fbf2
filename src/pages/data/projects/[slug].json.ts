/** `/data/projects/<slug>.json`: one project's object of projects.json, with its history and crates (see /data/). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { catalog } from '../../../data/catalog.ts';
import { projectFile } from '../../../data/exports/project-api.ts';
import { catalogExport } from '../_catalog-export.ts';

export const getStaticPaths = (async () => {
  const { projects } = await catalog();
  // index.json is the list of these files: an entry named "index" would overwrite it.
  if (projects.some((p) => p.slug === 'index')) throw new Error('an entry may not be named "index": /data/projects/index.json lists the entries');
  return projects.map((p) => ({ params: { slug: p.slug } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params, site }) => {
  const doc = await catalogExport(site);
  const { history } = await catalog();
  const project = doc.projects.find((p) => p.slug === params.slug)!;
  const file = projectFile(project, history.byProject.get(project.slug)?.history, doc.crates);
  return new Response(`${JSON.stringify(file, null, 1)}\n`, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
