/**
 * Reads a built site (dist/) the way a static host serves it under the base path: a URL path
 * such as `/base/projects/x/` maps to `dist/projects/x/index.html`. For page-weight.ts and the
 * link crawler's tests; nothing outside the directory is readable.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';

/** The file under `dir` that URL path `pathname` is served from, relative to `dir`, or undefined. */
export function distFileFor(dir: string, base: string, pathname: string): string | undefined {
  if (!pathname.startsWith(base)) return undefined;
  let rest: string;
  try {
    rest = decodeURIComponent(pathname.slice(base.length));
  } catch {
    return undefined;
  }
  const root = resolve(dir);
  const candidates = rest === '' || rest.endsWith('/') ? [`${rest}index.html`] : [rest, `${rest}/index.html`];
  return candidates.find((c) => {
    const full = resolve(root, c);
    return (full === root || full.startsWith(root + sep)) && existsSync(full) && statSync(full).isFile();
  });
}

/** A `ReadAsset` (see page-weight.ts) over `dir` served under `base`. */
export function distReader(dir: string, base: string): (pathname: string) => Uint8Array | undefined {
  return (pathname) => {
    const file = distFileFor(dir, base, pathname);
    return file ? readFileSync(join(dir, file)) : undefined;
  };
}
