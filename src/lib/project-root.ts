/**
 * The project's root folder, for build-time code that reads files of the project (logos, the
 * favicon, the share-image worker). Pages are bundled into dist/ before they run, so their
 * `import.meta.url` says nothing about where the project is, and the working directory need
 * not be the project (`astro build --root <dir>`). The projectRoot integration records Astro's
 * `config.root` in the environment; tests and scripts, which run from the root, fall back to
 * the working directory.
 */
import { join } from 'node:path';

export const PROJECT_ROOT_ENV = 'CNCF_RUST_CATALOG_ROOT';

export function projectRoot(): string {
  return process.env[PROJECT_ROOT_ENV] || process.cwd();
}

/** A path under the project root. */
export const fromProjectRoot = (...parts: string[]): string => join(projectRoot(), ...parts);
