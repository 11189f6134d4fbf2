/** datapackage.json: every CSV column described and typed, in the CSV's order, and checked against rows the exports write. */
import { describe, expect, it } from 'vitest';
import { dataPackage, tableFields, tableResources } from '../../src/data/exports/datapackage.ts';
import {
  PROJECT_CSV_COLUMNS,
  PROJECT_CSV_FIELDS,
  REPOSITORY_CSV_COLUMNS,
  projectsCsv,
  repositoriesCsv,
} from '../../src/data/exports/exports.ts';
import { CRATES_CSV_COLUMNS } from '../../src/data/exports/crates-export.ts';
import { ADVISORIES_CSV_COLUMNS } from '../../src/data/exports/safety-export.ts';
import { DATA_FILES, DATA_LICENSE, fileName } from '../../src/data/exports/downloads.ts';
import { tableProblems } from '../helpers/table-schema.ts';
import { measurement, project } from '../helpers/fixtures.ts';

const resource = (name: string) => tableResources().find((r) => r.name === name)!;

describe('dataPackage', () => {
  it('is a tabular data package of the four CSV files, with the licence and the format version', () => {
    const pkg = dataPackage({ homepage: 'https://example.org/base/data/', created: '2026-12-07T00:00:00Z' });
    expect(pkg.profile).toBe('tabular-data-package');
    expect(pkg.name).toMatch(/^[a-z0-9._-]+$/);
    expect(pkg.licenses).toEqual([{ name: DATA_LICENSE.spdx, path: DATA_LICENSE.url, title: expect.any(String) }]);
    expect(pkg.resources.map((r) => r.path)).toEqual([
      'projects.csv',
      'repositories.csv',
      'crates.csv',
      'advisories.csv',
    ]);
    for (const r of pkg.resources) {
      expect(r.name).toMatch(/^[a-z0-9._-]+$/);
      expect(`/data/${r.path}`).toBe(Object.values(DATA_FILES).find((f) => f.path.endsWith(`/${r.path}`))?.path);
      for (const fk of r.schema.foreignKeys ?? [])
        expect(pkg.resources.map((x) => x.name)).toContain(fk.reference.resource);
    }
  });

  it('lists every column of every CSV, in the order the files are written', () => {
    expect(resource('projects').schema.fields.map((f) => f.name)).toEqual(PROJECT_CSV_COLUMNS);
    expect(resource('repositories').schema.fields.map((f) => f.name)).toEqual(REPOSITORY_CSV_COLUMNS);
    expect(resource('crates').schema.fields.map((f) => f.name)).toEqual(CRATES_CSV_COLUMNS);
    expect(resource('advisories').schema.fields.map((f) => f.name)).toEqual(ADVISORIES_CSV_COLUMNS);
    expect(resource('projects').schema.fields.find((f) => f.name === 'slug')!.description).toBe(
      PROJECT_CSV_FIELDS.slug,
    );
  });

  it('turns a column definition into a field with its format and constraints', () => {
    expect(
      tableFields(
        { a: 'A.', b: 'B.', c: 'C.' },
        { a: 'integer', b: { type: 'string', format: 'uri' }, c: { type: 'string', enum: ['x'], required: true } },
      ),
    ).toEqual([
      { name: 'a', type: 'integer', description: 'A.' },
      { name: 'b', type: 'string', format: 'uri', description: 'B.' },
      { name: 'c', type: 'string', description: 'C.', constraints: { required: true, enum: ['x'] } },
    ]);
  });
});

describe('the Table Schemas against rows the exports write', () => {
  const url = (slug: string) => `https://example.org/base/projects/${slug}/`;
  const projects = [
    project('alpha', {
      otherRepos: [
        {
          repo: 'alpha/server',
          role: 'Go server',
          measurement: measurement({
            files: 0,
            bytes: 0,
            lines: 0,
            codeLines: 0,
            rustShare: 0,
            commitDate: '2025-05-06T07:08:09-07:00',
          }),
        },
      ],
    }),
    project('beta', {
      maturity: 'graduated',
      dates: { accepted: '2019-01-01', incubating: '2020-02-02', graduated: '2022-03-03' },
    }),
  ];

  it('read projects.csv and repositories.csv without a problem', () => {
    expect(tableProblems(resource('projects').schema, projectsCsv(projects, { project: url })).problems).toEqual([]);
    expect(tableProblems(resource('repositories').schema, repositoriesCsv(projects)).problems).toEqual([]);
  });

  it('find a wrong type, an unknown enum value, a repeated key and a header out of order', () => {
    const schema = resource('projects').schema;
    const csv = projectsCsv(projects, { project: url });
    expect(tableProblems(schema, csv.replace(',sandbox,', ',sandpit,')).problems).toEqual([
      expect.stringContaining('maturity "sandpit": not one of'),
    ]);
    expect(tableProblems(schema, csv.replace(',2021-01-01,', ',Jan 2021,')).problems).toEqual([
      expect.stringContaining('accepted "Jan 2021": not a date'),
    ]);
    const [header, first] = csv.split('\r\n');
    expect(tableProblems(schema, `${header}\r\n${first}\r\n${first}\r\n`).problems).toEqual([
      expect.stringContaining('repeats row 2'),
    ]);
    expect(tableProblems(schema, csv.replace('slug,name,', 'name,slug,')).problems[0]).toMatch(/^header /);
    expect(tableProblems(schema, csv.replace(',800,', ',8.5,')).problems).toEqual([
      expect.stringContaining('not an integer'),
    ]);
  });
});

describe('fileName', () => {
  it('names a file relative to /data/, keeping the folder of a per-project file', () => {
    expect(fileName('/data/projects.csv')).toBe('projects.csv');
    expect(fileName('/data/projects/index.json')).toBe('projects/index.json');
    expect(fileName('/rss.xml')).toBe('rss.xml');
  });
});
