/**
 * `site` and `base` for astro.config from environment variables, so a fork deploys
 * under its own GitHub Pages path with no code change. Defaults: served at `/`.
 */
export interface SiteOptions {
  site: string;
  base: string;
}

export function normaliseBase(raw: string | undefined): string {
  const trimmed = (raw ?? '').trim().replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
}

export function siteOptions(env: Record<string, string | undefined>): SiteOptions {
  const site = (env.SITE_URL ?? '').trim() || 'http://localhost:4321';
  let parsed: URL;
  try {
    parsed = new URL(site);
  } catch {
    throw new Error(`SITE_URL must be an absolute URL such as https://example.github.io, got "${site}"`);
  }
  return { site: parsed.origin, base: normaliseBase(env.BASE_PATH) };
}

/** Where contributors edit entries and report corrections: a fork's own repository on GitHub. */
export interface RepoOptions {
  /** e.g. https://github.com/owner/cncf-rust-catalog */
  url: string;
  branch: string;
}

export const DEFAULT_REPO_URL = 'https://github.com/cncf-rust-catalog/cncf-rust-catalog';

export function repoOptions(env: Record<string, string | undefined>): RepoOptions {
  const fromActions = env.GITHUB_REPOSITORY ? `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY}` : undefined;
  const url = (env.REPO_URL ?? '').trim() || fromActions || DEFAULT_REPO_URL;
  const branch = (env.REPO_BRANCH ?? '').trim() || 'main';
  return { url: url.replace(/\/+$/, ''), branch };
}

/** "Edit this page" and "Report a correction" links for one entry. */
export function contributionLinks(repo: RepoOptions, slug: string, name: string) {
  const file = `content/projects/${slug}.mdx`;
  const title = encodeURIComponent(`Correction: ${name}`);
  return {
    edit: `${repo.url}/edit/${repo.branch}/${file}`,
    correction: `${repo.url}/issues/new?template=correct-data.yml&title=${title}`,
  };
}

/** The repository itself and its contributing guide, for the header, footer and every mention of the guide. */
export function repoLinks(repo: RepoOptions) {
  return {
    repository: repo.url,
    contributing: `${repo.url}/blob/${repo.branch}/CONTRIBUTING.md`,
  };
}
