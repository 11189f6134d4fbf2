/** Share image of each project (1200×630 PNG), rendered at build time. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { readFileSync } from 'node:fs';
import { fromRepoRoot } from '../../data/site/repo-root.ts';
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
  const where = `the share image of content/projects/${project.slug}.mdx (logo public/logos/${project.logo})`;
  let png: Uint8Array<ArrayBuffer>;
  try {
    const logo = readFileSync(fromRepoRoot('public/logos', project.logo), 'utf8');
    png = await renderPngAsync(projectCardSvg(projectCard(project, labels, logo)), { background: OG_BACKGROUND });
  } catch (error) {
    // Every build failure names the entry and logo that caused it.
    throw new Error(`${where}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return new Response(png, { headers: { 'Content-Type': 'image/png' } });
};
