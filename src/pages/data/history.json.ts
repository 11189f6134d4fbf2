/** `/data/history.json`: every entry's Rust over time, as `npm run history` recorded it (data/history.json, validated). */
import type { APIRoute } from 'astro';
import { catalog } from '../../data/catalog.ts';

export const GET: APIRoute = async () => {
  const { history } = await catalog();
  const records = [...history.byProject.values()].map((t) => t.history).sort((a, b) => a.id.localeCompare(b.id));
  return new Response(`${JSON.stringify(records, null, 1)}\n`, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
