import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { contentGuard, ContentValidationError } from '../../src/integrations/content-guard.ts';
import { THREE_BODY_PROBLEMS, betaBody, edit, makeTree, type TreeEdit } from '../helpers/validation-tree.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

/** Run the guard's setup hook the way Astro does, on a fixture tree. */
function setup(change: readonly TreeEdit[] | undefined, command: 'build' | 'dev') {
  const tree = makeTree(change);
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
    const { run } = setup(THREE_BODY_PROBLEMS, 'build');
    expect(run).toThrow(ContentValidationError);
    expect(run).toThrow(
      /3 content problems[\s\S]*content\/projects\/beta\.mdx:25: mdx:unknown-component:[\s\S]*beta\.mdx:29:[\s\S]*beta\.mdx:31:/,
    );
  });

  it('fails the build on what Astro only logs: a dangling reference and broken collection YAML', () => {
    expect(setup([edit('content/projects/alpha.mdx', '  - storage\n', '  - databases\n')], 'build').run).toThrow(
      /alpha\.mdx:18: categories\[0\]: unknown category "databases"/,
    );
    expect(
      setup(
        [
          edit(
            'content/maturity.yaml',
            /description: Early-stage projects\.\n[\s\S]*$/,
            'description: "Early-stage projects.\n- id: incubating\n',
          ),
        ],
        'build',
      ).run,
    ).toThrow(/content\/maturity\.yaml:4: yaml:syntax/);
  });

  it('only warns in astro dev, so the server keeps running', () => {
    const { run, logger } = setup(betaBody('<script>alert(1)</script>'), 'dev');
    expect(run).not.toThrow();
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('beta.mdx:25: mdx:forbidden-tag'));
  });
});
