/** The absolute URLs every export links with, built once from Astro's `site` and the base path. */
import { absoluteUrl, routes } from '../site/paths.ts';
import type { ExportUrls } from './exports.ts';

export function exportUrls(site: URL | string | undefined): ExportUrls {
  return {
    home: absoluteUrl(routes.home(), site),
    project: (slug) => absoluteUrl(routes.project(slug), site),
    logo: (file) => absoluteUrl(`/logos/${file}`, site),
  };
}
