/** `/feed.json`: the RSS feed's items as a JSON Feed 1.1 (src/data/exports/feed.ts). */
import type { APIRoute } from 'astro';
import { catalog } from '../data/catalog.ts';
import { feedItems, jsonFeed } from '../data/exports/feed.ts';
import { absoluteUrl, routes } from '../data/site/paths.ts';

export const GET: APIRoute = async ({ site }) => {
  const { projects, labels } = await catalog();
  const items = feedItems(projects, (slug) => absoluteUrl(routes.project(slug), site), labels);
  const feed = jsonFeed(items, { home: absoluteUrl(routes.home(), site), feed: absoluteUrl(routes.jsonFeed(), site) });
  return new Response(`${JSON.stringify(feed, null, 1)}\n`, {
    headers: { 'Content-Type': 'application/feed+json; charset=utf-8' },
  });
};
