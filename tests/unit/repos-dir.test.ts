/** The repositories directory of the maintainer tools: an option, an environment variable, or `.repos/` here. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_REPOS_DIR, REPOS_ENV, reposDir } from '../../scripts/lib/repos-dir.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('reposDir', () => {
  it('takes the option first, then $CATALOG_REPOS, then .repos/ at the repository root', () => {
    expect(reposDir('some/dir', { [REPOS_ENV]: '/elsewhere' })).toBe(path.resolve('some/dir'));
    expect(reposDir(undefined, { [REPOS_ENV]: '/elsewhere' })).toBe('/elsewhere');
    expect(reposDir(undefined, {})).toBe(path.join(ROOT, '.repos'));
    expect(DEFAULT_REPOS_DIR).toBe(path.join(ROOT, '.repos'));
  });

  it('keeps the default out of git', () => {
    expect(readFileSync(path.join(ROOT, '.gitignore'), 'utf8').split('\n')).toContain('/.repos/');
  });
});
