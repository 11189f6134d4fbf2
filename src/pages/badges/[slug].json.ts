/** `/badges/<slug>.json`: the project's badge as a shields.io endpoint (https://shields.io/badges/endpoint-badge). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { catalog, type CatalogProject } from '../../data/catalog.ts';
import { projectBadge, shieldsEndpoint } from '../../data/exports/badge.ts';

export const getStaticPaths = (async () => {
  const { projects } = await catalog();
  return projects.map((project) => ({ params: { slug: project.slug }, props: { project } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response(`${JSON.stringify(shieldsEndpoint(projectBadge((props as { project: CatalogProject }).project)))}\n`, {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
