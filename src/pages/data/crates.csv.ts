/** `/data/crates.csv`: one row per project and crate it uses (see /data/ for the columns). */
import type { APIRoute } from 'astro';
import { crateCatalog } from '../../data/crates-catalog.ts';
import { cratesCsv } from '../../data/exports/crates-export.ts';
import { absoluteUrl, routes } from '../../data/site/paths.ts';

export const GET: APIRoute = async ({ site }) => {
  const { shared, hasPage } = await crateCatalog();
  return new Response(cratesCsv(shared, (name) => (hasPage(name) ? absoluteUrl(routes.crate(name), site) : undefined)), {
    headers: { 'Content-Type': 'text/csv; charset=utf-8' },
  });
};
