/** `/data/datapackage.json`: the CSV files as a Frictionless Tabular Data Package (see /data/). */
import type { APIRoute } from 'astro';
import { dataPackage } from '../../data/exports/datapackage.ts';
import { absoluteUrl, routes } from '../../data/site/paths.ts';

export const GET: APIRoute = ({ site }) =>
  new Response(`${JSON.stringify(dataPackage({ homepage: absoluteUrl(routes.data(), site), created: new Date().toISOString() }), null, 2)}\n`, {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
