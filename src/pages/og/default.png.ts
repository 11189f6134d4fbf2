/** The catalog's default share image (1200×630 PNG), for every page but project pages. */
import type { APIRoute } from 'astro';
import { catalog } from '../../data/catalog.ts';
import { formatCompact, plural } from '../../data/views/format.ts';
import { siteCardSvg } from '../../og/og-image.ts';
import { renderPng } from '../../og/render-png.ts';

export const GET: APIRoute = async () => {
  const { stats } = await catalog();
  const svg = siteCardSvg({
    title: 'CNCF Rust Catalog',
    tagline: 'Every CNCF project built with Rust: maturity, measured Rust code and sources.',
    figures: [
      `${plural(stats.rustProjects, 'project')} with Rust`,
      `${formatCompact(stats.totals.lines)} lines of Rust`,
    ],
  });
  return new Response(renderPng(svg), { headers: { 'Content-Type': 'image/png' } });
};
