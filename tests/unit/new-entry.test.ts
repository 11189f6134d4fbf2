import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadYaml } from '../../src/validation/safe-yaml.ts';
import { splitEntry } from '../../src/validation/entry-file.ts';
import { afterEach, describe, expect, it } from 'vitest';
import type { LandscapeProject } from '../../scripts/lib/landscape.ts';
import {
  findLandscapeItem,
  placeholderLogo,
  scaffoldEntry,
  titleFromSlug,
  toHttps,
} from '../../scripts/lib/new-entry.ts';
import { formatProblem, validateContent } from '../../src/validation/index.ts';
import { projectFrontmatterSchema } from '../../src/schemas/project.ts';
import { makeTree } from '../helpers/validation-tree.ts';

const curve: LandscapeProject = {
  name: 'Curve',
  maturity: 'archived',
  category: 'Runtime',
  subcategory: 'Cloud Native Storage',
  homepage: 'http://www.opencurve.io/',
  repository: 'https://github.com/opencurve/curve',
  logo: 'curve.svg',
  dates: { accepted: '2022-06-17', archived: '2024-10-26' },
};

const frontmatter = (text: string) => loadYaml(splitEntry(text)!.yaml) as Record<string, unknown>;

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

describe('scaffoldEntry', () => {
  it('prefills landscape facts and upgrades http links to https', () => {
    const text = scaffoldEntry({
      slug: 'curve',
      item: curve,
      categoryId: 'storage',
      sourceIds: ['cncf-landscape'],
      today: '2026-11-22',
    });
    expect(frontmatter(text)).toMatchObject({
      name: 'Curve',
      landscapeName: 'Curve',
      maturity: 'archived',
      dates: { accepted: '2022-06-17', archived: '2024-10-26' },
      landscape: { category: 'Runtime', subcategory: 'Cloud Native Storage' },
      homepage: 'https://www.opencurve.io/',
      repository: 'https://github.com/opencurve/curve',
      logo: 'curve.svg',
      rustUsage: 'none-found',
      rustRepos: [],
      sources: ['cncf-landscape'],
      updated: '2026-11-22',
    });
    expect(text).not.toContain('not found in landscape.yml');
  });

  it('passes the project schema with and without a landscape item', () => {
    for (const item of [curve, undefined]) {
      const text = scaffoldEntry({
        slug: 'new-thing',
        item,
        categoryId: 'storage',
        sourceIds: ['cncf-landscape'],
        today: '2026-11-22',
      });
      expect(projectFrontmatterSchema.safeParse(frontmatter(text)).error?.issues).toBeUndefined();
    }
  });

  it('marks every guessed value when the project is not in the landscape', () => {
    const text = scaffoldEntry({
      slug: 'new-thing',
      categoryId: 'storage',
      sourceIds: ['cncf-landscape'],
      today: '2026-11-22',
    });
    expect(frontmatter(text)).toMatchObject({
      name: 'New Thing',
      maturity: 'sandbox',
      dates: { accepted: '2026-11-22' },
    });
    for (const field of ['landscapeName', 'maturity', 'accepted', 'category', 'subcategory', 'homepage', 'repository'])
      expect(text).toMatch(new RegExp(`^\\s*${field}: .*# FILL IN: not found in landscape.yml$`, 'm'));
  });

  it('quotes names that YAML would misread', () => {
    const text = scaffoldEntry({
      slug: 'odd',
      name: 'Yes: #1 "quoted"',
      categoryId: 'storage',
      sourceIds: ['s'],
      today: '2026-11-22',
    });
    expect(frontmatter(text).name).toBe('Yes: #1 "quoted"');
  });
});

describe('scaffold helpers', () => {
  it('toHttps upgrades http and drops what is not a web address', () => {
    expect(toHttps('http://sealer.cool/')).toBe('https://sealer.cool/');
    expect(toHttps('https://x.io')).toBe('https://x.io');
    expect(toHttps('ftp://x.io')).toBeUndefined();
    expect(toHttps(undefined)).toBeUndefined();
  });
  it('finds a landscape item by name, loosely, or by slug', () => {
    const mesh = { ...curve, name: 'Chaos Mesh' };
    expect(findLandscapeItem([curve, mesh], 'x', 'Curve')).toBe(curve);
    expect(findLandscapeItem([curve, mesh], 'x', 'chaos mesh')).toBe(mesh);
    expect(findLandscapeItem([curve, mesh], 'chaos-mesh')).toBe(mesh);
    expect(findLandscapeItem([curve, mesh], 'x', 'Nope')).toBeUndefined();
  });
  it('titles a slug and draws an escaped monogram', () => {
    expect(titleFromSlug('chaos-mesh')).toBe('Chaos Mesh');
    const svg = placeholderLogo('A&B <Mesh>');
    expect(svg).toContain('<title>Placeholder logo for A&amp;B &lt;Mesh&gt;</title>');
    expect(svg).toContain('>AB</text>');
  });
});

describe('a scaffolded entry', () => {
  it('validates in a content tree as written', () => {
    const tree = makeTree();
    cleanups.push(tree.cleanup);
    for (const [slug, item] of [
      ['curve', curve],
      ['new-thing', undefined],
    ] as const) {
      writeFileSync(
        path.join(tree.content, 'projects', `${slug}.mdx`),
        scaffoldEntry({ slug, item, categoryId: 'storage', sourceIds: ['cncf-landscape'], today: '2026-11-22' }),
      );
      writeFileSync(path.join(tree.root, 'public/logos', `${slug}.svg`), placeholderLogo(slug));
    }
    expect(validateContent({ contentDir: tree.content, cwd: tree.root }).problems.map(formatProblem)).toEqual([]);
  });
});
