import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { contentGuard, ContentValidationError } from '../../src/integrations/content-guard.ts';
import { makeTree } from '../helpers/validation-tree.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

/** Run the guard's setup hook the way Astro does, on a fixture tree. */
function setup(overlay: string | undefined, command: 'build' | 'dev') {
  const tree = makeTree(overlay);
  cleanups.push(tree.cleanup);
  const logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const hook = contentGuard().hooks['astro:config:setup'] as (options: unknown) => void;
  const root = pathToFileURL(`${tree.root}/`);
  const run = () => hook({ config: { root, publicDir: new URL('./public', root) }, command, logger });
  return { run, logger };
}

describe('content guard integration', () => {
  it('lets a valid tree build', () => {
    const { run, logger } = setup(undefined, 'build');
    expect(run).not.toThrow();
    expect(logger.info).toHaveBeenCalledWith('content is valid (2 entries)');
  });

  it('stops astro build with every problem, the same lines as npm run validate', () => {
    const { run } = setup('component-props', 'build');
    expect(run).toThrow(ContentValidationError);
    expect(run).toThrow(/3 content problems[\s\S]*content\/projects\/beta\.mdx:25: mdx:component-props:[\s\S]*beta\.mdx:29:[\s\S]*beta\.mdx:33:/);
  });

  it('fails the build on what Astro only logs: a dangling reference and broken collection YAML', () => {
    expect(setup('unknown-category', 'build').run).toThrow(/alpha\.mdx:18: categories\[0\]: unknown category "databases"/);
    expect(setup('taxonomy-yaml', 'build').run).toThrow(/content\/maturity\.yaml:4: yaml:syntax/);
  });

  it('only warns in astro dev, so the server keeps running', () => {
    const { run, logger } = setup('script-tag', 'dev');
    expect(run).not.toThrow();
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('beta.mdx:25: mdx:forbidden-tag'));
  });
});
