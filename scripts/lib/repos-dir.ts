/**
 * Where the maintainer tools find their git copies of the projects' repositories (`history`,
 * `crates`, `bench:history`): the directory given on the command line, else $CATALOG_REPOS,
 * else `.repos/` at the repository root (git-ignored, so clones never end up in a commit).
 * Nothing here names a machine: a contributor points the tools at their own copies.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The environment variable that names the directory when no option does. */
export const REPOS_ENV = 'CATALOG_REPOS';

/** `.repos/` at the repository root. */
export const DEFAULT_REPOS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..', '.repos');

/** The repositories directory: `option`, else $CATALOG_REPOS, else `.repos/` (absolute). */
export function reposDir(option?: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(option || env[REPOS_ENV] || DEFAULT_REPOS_DIR);
}
