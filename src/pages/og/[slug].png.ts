/** Share image of each project (1200×630 PNG), rendered at build time. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { readFileSync } from 'node:fs';
import { fromRepoRoot } from '../../integrations/repo-root.ts';
import { catalog, type CatalogProject } from '../../data/catalog.ts';
import { OG_BACKGROUND, projectCard, projectCardSvg } from '../../og/og-image.ts';
import { renderPngAsync } from '../../og/render-pool.ts';

export const getStaticPaths = (async () => {
  const { projects } = await catalog();
  return projects.map((project) => ({ params: { slug: project.slug }, props: { project } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) => {
  const { project } = props as { project: CatalogProject };
  const { labels } = await catalog();
  const logo = readFileSync(fromRepoRoot('public/logos', project.logo), 'utf8');
  const png = await renderPngAsync(projectCardSvg(projectCard(project, labels, logo)), { background: OG_BACKGROUND });
  return new Response(png, { headers: { 'Content-Type': 'image/png' } });
};
