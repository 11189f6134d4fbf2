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
