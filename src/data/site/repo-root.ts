/**
 * The repository's root folder, for build-time code that reads files of the repository (logos,
 * the favicon, the share-image worker). Pages are bundled into dist/ before they run, so their
 * `import.meta.url` says nothing about where the repository is, and the working directory need
 * not be its root (`astro build --root <dir>`). The integration below records Astro's
 * `config.root` in the environment; tests and scripts, which run from the root, fall back to
 * the working directory.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

export const REPO_ROOT_ENV = 'CNCF_RUST_CATALOG_ROOT';

export function repoRoot(): string {
  return process.env[REPO_ROOT_ENV] || process.cwd();
}

/** A path under the repository root. */
export const fromRepoRoot = (...parts: string[]): string => join(repoRoot(), ...parts);

export function repoRootIntegration(): AstroIntegration {
  return {
    name: 'cncf-rust-catalog:repo-root',
    hooks: {
      'astro:config:setup': ({ config }) => {
        process.env[REPO_ROOT_ENV] = fileURLToPath(config.root);
      },
    },
  };
}
