import { describe, expect, it } from 'vitest';
import {
  formatCompact,
  formatDate,
  formatInt,
  formatPercent,
  plural,
  shortCommit,
} from '../../src/data/views/format.ts';
import { joinBase, routes } from '../../src/data/site/paths.ts';
import { byName, measurementRange, refId, rustTotals } from '../../src/data/model/project.ts';
import { catalogStats } from '../../src/data/views/stats.ts';
import { groupProjects, sortTermsByName } from '../../src/data/views/groups.ts';
import { danglingReferences } from '../../src/data/model/references.ts';
import { fitBox, svgSize } from '../../src/og/svg.ts';
import { contributionLinks, normaliseBase, repoOptions, siteOptions } from '../../src/data/site/site-options.ts';
import { measurement, project } from '../helpers/fixtures.ts';

describe('format', () => {
  it('formats integers, compact figures, bytes, percentages and dates', () => {
    expect(formatInt(26193262)).toBe('26,193,262');
    expect(formatCompact(26193262)).toBe('26.2M');
    expect(formatCompact(45321)).toBe('45.3k');
    expect(formatCompact(812)).toBe('812');
    expect(formatPercent(98.25)).toBe('98.3%');
    expect(formatDate('2018-08-28')).toBe('28 Aug 2018');
    expect(formatDate('2026-08-21T23:59:59-07:00')).toBe('21 Aug 2026');
    expect(formatDate('2021-08')).toBe('Aug 2021');
    expect(formatDate('2021-09-04')).toBe('4 Sep 2021');
    expect(() => formatDate('yesterday')).toThrow(/expected an ISO date/);
    expect(() => formatDate('2021-13-01')).toThrow(/expected an ISO date/);
    expect(shortCommit('8e964719db0d2088d47a280a1dde3fefa1b31d6b')).toBe('8e96471');
    expect(plural(1, 'project')).toBe('1 project');
    expect(plural(2, 'entry', 'entries')).toBe('2 entries');
  });
});

describe('paths', () => {
  it('joins the base once, whatever the slashes', () => {
    expect(joinBase('/', '/projects/')).toBe('/projects/');
    expect(joinBase('/cncf-rust-catalog', '/projects/')).toBe('/cncf-rust-catalog/projects/');
    expect(joinBase('/cncf-rust-catalog/', 'logos/a.svg')).toBe('/cncf-rust-catalog/logos/a.svg');
    expect(joinBase('/cncf-rust-catalog', '/')).toBe('/cncf-rust-catalog/');
  });
  it('leaves absolute URLs and fragments alone', () => {
    expect(joinBase('/b', 'https://example.org/x')).toBe('https://example.org/x');
    expect(joinBase('/b', '#main')).toBe('#main');
  });
  it('spells routes with trailing slashes', () => {
    expect(routes.project('tikv')).toBe('/projects/tikv/');
    expect(routes.category('service-mesh')).toBe('/categories/service-mesh/');
    expect(routes.source('cncf-landscape')).toBe('/sources/#cncf-landscape');
  });
});

describe('site options', () => {
  it('defaults to the root and normalises any base', () => {
    expect(siteOptions({})).toEqual({ site: 'http://localhost:4321', base: '/' });
    expect(normaliseBase('cncf-rust-catalog')).toBe('/cncf-rust-catalog/');
    expect(normaliseBase('//a/b//')).toBe('/a/b/');
    expect(siteOptions({ SITE_URL: 'https://me.github.io/', BASE_PATH: '/x' })).toEqual({
      site: 'https://me.github.io',
      base: '/x/',
    });
  });
  it('refuses a site that is not a URL', () => {
    expect(() => siteOptions({ SITE_URL: 'me.github.io' })).toThrow(/SITE_URL must be an absolute URL/);
  });
  it('builds edit and correction links from the repository settings', () => {
    const fromActions = repoOptions({ GITHUB_REPOSITORY: 'me/fork', GITHUB_SERVER_URL: 'https://github.com' });
    expect(fromActions).toEqual({ url: 'https://github.com/me/fork', branch: 'main' });
    const explicit = repoOptions({ REPO_URL: 'https://github.com/a/b/', REPO_BRANCH: 'dev', GITHUB_REPOSITORY: 'x/y' });
    const links = contributionLinks(explicit, 'tikv', 'TiKV');
    expect(links.edit).toBe('https://github.com/a/b/edit/dev/content/projects/tikv.mdx');
    expect(links.correction).toBe(
      'https://github.com/a/b/issues/new?template=correct-data.yml&title=Correction%3A%20TiKV',
    );
  });
});

describe('projects and stats', () => {
  it('sums the Rust of every repository and flattens references', () => {
    const p = project('a', {
      categories: [{ id: 'storage' }, 'edge'],
      rustRepos: [
        {
          repo: 'a/one',
          role: 'r',
          measurement: measurement({ files: 2, bytes: 100, lines: 10, codeLines: 8, bytesRaw: 100 }),
        },
        {
          repo: 'a/two',
          role: 'r',
          measurement: measurement({ files: 3, bytes: 50, lines: 5, codeLines: 4, bytesRaw: 60 }),
        },
      ],
    });
    expect(p.categories).toEqual(['storage', 'edge']);
    expect(p.totals).toEqual({ repos: 2, files: 5, bytes: 150, lines: 15, codeLines: 12 });
    expect(refId({ id: 'x' })).toBe('x');
  });
  it('does not count a repository without Rust', () => {
    expect(
      rustTotals([
        {
          repo: 'a/b',
          role: 'r',
          measurement: measurement({ files: 0, bytes: 0, lines: 0, codeLines: 0, bytesRaw: 0 }),
        },
      ]).repos,
    ).toBe(0);
  });
  it('counts by maturity and usage and leaves none-found out of the Rust totals', () => {
    const projects = [
      project('a', { maturity: 'graduated', dates: { accepted: '2017-01-01', graduated: '2020-01-01' } }),
      project('b', { rustUsage: 'component' }),
      project('c', {
        rustUsage: 'none-found',
        rustRepos: [
          {
            repo: 'c/c',
            role: 'r',
            measurement: measurement({ files: 0, bytes: 0, lines: 0, codeLines: 0, bytesRaw: 0 }),
          },
        ],
      }),
    ];
    const stats = catalogStats(projects);
    expect(stats.projects).toBe(3);
    expect(stats.rustProjects).toBe(2);
    expect(stats.repositories).toBe(3);
    expect(stats.byMaturity).toEqual({ sandbox: 2, incubating: 0, graduated: 1, archived: 0 });
    expect(stats.byUsage).toEqual({ pure: 1, component: 1, sdk: 0, 'none-found': 1 });
    expect(stats.totals.lines).toBe(2_000);
  });
  it('sorts by name without regard to case', () => {
    const names = [
      project('b', { name: 'bootc' }),
      project('a', { name: 'Akri' }),
      project('c', { name: 'Chaos Mesh' }),
    ]
      .sort(byName)
      .map((p) => p.name);
    expect(names).toEqual(['Akri', 'bootc', 'Chaos Mesh']);
  });
  it('gives the range of measurement dates', () => {
    const range = measurementRange([
      project('a', {
        rustRepos: [{ repo: 'a/a', role: 'r', measurement: measurement({ commitDate: '2024-02-09T14:18:44-08:00' }) }],
      }),
      project('b', {
        rustRepos: [{ repo: 'b/b', role: 'r', measurement: measurement({ commitDate: '2026-08-22T02:57:40+05:30' }) }],
      }),
    ]);
    expect(range).toEqual({ oldest: '2024-02-09', newest: '2026-08-22' });
    expect(measurementRange([])).toBeUndefined();
  });
});

describe('groups', () => {
  const terms = [
    { id: 'storage', name: 'Storage', description: 'd' },
    { id: 'edge', name: 'Edge', description: 'd' },
    { id: 'empty', name: 'Aardvark', description: 'd' },
  ];
  it('groups projects per term in term order, sorted by name, keeping empty terms', () => {
    const groups = groupProjects(
      terms,
      [
        project('z', { name: 'Zed', categories: ['storage', 'edge'] }),
        project('a', { name: 'Ant', categories: ['storage'] }),
      ],
      (p) => p.categories,
    );
    expect(groups.map((g) => [g.term.id, g.projects.map((p) => p.name)])).toEqual([
      ['storage', ['Ant', 'Zed']],
      ['edge', ['Zed']],
      ['empty', []],
    ]);
  });
  it('sorts terms by name', () => {
    expect(sortTermsByName(terms).map((t) => t.id)).toEqual(['empty', 'edge', 'storage']);
  });
});

describe('references', () => {
  it('names the file, field and valid ids of a dangling reference', () => {
    const problems = danglingReferences([project('a', { categories: ['nope'], sources: ['ghost'] })], {
      categories: ['storage', 'edge'],
      sources: ['cncf-landscape'],
    });
    expect(problems).toEqual([
      'content/projects/a.mdx: categories: unknown category "nope" (expected one of storage, edge)',
      'content/projects/a.mdx: sources: unknown source "ghost" (expected one of cncf-landscape)',
    ]);
    expect(danglingReferences([project('a')], { categories: ['storage'], sources: ['cncf-landscape'] })).toEqual([]);
  });
});

describe('svg', () => {
  it('reads the size from the viewBox, else width and height', () => {
    expect(svgSize('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 60">')).toEqual({
      width: 120,
      height: 60,
    });
    expect(svgSize('<?xml version="1.0"?><svg width="32px" height="16">')).toEqual({ width: 32, height: 16 });
    expect(() => svgSize('<svg>')).toThrow(/viewBox/);
    expect(() => svgSize('<html>')).toThrow(/<svg>/);
  });
  it('fits a box keeping the aspect ratio', () => {
    expect(fitBox({ width: 120, height: 60 }, 28)).toEqual({ width: 28, height: 14 });
    expect(fitBox({ width: 10, height: 1000 }, 72)).toEqual({ width: 1, height: 72 });
  });
});
