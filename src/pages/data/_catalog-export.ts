/**
 * The catalog as projects.json has it, built once per build and shared by the routes that
 * serialise it: projects.json itself, the per-project files and their index.
 */
import { catalog } from '../../data/catalog.ts';
import { projectsExport } from '../../data/exports/exports.ts';
import { exportUrls } from '../../data/exports/urls.ts';
import { absoluteUrl, routes } from '../../data/site/paths.ts';
import { crateCatalog } from '../../data/crates-catalog.ts';
import { cratesExport } from '../../data/exports/crates-export.ts';
import { safetyCatalog } from '../../data/safety-catalog.ts';
import { safetyExport } from '../../data/exports/safety-export.ts';

async function build(site: URL | undefined) {
  const { projects, sources } = await catalog();
  const body = projectsExport({ projects, sources, generated: new Date().toISOString(), urls: exportUrls(site) });
  const crateViews = await crateCatalog();
  const crates = cratesExport(crateViews, (name) => (crateViews.hasPage(name) ? absoluteUrl(routes.crate(name), site) : undefined));
  const safety = safetyExport(await safetyCatalog());
  return { ...body, crates, safety };
}

let built: ReturnType<typeof build> | undefined;

/** projects.json's document (the same object for every route of one build). */
export function catalogExport(site: URL | undefined): ReturnType<typeof build> {
  built ??= build(site);
  return built;
}
