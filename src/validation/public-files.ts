/**
 * What public/ may hold. Astro copies public/ into the site unchanged, so a file there is
 * served from the site's origin without any check but this one: an allowlist of names, and
 * every SVG among them sanitized (logo-safety.ts). Anything else, an `.html`, an upper-case
 * `.SVG`, a nested folder, is an error naming the file. No script is on the list: the one the
 * pages load, `/theme.js`, is generated from src/client/theme.js (src/pages/theme.js.ts), so a
 * change to it is a change to src/, reviewed as code.
 */

/** Files at the top of public/ the site ships (`.nojekyll` must be empty). */
export const PUBLIC_ROOT_FILES = ['.nojekyll', 'favicon.svg'] as const;

const ALLOWED = [/^logos\/[a-z0-9][a-z0-9._-]*\.svg$/, /^figures\/[a-z0-9][a-z0-9._-]*\.svg$/];

export const PUBLIC_FILES_DOC = `${PUBLIC_ROOT_FILES.join(', ')}, logos/<name>.svg or figures/<name>.svg in lower case`;

/** Whether `rel` (a `/`-separated path inside public/) may be there. */
export function isPublicFile(rel: string): boolean {
  return (PUBLIC_ROOT_FILES as readonly string[]).includes(rel) || ALLOWED.some((re) => re.test(rel));
}
