/** Rust through time: commit selection, schema, shaping, the sentence and the column chart geometry. */
import { describe, expect, it } from 'vitest';
import { lastAtOrBefore, parseLog, selectPoints, type LogCommit } from '../../scripts/lib/history/select.ts';
import {
  historyFileSchema,
  repoHistorySchema,
  type HistoryPoint,
  type ProjectHistory,
  type RepoHistory,
} from '../../src/schemas/history.ts';
import {
  catalogByYear,
  catalogHistory,
  historySentence,
  missingHistory,
  projectEvents,
  projectSeries,
} from '../../src/data/views/history.ts';
import { columnLayout, datePosition } from '../../src/data/views/column-chart.ts';

const hash = (n: number) => n.toString(16).padStart(40, '0');
const at = (iso: string) => Date.parse(iso) / 1000;
/** A first-parent log, newest first, from [n, ISO date] pairs given oldest first. */
const log = (...commits: [number, string][]): LogCommit[] =>
  commits.map(([n, iso]) => ({ commit: hash(n), time: at(iso), date: iso })).reverse();

describe('selectPoints', () => {
  const line = log(
    [1, '2019-03-01T10:00:00Z'],
    [2, '2019-11-30T10:00:00Z'],
    [3, '2021-02-01T10:00:00Z'],
    [4, '2022-06-01T10:00:00Z'],
  );

  it('takes the last commit of each year from the first Rust year, ending at the measured commit', () => {
    const s = selectPoints(line, { firstRust: line[3], events: [] });
    expect(s.years.map((y) => [y.year, y.commit.commit])).toEqual([
      [2019, hash(2)],
      [2020, hash(2)], // a year without commits repeats the year before
      [2021, hash(3)],
      [2022, hash(4)],
    ]);
  });

  it('starts at the year of the first Rust commit, not of the first commit', () => {
    const s = selectPoints(line, { firstRust: line[1], events: [] });
    expect(s.years.map((y) => y.year)).toEqual([2021, 2022]);
  });

  it('has only the measured point when the line never had Rust, or Rust arrived in the measured year', () => {
    expect(selectPoints(line, { firstRust: null, events: [] }).years).toEqual([{ year: 2022, commit: line[0] }]);
    expect(selectPoints(line, { firstRust: line[0], events: [] }).years).toEqual([{ year: 2022, commit: line[0] }]);
  });

  it('takes the last commit at or before the end of each CNCF day, and none before the first commit', () => {
    const s = selectPoints(line, {
      firstRust: line[3],
      events: [
        { event: 'accepted', date: '2018-12-31' },
        { event: 'incubating', date: '2019-11-30' },
        { event: 'graduated', date: '2021-01-31' },
      ],
    });
    expect(s.events.map((e) => [e.event, e.commit?.commit ?? null])).toEqual([
      ['accepted', null],
      ['incubating', hash(2)], // same day, later hour: the end of the day counts
      ['graduated', hash(2)],
    ]);
  });

  it('walks back from the tip when committer dates are out of order, as git rev-list --until does', () => {
    const odd = log(
      [1, '2020-01-01T00:00:00Z'],
      [2, '2021-05-01T00:00:00Z'],
      [3, '2020-06-01T00:00:00Z'],
      [4, '2022-01-01T00:00:00Z'],
    );
    expect(lastAtOrBefore(odd, at('2020-12-31T23:59:59Z'))?.commit).toBe(hash(3));
  });

  it('refuses an empty log', () => {
    expect(() => selectPoints([], { firstRust: null, events: [] })).toThrow(/no commits/);
  });

  it('parses git log lines and rejects others', () => {
    expect(parseLog(`${hash(1)}\t1600000000\t2020-09-13T12:26:40Z\n\n`)).toEqual([
      { commit: hash(1), time: 1600000000, date: '2020-09-13T12:26:40Z' },
    ]);
    expect(() => parseLog('not a log line')).toThrow(/unexpected git log line/);
  });
});

const point = (n: number, codeLines: number, date = '2020-12-01T00:00:00Z'): HistoryPoint => ({
  commit: hash(n),
  commitDate: date,
  files: codeLines ? 1 : 0,
  bytes: codeLines * 10,
  lines: codeLines * 2,
  codeLines,
  rustShare: codeLines ? 50 : 0,
});

function repo(name: string, years: [number, number][], events: [string, string, number | null][] = []): RepoHistory {
  const last = years.at(-1)!;
  return {
    repo: name,
    measuredCommit: hash(last[0] * 10),
    firstRust: null,
    years: years.map(([year, codeLines]) => ({ year, point: point(year * 10, codeLines) })),
    events: events.map(([event, date, codeLines]) => ({
      event: event as 'accepted',
      date,
      point: codeLines === null ? null : point(1, codeLines),
    })),
  };
}

describe('history schema', () => {
  const valid = repo(
    'o/a',
    [
      [2020, 5],
      [2021, 8],
    ],
    [['accepted', '2020-05-01', 3]],
  );

  it('accepts a valid record', () => {
    expect(repoHistorySchema.parse(valid)).toEqual(valid);
    expect(historyFileSchema.parse([{ id: 'alpha', repos: [valid] }])).toHaveLength(1);
  });

  it.each([
    [
      'years that skip one',
      { ...valid, years: [valid.years[0], { year: 2022, point: valid.years[1].point }] },
      /consecutive years/,
    ],
    ['a last year not at the measured commit', { ...valid, measuredCommit: hash(999) }, /measured commit/],
    ['no years', { ...valid, years: [] }, /at least the point of the measured commit/],
    [
      'code lines over lines',
      { ...valid, years: [{ year: 2021, point: { ...point(20210, 8), codeLines: 99 } }] },
      /at most lines/,
    ],
    [
      'bytes without files (the rule of every Rust count, as for measurements)',
      { ...valid, years: [{ year: 2021, point: { ...point(20210, 8), files: 0 } }] },
      /at least one file when bytes are counted/,
    ],
    [
      'an unknown event',
      { ...valid, events: [{ event: 'joined', date: '2020-01-01', point: null }] },
      /expected one of accepted/,
    ],
    ['a short commit', { ...valid, measuredCommit: 'abc123' }, /40-character/],
  ])('refuses %s', (_, input, message) => {
    const result = repoHistorySchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.message).join('\n')).toMatch(message);
  });

  it('refuses an entry listed twice', () => {
    expect(() =>
      historyFileSchema.parse([
        { id: 'alpha', repos: [] },
        { id: 'alpha', repos: [] },
      ]),
    ).toThrow(/listed twice/);
  });
});

describe('project series and events', () => {
  const history: ProjectHistory = {
    id: 'alpha',
    repos: [
      repo(
        'o/a',
        [
          [2019, 10],
          [2020, 20],
          [2021, 30],
        ],
        [
          ['accepted', '2020-03-01', 15],
          ['graduated', '2021-06-01', 25],
        ],
      ),
      // Starts later and was measured earlier: nothing before 2020, its last point after 2020.
      repo(
        'o/b',
        [[2020, 5]],
        [
          ['accepted', '2020-03-01', null],
          ['graduated', '2021-06-01', 5],
        ],
      ),
    ],
  };

  it('sums the repositories by year, carrying a repository past its last point', () => {
    expect(projectSeries(history).map((y) => [y.year, y.codeLines, y.reposWithRust])).toEqual([
      [2019, 10, 1],
      [2020, 25, 2],
      [2021, 35, 2],
    ]);
  });

  it('sums each CNCF move, a repository without a commit yet adding nothing', () => {
    expect(
      projectEvents(history).map((e) => [e.event, e.date, e.codeLines, e.repos.map((r) => r.point === null)]),
    ).toEqual([
      ['accepted', '2020-03-01', 15, [false, true]],
      ['graduated', '2021-06-01', 30, [false, false]],
    ]);
  });

  it('is empty without repositories', () => {
    expect(projectSeries({ id: 'x', repos: [] })).toEqual([]);
    expect(projectEvents({ id: 'x', repos: [] })).toEqual([]);
  });
});

describe('historySentence', () => {
  const sentence = (h: ProjectHistory) => historySentence(projectSeries(h), projectEvents(h), h.repos.length);

  it('goes from the lines at joining to the latest count', () => {
    expect(
      sentence({
        id: 'a',
        repos: [
          repo(
            'o/a',
            [
              [2021, 12400],
              [2022, 50000],
              [2023, 104000],
            ],
            [['accepted', '2021-05-01', 12400]],
          ),
        ],
      }),
    ).toBe('From 12,400 lines of Rust code when it joined the CNCF in 2021 to 104,000 in 2023.');
  });

  it('says when the repository had no Rust when the project joined', () => {
    expect(
      sentence({
        id: 'a',
        repos: [
          repo(
            'o/a',
            [
              [2020, 0],
              [2021, 300],
              [2022, 900],
            ],
            [['accepted', '2019-01-10', null]],
          ),
        ],
      }),
    ).toBe(
      'Its repository had no Rust code when the project joined the CNCF on 10 Jan 2019; by the end of 2021 it had 300 lines of Rust code, and 900 in 2022.',
    );
    // Rust arrived later in the year it joined: the day and "by the end of" keep the two apart.
    expect(
      sentence({
        id: 'a',
        repos: [
          repo(
            'o/a',
            [
              [2019, 5037],
              [2022, 9000],
            ],
            [['accepted', '2019-03-01', 0]],
          ),
        ],
      }),
    ).toBe(
      'Its repository had no Rust code when the project joined the CNCF on 1 Mar 2019; by the end of 2019 it had 5,037 lines of Rust code, and 9,000 in 2022.',
    );
    expect(
      sentence({
        id: 'a',
        repos: [
          repo('o/a', [[2022, 900]], [['accepted', '2019-01-10', 0]]),
          repo('o/b', [[2022, 1]], [['accepted', '2019-01-10', null]]),
        ],
      }),
    ).toBe(
      'Its repositories had no Rust code when the project joined the CNCF on 10 Jan 2019; by 2022 they had 901 lines of Rust code.',
    );
  });

  it('handles a single point, the same year as joining, no Rust at all and no history', () => {
    expect(sentence({ id: 'a', repos: [repo('o/a', [[2024, 700]], [['accepted', '2024-02-01', 650]])] })).toBe(
      'From 650 lines of Rust code when it joined the CNCF in 2024 to 700 at the latest count, later that year.',
    );
    expect(sentence({ id: 'a', repos: [repo('o/a', [[2026, 0]], [['accepted', '2022-02-01', 0]])] })).toBe(
      'No Rust code was counted in its repository in 2026.',
    );
    expect(
      sentence({
        id: 'a',
        repos: [
          repo('o/a', [
            [2025, 0],
            [2026, 0],
          ]),
        ],
      }),
    ).toBe('No Rust code was counted in its repository at any point from 2025 to 2026.');
    expect(sentence({ id: 'a', repos: [repo('o/a', [[2025, 1]])] })).toBe('1 line of Rust code in 2025.');
    expect(sentence({ id: 'a', repos: [] })).toBeUndefined();
  });
});

describe('catalog totals by year', () => {
  const a: ProjectHistory = {
    id: 'a',
    repos: [
      repo('o/a', [
        [2018, 10],
        [2019, 20],
        [2020, 30],
      ]),
    ],
  };
  const b: ProjectHistory = {
    id: 'b',
    repos: [
      repo('o/b', [
        [2019, 0],
        [2020, 5],
        [2021, 7],
      ]),
    ],
  };

  it('counts a project in a year when it had Rust then, and in the CNCF when it had joined by the end of the year', () => {
    expect(
      catalogByYear([
        { history: a, accepted: '2019-06-01' },
        { history: b, accepted: '2022-01-01' },
      ]),
    ).toEqual([
      { year: 2018, projectsWithRust: 1, codeLines: 10, inCncf: 0, inCncfCodeLines: 0 },
      { year: 2019, projectsWithRust: 1, codeLines: 20, inCncf: 1, inCncfCodeLines: 20 },
      { year: 2020, projectsWithRust: 2, codeLines: 35, inCncf: 1, inCncfCodeLines: 30 },
      // a's last count stands after its last point
      { year: 2021, projectsWithRust: 2, codeLines: 37, inCncf: 1, inCncfCodeLines: 30 },
    ]);
    expect(catalogByYear([])).toEqual([]);
  });

  it('names the repositories without history, or with a history of another commit', () => {
    const projects = [
      {
        slug: 'a',
        dates: { accepted: '2019-06-01' },
        rustRepos: [
          { repo: 'o/a', measurement: { commit: hash(20200) } },
          { repo: 'o/z', measurement: { commit: hash(5) } },
        ],
      },
      { slug: 'b', dates: { accepted: '2022-01-01' }, rustRepos: [{ repo: 'o/b', measurement: { commit: hash(7) } }] },
      { slug: 'c', dates: { accepted: '2022-01-01' }, rustRepos: [{ repo: 'o/c', measurement: { commit: hash(7) } }] },
    ];
    expect(missingHistory(projects, [a, b])).toEqual([
      { slug: 'a', repo: 'o/z', reason: 'no history' },
      {
        slug: 'b',
        repo: 'o/b',
        reason: `history ends at ${hash(20210).slice(0, 7)}, the entry measures ${hash(7).slice(0, 7)}`,
      },
      { slug: 'c', repo: 'o/c', reason: 'no history' },
    ]);
    const shaped = catalogHistory(projects, [a, b]);
    expect([...shaped.byProject.keys()]).toEqual(['a', 'b']);
    expect(shaped.byYear.map((y) => y.year)).toEqual([2018, 2019, 2020, 2021]);
  });
});

describe('column chart geometry', () => {
  it('lays columns out in equal slots on a nice scale, with markers at their dates', () => {
    const layout = columnLayout(
      [
        { key: '2020', label: '2020', value: 50 },
        { key: '2021', label: '2021', value: 100, part: 40 },
      ],
      [{ key: 'accepted', label: 'Joined', position: datePosition('2021-07-02', 2020) }],
      { plotHeight: 100 },
    );
    expect(layout.max).toBe(100);
    expect(layout.columns.map((c) => [c.xPercent, c.widthPercent, c.height, c.partHeight])).toEqual([
      [7.5, 35, 50, undefined],
      [57.5, 35, 100, 40],
    ]);
    expect(layout.columns[1].y).toBe(layout.plotBottom - 100);
    expect(layout.markers[0].xPercent).toBeCloseTo(75, 0);
    expect(layout.markers[0].anchor).toBe('end');
  });

  it('keeps marker labels above the plot and tick labels under their lines inside it, so they never meet', () => {
    const markers = ['accepted', 'incubating', 'graduated', 'archived'].map((key, i) => ({
      key,
      label: key,
      position: i * 0.1,
    }));
    const layout = columnLayout([{ key: '2020', label: '2020', value: 1000 }], markers);
    const plotTop = Math.min(...layout.ticks.map((t) => t.y));
    expect(plotTop).toBe(layout.top);
    // A label of 0.8rem (12.8 px): about 3 px below the baseline, 10 above it.
    for (const m of layout.markers) expect(m.labelY + 3, m.key).toBeLessThanOrEqual(plotTop);
    for (const t of layout.ticks.slice(1))
      expect(t.y + layout.tickLabelDrop - 13, String(t.value)).toBeGreaterThanOrEqual(plotTop);
  });

  it('labels every other year on long series, always the last', () => {
    const columns = Array.from({ length: 11 }, (_, i) => ({
      key: String(2016 + i),
      label: String(2016 + i),
      value: i,
    }));
    expect(
      columnLayout(columns)
        .columns.filter((c) => c.labelled)
        .map((c) => c.label),
    ).toEqual(['2016', '2018', '2020', '2022', '2024', '2026']);
  });

  it('clamps markers to the chart and refuses negative values or a part over its column', () => {
    expect(
      columnLayout([{ key: 'a', label: 'a', value: 1 }], [{ key: 'x', label: 'x', position: -3 }]).markers[0].xPercent,
    ).toBe(0);
    expect(() => columnLayout([{ key: 'a', label: 'a', value: -1 }])).toThrow(RangeError);
    expect(() => columnLayout([{ key: 'a', label: 'a', value: 1, part: 2 }])).toThrow(RangeError);
  });

  it('places a date by the fraction of its year gone by', () => {
    expect(datePosition('2020-01-01', 2018)).toBe(2);
    expect(datePosition('2021-07-02', 2021)).toBeCloseTo(0.5, 2);
  });
});
