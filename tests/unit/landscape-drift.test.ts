import { readFileSync } from 'node:fs';
import { loadYaml } from '../../src/validation/safe-yaml.ts';
import { describe, expect, it } from 'vitest';
import { compareWithLandscape, formatDriftReport, isInSync, toHttps } from '../../scripts/lib/landscape-drift.ts';
import { landscapeProjects } from '../../scripts/lib/landscape.ts';

const fixture = readFileSync(new URL('../fixtures/landscape/oddities.yml', import.meta.url), 'utf8');
const projects = landscapeProjects(loadYaml(fixture));

const alpha = {
  name: 'Alpha',
  landscapeName: 'Alpha',
  maturity: 'incubating',
  dates: { accepted: '2020-01-02', incubating: '2021-03-04' },
  landscape: { category: 'Runtime', subcategory: 'Container Runtime' },
  homepage: 'https://alpha.example.org/',
  repository: 'https://github.com/alpha/alpha',
};
const beta = {
  name: 'Beta',
  landscapeName: 'Beta',
  maturity: 'sandbox',
  dates: { accepted: '2022-05-06' },
  landscape: { category: 'Runtime', subcategory: 'Container Runtime' },
  homepage: 'https://beta.example.org/',
  repository: 'https://github.com/beta/beta',
};

describe('the landscape reader on the oddities fixture', () => {
  it('reads folded scalars, quoted and unquoted dates, items without item:, null item lists', () => {
    expect(projects.map((p) => p.name)).toEqual(['Alpha', 'Beta']);
    expect(projects[0].dates).toEqual({ accepted: '2020-01-02', incubating: '2021-03-04' });
    expect(projects[1]).toMatchObject({ maturity: 'sandbox', dates: { accepted: '2022-05-06' } });
  });

  it('skips items without a project key, even when extra has one', () => {
    expect(projects.some((p) => p.name === 'Alpha (wasm)' || p.name === 'Gamma')).toBe(false);
  });
});

describe('compareWithLandscape', () => {
  it('finds nothing to change when the entries match (http URLs compared as https)', () => {
    const report = compareWithLandscape(
      [
        { file: 'a.mdx', data: alpha },
        { file: 'b.mdx', data: beta },
      ],
      projects,
    );
    expect(isInSync(report)).toBe(true);
    expect(report.checked).toBe(2);
    expect(report.drifted).toEqual([]);
    expect(report.normalised).toEqual([
      { file: 'a.mdx', field: 'homepage', from: 'http://alpha.example.org/', to: 'https://alpha.example.org/' },
      { file: 'b.mdx', field: 'repository', from: 'http://github.com/beta/beta', to: 'https://github.com/beta/beta' },
    ]);
    expect(formatDriftReport(report)).toContain('In sync: 2 entries match the landscape.');
  });

  it('reports every differing field old → new, added and removed dates', () => {
    const drifted = {
      ...alpha,
      maturity: 'sandbox',
      dates: { accepted: '2020-01-02', graduated: '2024-01-01' },
      homepage: 'https://old.example.org/',
      landscape: { category: 'Runtime', subcategory: 'Elsewhere' },
    };
    const report = compareWithLandscape([{ file: 'a.mdx', data: drifted }], projects);
    expect(isInSync(report)).toBe(false);
    expect(report.drifted[0].changes.map((c) => [c.field, c.old, c.new])).toEqual([
      ['maturity', 'sandbox', 'incubating'],
      ['dates.incubating', undefined, '2021-03-04'],
      ['dates.graduated', '2024-01-01', undefined],
      ['homepage', 'https://old.example.org/', 'https://alpha.example.org/'],
      ['landscape.subcategory', 'Elsewhere', 'Container Runtime'],
    ]);
    const text = formatDriftReport(report);
    expect(text).toContain('a.mdx (Alpha)\n  maturity: sandbox → incubating\n');
    expect(text).toContain('  dates.incubating: (none) → 2021-03-04 (added)\n');
    expect(text).toContain('  dates.graduated: 2024-01-01 → (none) (removed from the landscape)\n');
    expect(text).toContain(
      '  homepage: https://old.example.org/ → https://alpha.example.org/ (landscape has http://alpha.example.org/; compared as https://)\n',
    );
    expect(text).toContain('Drift: 5 fields differ in 1 entry. Run with --write to update the entries.');
  });

  it('lists entries whose landscapeName names no project item', () => {
    const report = compareWithLandscape(
      [{ file: 'w.mdx', data: { ...alpha, landscapeName: 'Alpha (wasm)' } }],
      projects,
    );
    expect(report.notFound).toEqual([{ file: 'w.mdx', landscapeName: 'Alpha (wasm)' }]);
    expect(isInSync(report)).toBe(false);
    expect(formatDriftReport(report)).toContain('w.mdx: landscapeName "Alpha (wasm)"');
  });

  it('flags projects the landscape archived while the catalog has not', () => {
    const archived = projects.map((p) =>
      p.name === 'Beta' ? { ...p, maturity: 'archived' as const, dates: { ...p.dates, archived: '2025-09-19' } } : p,
    );
    const report = compareWithLandscape([{ file: 'b.mdx', data: beta }], archived);
    expect(report.newlyArchived).toEqual([{ file: 'b.mdx', name: 'Beta', archived: '2025-09-19' }]);
    expect(report.drifted[0].changes.map((c) => c.field)).toEqual(['maturity', 'dates.archived']);
    expect(formatDriftReport(report)).toContain(
      'Newly archived (archived in the landscape, not in the catalog):\n  b.mdx (Beta): archived 2025-09-19',
    );
  });

  it('keeps required fields the landscape leaves empty, as warnings that do not count as drift', () => {
    const noHomepage = projects.map((p) => (p.name === 'Beta' ? { ...p, homepage: undefined } : p));
    const report = compareWithLandscape([{ file: 'b.mdx', data: beta }], noHomepage);
    expect(report.drifted[0].changes).toEqual([]);
    expect(report.drifted[0].warnings.map((w) => w.field)).toEqual(['homepage']);
    expect(isInSync(report)).toBe(true);
  });

  it('accepts dates given as Date objects by other YAML parsers', () => {
    const withDates = {
      ...alpha,
      dates: { accepted: new Date('2020-01-02T00:00:00Z'), incubating: new Date('2021-03-04T00:00:00Z') },
    };
    expect(isInSync(compareWithLandscape([{ file: 'a.mdx', data: withDates }], projects))).toBe(true);
  });
});

describe('toHttps', () => {
  it('upgrades only http://', () => {
    expect(toHttps('http://x.org/a')).toBe('https://x.org/a');
    expect(toHttps('https://x.org/a')).toBe('https://x.org/a');
  });
});

describe('the report keeps every landscape value on one line', () => {
  it('a homepage and a category with line breaks and Markdown stay on their line', () => {
    const hostile = 'https://alpha.example.org/\n::error::injected\n# Heading\r\n@cncf/team\u2028x';
    const landscape = projects.map((p) =>
      p.name === 'Alpha' ? { ...p, homepage: hostile, category: 'Runtime\n```\n# Injected' } : p,
    );
    const text = formatDriftReport(compareWithLandscape([{ file: 'a.mdx', data: alpha }], landscape));
    expect(text).toContain('https://alpha.example.org/ ::error::injected # Heading @cncf/team x');
    for (const line of text.split('\n')) expect(line, line).not.toMatch(/^\s*(::|#|@|`{3})/);
  });
});
