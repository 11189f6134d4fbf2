/* eslint-disable @typescript-eslint/no-explicit-any -- each case edits a valid entry into an invalid one, of any shape, which no entry type can describe */
import { describe, expect, it } from 'vitest';
import { projectFrontmatterSchema } from '../../src/schemas/project.ts';
import { categorySchema, termSchema, MATURITY_LEVELS } from '../../src/schemas/taxonomy.ts';
import { sourceSchema } from '../../src/schemas/source.ts';
import { leftOutSchema } from '../../src/schemas/left-out.ts';
import { isCalendarDate } from '../../src/schemas/common.ts';

/** A complete, valid entry; each invalid case changes one thing. */
function valid(): Record<string, any> {
  return {
    name: 'TiKV',
    landscapeName: 'TiKV',
    summary: 'A distributed transactional key-value database.',
    maturity: 'graduated',
    dates: { accepted: '2018-08-28', incubating: '2018-08-28', graduated: new Date('2020-09-02T00:00:00Z') },
    landscape: { category: 'App Definition and Development', subcategory: 'Database' },
    homepage: 'https://tikv.org',
    repository: 'https://github.com/tikv/tikv',
    logo: 'tikv.svg',
    rustUsage: 'pure',
    categories: ['storage'],
    rustRepos: [
      {
        repo: 'tikv/tikv',
        role: 'The database server',
        measurement: {
          commit: '8e964719db0d2088d47a280a1dde3fefa1b31d6b',
          commitDate: '2026-08-21T17:29:49+00:00',
          files: 1317,
          bytes: 26193262,
          lines: 669829,
          codeLines: 559319,
          bytesRaw: 26193262,
          rustShare: 98.2,
        },
      },
    ],
    reported: {
      type: ['pure'],
      maturity: 'graduated',
      dates: { accepted: '2018-08-28' },
      figures: [{ text: '24,814,809', where: 'table', bytes: 24814809 }],
    },
    rationale: 'Predictable latency without a garbage collector.',
    adopters: ['PingCAP', { name: 'Example', url: 'https://example.org' }],
    sources: ['cncf-landscape'],
    updated: '2026-11-22',
  };
}

/** The messages of a failed parse, as "path: message". */
function problems(input: unknown): string[] {
  const result = projectFrontmatterSchema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('project schema: valid entries', () => {
  it('accepts a complete entry and normalises dates to YYYY-MM-DD strings', () => {
    const result = projectFrontmatterSchema.parse(valid());
    expect(result.dates.graduated).toBe('2020-09-02');
    expect(result.updated).toBe('2026-11-22');
  });
  it('accepts an optional verified date, normalised like the others', () => {
    expect(projectFrontmatterSchema.parse({ ...valid(), verified: new Date('2026-12-02T00:00:00Z') }).verified).toBe(
      '2026-12-02',
    );
    expect(projectFrontmatterSchema.parse(valid()).verified).toBeUndefined();
  });

  it("accepts the copy's newest commit date, the same as the measured commit's or later, in another time zone", () => {
    const entry = valid();
    entry.rustRepos[0].measurement.headDate = '2026-08-21T19:29:49+02:00';
    expect(problems(entry)).toEqual([]);
    entry.rustRepos[0].measurement.headDate = '2026-12-01T08:00:00-05:00';
    expect(problems(entry)).toEqual([]);
  });

  it('accepts a list of changes whose newest date is updated', () => {
    const entry = valid();
    entry.changes = [
      { date: '2026-01-01', summary: 'Entry added' },
      { date: '2026-11-22', summary: 'Re-measured' },
    ];
    expect(problems(entry)).toEqual([]);
  });

  it('accepts a minimal none-found entry with no rationale, report or adopters', () => {
    const entry = valid();
    delete entry.reported;
    delete entry.rationale;
    delete entry.adopters;
    entry.maturity = 'sandbox';
    entry.dates = { accepted: '2022-12-14' };
    entry.rustUsage = 'none-found';
    entry.rustRepos[0].measurement = {
      ...entry.rustRepos[0].measurement,
      files: 0,
      bytes: 0,
      lines: 0,
      codeLines: 0,
      bytesRaw: 0,
      rustShare: 0,
    };
    expect(problems(entry)).toEqual([]);
  });
});

describe('project schema: invalid entries name the field and what was expected', () => {
  const cases: [string, (e: Record<string, any>) => void, RegExp][] = [
    ['missing name', (e) => delete e.name, /^name: expected a project name as text/],
    [
      'unknown maturity',
      (e) => (e.maturity = 'beta'),
      /^maturity: expected one of sandbox, incubating, graduated, archived/,
    ],
    [
      'impossible date',
      (e) => (e.dates.accepted = '2018-02-30'),
      /^dates\.accepted: expected a real calendar date written as YYYY-MM-DD/,
    ],
    [
      'dates out of order',
      (e) => (e.dates.graduated = '2010-01-01'),
      /^dates\.graduated: expected graduated \(2010-01-01\) on or after accepted \(2018-08-28\)/,
    ],
    [
      'graduated without a graduated date',
      (e) => delete e.dates.graduated,
      /^dates\.graduated: expected a graduated date for a graduated project/,
    ],
    ['http homepage', (e) => (e.homepage = 'http://tikv.org'), /^homepage: expected an absolute https:\/\/ URL/],
    [
      'unknown rust usage',
      (e) => (e.rustUsage = 'mostly'),
      /^rustUsage: expected one of pure, component, sdk, none-found/,
    ],
    ['no category', (e) => (e.categories = []), /^categories: expected at least one category/],
    [
      'category not a slug',
      (e) => (e.categories = ['Service Mesh']),
      /^categories\.0: expected a lower-case kebab-case identifier/,
    ],
    [
      'copy newer than its own HEAD',
      (e) => (e.rustRepos[0].measurement.headDate = '2026-08-21T17:29:48+00:00'),
      /^rustRepos\.0\.measurement\.headDate: expected the copy's newest commit \(2026-08-21T17:29:48\+00:00\) to be no older than the measured one/,
    ],
    [
      'lines above bytes',
      (e) => (e.rustRepos[0].measurement.lines = 99_999_999),
      /^rustRepos\.0\.measurement\.lines: expected lines \(99999999\) to be at most bytes/,
    ],
    [
      'short commit',
      (e) => (e.rustRepos[0].measurement.commit = 'abc123'),
      /^rustRepos\.0\.measurement\.commit: expected a 40-character git commit hash/,
    ],
    [
      'fractional file count',
      (e) => (e.rustRepos[0].measurement.files = 1.5),
      /^rustRepos\.0\.measurement\.files: expected a file count as a whole number/,
    ],
    [
      'share over 100',
      (e) => (e.rustRepos[0].measurement.rustShare = 101),
      /^rustRepos\.0\.measurement\.rustShare: expected a percentage between 0 and 100/,
    ],
    [
      'repository not owner/name',
      (e) => (e.rustRepos[0].repo = 'https://github.com/tikv/tikv'),
      /^rustRepos\.0\.repo: expected a GitHub repository as owner\/name/,
    ],
    [
      'summary on two lines',
      (e) => (e.summary = 'One.\nTwo.'),
      /^summary: expected a one-sentence summary on one line/,
    ],
    ['logo not an svg', (e) => (e.logo = 'tikv.png'), /^logo: expected an \.svg file name in public\/logos\//],
    ['unknown field', (e) => (e.stars = 16000), /Unrecognized key: "stars"/],
    [
      'pure without any measured Rust',
      (e) => (e.rustRepos = []),
      /^rustRepos: expected at least one repository with measured Rust code for rustUsage "pure"/,
    ],
    [
      'none-found with Rust listed',
      (e) => (e.rustUsage = 'none-found'),
      /^rustUsage: expected pure, component or sdk: a repository with Rust code is listed/,
    ],
    ['Rust project without rationale', (e) => delete e.rationale, /^rationale: expected a rationale/],
    [
      'repository listed twice',
      (e) => e.rustRepos.push(structuredClone(e.rustRepos[0])),
      /^rustRepos\.1\.repo: expected each repository once/,
    ],
    [
      'verified not a calendar date',
      (e) => (e.verified = '2026-12-32'),
      /^verified: expected a real calendar date written as YYYY-MM-DD/,
    ],
    [
      'wrong type for figures',
      (e) => (e.reported.figures = 'many'),
      /^reported\.figures: Invalid input: expected array/,
    ],
    [
      'updated older than the newest change',
      (e) =>
        (e.changes = [
          { date: '2026-11-22', summary: 'Entry added' },
          { date: '2026-11-30', summary: 'Re-measured' },
        ]),
      /^updated: expected updated to be the newest change date \(2026-11-30\), got 2026-11-22/,
    ],
    [
      'changes out of order',
      (e) =>
        (e.changes = [
          { date: '2026-11-22', summary: 'Re-measured' },
          { date: '2026-11-01', summary: 'Entry added' },
        ]),
      /^changes\.1\.date: expected changes oldest first, one per day/,
    ],
    ['change without a summary', (e) => (e.changes = [{ date: '2026-11-22' }]), /^changes\.0\.summary: /],
    ['empty changes list', (e) => (e.changes = []), /^changes: expected at least one change, or no changes key/],
    [
      'other code with Rust in it',
      (e) =>
        (e.otherRepos = [
          {
            repo: 'tikv/pd',
            role: 'Placement driver',
            measurement: { ...e.rustRepos[0].measurement, programmingBytes: 26193262 * 2, rustShare: 50 },
          },
        ]),
      /^otherRepos\.0\.measurement\.bytes: expected 0 Rust bytes: a repository with Rust belongs in rustRepos/,
    ],
    [
      'other code without programmingBytes',
      (e) =>
        (e.otherRepos = [
          {
            repo: 'tikv/pd',
            role: 'Placement driver',
            measurement: {
              ...e.rustRepos[0].measurement,
              files: 0,
              bytes: 0,
              lines: 0,
              codeLines: 0,
              bytesRaw: 0,
              rustShare: 0,
            },
          },
        ]),
      /^otherRepos\.0\.measurement\.programmingBytes: expected programmingBytes, the bytes the project share counts/,
    ],
    [
      'a Rust repository listed again as other code',
      (e) =>
        (e.otherRepos = [
          {
            repo: 'TiKV/tikv',
            role: 'Again',
            measurement: {
              ...e.rustRepos[0].measurement,
              files: 0,
              bytes: 0,
              lines: 0,
              codeLines: 0,
              bytesRaw: 0,
              rustShare: 0,
              programmingBytes: 10,
            },
          },
        ]),
      /^otherRepos\.0\.repo: expected each repository once; TiKV\/tikv is already listed in rustRepos or otherRepos/,
    ],
    [
      'a measured repository listed as unmeasured',
      (e) => (e.unmeasuredRepos = [{ repo: 'tikv/tikv', reason: 'Too big.' }]),
      /^unmeasuredRepos\.0\.repo: expected a repository that is not measured; tikv\/tikv is measured/,
    ],
    [
      'unmeasured code without a reason',
      (e) => (e.unmeasuredRepos = [{ repo: 'tikv/pd' }]),
      /^unmeasuredRepos\.0\.reason: /,
    ],
    [
      'a citation with neither url nor source',
      (e) => (e.citations = [{ id: 'readme', quote: 'words' }]),
      /^citations\.0\.url: expected url \(a permalink to the lines that show the claim\) or source/,
    ],
    [
      'a citation id in capitals',
      (e) => (e.citations = [{ id: 'Readme', source: 'cncf-landscape' }]),
      /^citations\.0\.id: expected a citation id of lower-case words/,
    ],
    [
      'a quote over the length limit',
      (e) =>
        (e.citations = [
          {
            id: 'readme',
            url: `https://github.com/tikv/tikv/blob/${'a'.repeat(40)}/README.md#L1`,
            quote: 'x'.repeat(301),
          },
        ]),
      /^citations\.0\.quote: expected the quoted words of at most 300 characters/,
    ],
  ];
  it.each(cases)('%s', (_label, mutate, expected) => {
    const entry = valid();
    mutate(entry);
    const found = problems(entry);
    expect(found.length).toBeGreaterThan(0);
    expect(found.join('\n')).toMatch(new RegExp(expected.source, 'm'));
  });
});

describe('taxonomy and source schemas', () => {
  it('accepts a category and rejects a bad id and an empty description', () => {
    expect(
      categorySchema.safeParse({ id: 'service-mesh', name: 'Service mesh', description: 'Proxies.' }).success,
    ).toBe(true);
    const bad = categorySchema.safeParse({ id: 'Service_Mesh', name: 'x', description: '' });
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n');
    expect(messages).toMatch(/^id: expected a lower-case kebab-case identifier/m);
    expect(messages).toMatch(/^description: expected a description, got an empty string/m);
  });
  it('accepts only the defined ids for terms', () => {
    const maturity = termSchema(MATURITY_LEVELS);
    expect(maturity.safeParse({ id: 'graduated', name: 'Graduated', description: 'd' }).success).toBe(true);
    expect(maturity.safeParse({ id: 'retired', name: 'Retired', description: 'd' }).error!.issues[0].message).toMatch(
      /expected one of sandbox/,
    );
  });
  it('requires https and a known kind for sources', () => {
    const base = { id: 'x', title: 'T', publisher: 'P', date: '2020-01-01', kind: 'article' };
    expect(sourceSchema.safeParse(base).success).toBe(true);
    expect(sourceSchema.safeParse({ ...base, date: '2021-08' }).success).toBe(true);
    expect(sourceSchema.safeParse({ ...base, date: '2021-13' }).error!.issues[0].message).toMatch(
      /YYYY-MM when the day is unknown/,
    );
    expect(sourceSchema.safeParse({ ...base, url: 'http://x.org' }).error!.issues[0].path).toEqual(['url']);
    expect(sourceSchema.safeParse({ ...base, kind: 'blog' }).error!.issues[0].message).toMatch(
      /expected one of data, report, article, project/,
    );
  });
  it('knows real calendar dates', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2023-2-1')).toBe(false);
  });
});

describe('left-out schema', () => {
  const measured = {
    repo: 'agones-dev/agones',
    commit: '676cc64de319cec5b3f9996b2331a8aa9baebbdb',
    commitDate: '2026-08-18',
    codeLines: 1343,
    shippedCodeLines: 756,
    rustShare: 1.1,
  };
  const base = {
    id: 'agones',
    landscapeName: 'Agones',
    maturity: 'sandbox',
    repos: [measured],
    reason: 'The shipped SDK is under the threshold.',
    checked: '2026-12-02',
  };

  it('accepts measured repositories, unmeasured ones and an empty list', () => {
    expect(leftOutSchema.safeParse(base).success).toBe(true);
    expect(leftOutSchema.safeParse({ ...base, repos: [{ repo: 'envoyproxy/envoy' }] }).success).toBe(true);
    expect(leftOutSchema.safeParse({ ...base, repos: [] }).success).toBe(true);
    expect(leftOutSchema.safeParse({ ...base, checked: new Date('2026-12-02T00:00:00Z') }).data?.checked).toBe(
      '2026-12-02',
    );
  });

  it('refuses half a measurement, shipped lines above the count, a missing reason and unknown fields', () => {
    const { commitDate: _, ...half } = measured;
    const partial = leftOutSchema.safeParse({ ...base, repos: [half] }).error!.issues[0];
    expect(partial.path).toEqual(['repos', 0, 'commitDate']);
    expect(partial.message).toMatch(/together/);
    expect(
      leftOutSchema.safeParse({ ...base, repos: [{ ...measured, shippedCodeLines: 2000 }] }).error!.issues[0].path,
    ).toEqual(['repos', 0, 'shippedCodeLines']);
    expect(leftOutSchema.safeParse({ ...base, reason: '' }).error!.issues[0].path).toEqual(['reason']);
    expect(leftOutSchema.safeParse({ ...base, maturity: 'retired' }).error!.issues[0].path).toEqual(['maturity']);
    expect(
      leftOutSchema.safeParse({ ...base, repos: [{ ...measured, commit: 'xyz' }] }).error!.issues[0].message,
    ).toMatch(/commit hash/);
    expect(leftOutSchema.safeParse({ ...base, why: 'x' }).success).toBe(false);
  });
});
