/** Records Astro's `config.root` for build-time code that reads project files (lib/project-root.ts). */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { PROJECT_ROOT_ENV } from '../lib/project-root.ts';

export function projectRootIntegration(): AstroIntegration {
  return {
    name: 'cncf-rust-catalog:project-root',
    hooks: {
      'astro:config:setup': ({ config }) => {
        process.env[PROJECT_ROOT_ENV] = fileURLToPath(config.root);
      },
    },
  };
}
