/** `/rss.xml`: one item per change to a catalog entry, newest first (src/data/exports/feed.ts). */
import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { catalog } from '../data/catalog.ts';
import { FEED_DESCRIPTION, FEED_TITLE, feedItems } from '../data/exports/feed.ts';
import { absoluteUrl, routes } from '../data/site/paths.ts';
import { escapeXml } from '../og/svg.ts';

export const GET: APIRoute = async (context) => {
  const { projects, labels } = await catalog();
  return rss({
    title: FEED_TITLE,
    description: FEED_DESCRIPTION,
    // The channel link is the home page under the base, not the bare origin.
    site: absoluteUrl(routes.home(), context.site),
    // @astrojs/rss makes the link the guid; the change's own guid replaces it (customData is merged last).
    items: feedItems(projects, (slug) => absoluteUrl(routes.project(slug), context.site), labels).map(
      ({ guid, ...item }) => ({
        ...item,
        customData: `<guid isPermaLink="false">${escapeXml(guid)}</guid>`,
      }),
    ),
    // The feed names its own URL (under the base), as feed validators ask.
    xmlns: { atom: 'http://www.w3.org/2005/Atom' },
    customData: `<language>en</language><atom:link href="${absoluteUrl(routes.rss(), context.site)}" rel="self" type="application/rss+xml"/>`,
  });
};
