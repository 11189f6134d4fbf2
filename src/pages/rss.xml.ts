/** `/rss.xml`: one item per catalog entry, dated by its `updated`, newest first. */
import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { catalog } from '../data/catalog.ts';
import { feedItems } from '../data/feed.ts';
import { absoluteUrl, routes } from '../data/paths.ts';

export const GET: APIRoute = async (context) => {
  const { projects, labels } = await catalog();
  return rss({
    title: 'CNCF Rust Catalog: entry updates',
    description: 'Each entry of the CNCF Rust Catalog, newest update first: CNCF projects built with Rust, their maturity and measured Rust code.',
    // The channel link is the home page under the base, not the bare origin.
    site: absoluteUrl(routes.home(), context.site),
    items: feedItems(projects, (slug) => absoluteUrl(routes.project(slug), context.site), labels),
    // The feed names its own URL (under the base), as feed validators ask.
    xmlns: { atom: 'http://www.w3.org/2005/Atom' },
    customData: `<language>en</language><atom:link href="${absoluteUrl(routes.rss(), context.site)}" rel="self" type="application/rss+xml"/>`,
  });
};
