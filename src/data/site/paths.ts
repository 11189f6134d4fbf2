/**
 * The one place that joins the site's base path. `import.meta.env.BASE_URL` has no trailing
 * slash in Astro 7 (`/cncf-rust-catalog`), or is `/` at the root; every internal link and
 * asset URL goes through `withBase` so the site works under a GitHub Pages sub-path.
 */
export function joinBase(base: string, path: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('//') || path.startsWith('#')) return path;
  const prefix = base.replace(/\/+$/, '');
  const rest = path.replace(/^\/+/, '');
  return `${prefix}/${rest}`;
}

export function withBase(path: string): string {
  return joinBase(import.meta.env.BASE_URL ?? '/', path);
}

/** Absolute URL of a site path with the base, for feeds, exports and share metadata. */
export function absoluteUrl(path: string, site: URL | string | undefined): string {
  if (!site) throw new Error('absolute URLs need `site` in astro.config (set SITE_URL)');
  return new URL(withBase(path), site).href;
}

/** Site-relative paths of the catalog's pages, so routes are spelled once. */
export const routes = {
  home: () => '/',
  projects: () => '/projects/',
  project: (slug: string) => `/projects/${slug}/`,
  maturityIndex: () => '/maturity/',
  maturity: (level: string) => `/maturity/${level}/`,
  categories: () => '/categories/',
  category: (slug: string) => `/categories/${slug}/`,
  rustUsageIndex: () => '/rust-usage/',
  rustUsage: (usage: string) => `/rust-usage/${usage}/`,
  dataNotes: () => '/data-notes/',
  report: () => '/report/',
  sources: () => '/sources/',
  source: (id: string) => `/sources/#${id}`,
  charts: () => '/charts/',
  timeline: () => '/timeline/',
  data: () => '/data/',
  projectsJson: () => '/data/projects.json',
  projectsCsv: () => '/data/projects.csv',
  repositoriesCsv: () => '/data/repositories.csv',
  historyJson: () => '/data/history.json',
  projectJson: (slug: string) => `/data/projects/${slug}.json`,
  projectsIndexJson: () => '/data/projects/index.json',
  dataPackage: () => '/data/datapackage.json',
  badgeSvg: (slug: string) => `/badges/${slug}.svg`,
  badgeJson: (slug: string) => `/badges/${slug}.json`,
  crates: () => '/crates/',
  crate: (name: string) => `/crates/${name}/`,
  cratesCsv: () => '/data/crates.csv',
  safety: () => '/safety/',
  advisoriesCsv: () => '/data/advisories.csv',
  rss: () => '/rss.xml',
  jsonFeed: () => '/feed.json',
  sitemap: () => '/sitemap-index.xml',
  ogImage: (slug: string) => `/og/${slug}.png`,
  ogDefault: () => '/og/default.png',
  search: () => '/search/',
} as const;
