/** `/badges/<slug>.svg`: the project's badge, with the figures of its page (see the Badge box on it). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { catalog, type CatalogProject } from '../../data/catalog.ts';
import { projectBadge } from '../../data/exports/badge.ts';
import { badgeSvg } from '../../og/badge.ts';

export const getStaticPaths = (async () => {
  const { projects } = await catalog();
  return projects.map((project) => ({ params: { slug: project.slug }, props: { project } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response(badgeSvg(projectBadge((props as { project: CatalogProject }).project)), {
    headers: { 'Content-Type': 'image/svg+xml' },
  });
