/**
 * Every file the catalog offers for download, said once: the `Dataset` structured data of
 * /data/ lists them as its distribution, and datapackage.json describes the CSV ones.
 */
import { routes } from '../site/paths.ts';

export interface DataFile {
  /** Site path (without the base). */
  path: string;
  /** IANA media type. */
  mediaType: string;
  /** What the file holds, in a sentence. */
  description: string;
}

export const DATA_FILES = {
  projects_json: { path: routes.projectsJson(), mediaType: 'application/json', description: 'The whole catalog: every project with every field, totals, sources, crates and safety.' },
  projects_index: { path: routes.projectsIndexJson(), mediaType: 'application/json', description: "Every project's headline figures and the URL of its own file, /data/projects/<slug>.json." },
  projects: { path: routes.projectsCsv(), mediaType: 'text/csv', description: 'One row per project.' },
  repositories: { path: routes.repositoriesCsv(), mediaType: 'text/csv', description: 'One row per measured repository.' },
  crates: { path: routes.cratesCsv(), mediaType: 'text/csv', description: 'One row per project and Rust crate it uses.' },
  advisories: { path: routes.advisoriesCsv(), mediaType: 'text/csv', description: 'One row per project, repository, RustSec advisory and locked version.' },
  history: { path: routes.historyJson(), mediaType: 'application/json', description: "Rust over time: each project's Rust repositories counted at the last commit of every year and at its CNCF dates." },
  datapackage: { path: routes.dataPackage(), mediaType: 'application/json', description: 'A Frictionless Data Package describing the CSV files with Table Schemas.' },
  rss: { path: routes.rss(), mediaType: 'application/rss+xml', description: 'Entry updates as an RSS feed.' },
  json_feed: { path: routes.jsonFeed(), mediaType: 'application/feed+json', description: 'Entry updates as a JSON Feed 1.1.' },
} as const satisfies Record<string, DataFile>;

/**
 * A file's name as the /data/ page writes it, relative to /data/ (where datapackage.json lies):
 * "/data/projects.csv" → "projects.csv", "/data/projects/index.json" → "projects/index.json",
 * "/rss.xml" → "rss.xml".
 */
export const fileName = (path: string): string => path.replace(/^\/(?:data\/)?/, '');

/**
 * The licence of the catalog's data and code (package.json's `license`, CITATION.cff's
 * `license`; a unit test holds the three together).
 */
export const DATA_LICENSE = { spdx: 'Apache-2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' } as const;
