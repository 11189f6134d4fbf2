/**
 * Refuses to build the site from broken content. Astro 7 only logs a `reference()` to a
 * missing entry or a `file()` collection whose YAML does not parse, and still exits 0; this
 * integration runs the same validation as `npm run validate` before the build starts and
 * throws with every problem, so a broken entry never produces a site. In `astro dev` the
 * problems are logged instead, so the server keeps running while they are fixed.
 */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { formatProblem, validateContent } from '../validation/index.ts';

export class ContentValidationError extends Error {
  override name = 'ContentValidationError';
}

export function contentGuard(): AstroIntegration {
  return {
    name: 'cncf-rust-catalog:content-guard',
    hooks: {
      'astro:config:setup': ({ config, command, logger }) => {
        const root = fileURLToPath(config.root);
        const report = validateContent({
          contentDir: fileURLToPath(new URL('./content/', config.root)),
          publicDir: fileURLToPath(config.publicDir),
          dataDir: fileURLToPath(new URL('./data/', config.root)),
          cwd: root,
        });
        if (report.problems.length === 0) {
          logger.info(`content is valid (${report.entries} entries)`);
          return;
        }
        const lines = report.problems.map(formatProblem);
        const heading = `${lines.length} content problem${lines.length === 1 ? '' : 's'} (run \`npm run validate\` for the same list):`;
        if (command === 'build') throw new ContentValidationError(`${heading}\n${lines.join('\n')}`);
        logger.warn(`${heading}\n${lines.join('\n')}`);
      },
    },
  };
}

export default contentGuard;
