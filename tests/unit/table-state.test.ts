import { describe, expect, it } from 'vitest';
import { MATURITY_LEVELS } from '../../src/schemas/taxonomy.ts';
import {
  parseState,
  serializeState,
  shownMessage,
  toggleSort,
  viewSummary,
  visibleRows,
  withFilter,
  type RowData,
  type TableSchema,
} from '../../src/data/views/table-state.ts';

const schema: TableSchema = {
  columns: { name: 'text', lines: 'number', accepted: 'text' },
  facets: { maturity: ['sandbox', 'graduated'], usage: ['pure', 'sdk'], category: ['runtime', 'observability'] },
};

const row = (
  slug: string,
  maturity: string,
  usage: string,
  categories: string[],
  lines: string,
  accepted = '2020-01-01',
): RowData => ({
  slug,
  name: slug,
  maturity,
  usage,
  categories,
  values: { name: slug, lines, accepted },
});

// In page order (by name), as the server renders them.
const rows = [
  row('akri', 'sandbox', 'pure', ['runtime'], '30'),
  row('Linkerd', 'graduated', 'pure', ['observability', 'runtime'], '500', '2017-01-23'),
  row('opentelemetry', 'graduated', 'sdk', ['observability'], '30'),
  row('paralus', 'sandbox', 'sdk', [], ''),
  row('tikv', 'graduated', 'pure', ['runtime'], '9000'),
];
const slugs = (list: RowData[]) => list.map((r) => r.slug);

describe('parseState', () => {
  it('reads sort, direction and one value per facet', () => {
    expect(parseState('?sort=lines&dir=asc&maturity=graduated&usage=sdk&category=runtime', schema)).toEqual({
      sort: { key: 'lines', dir: 'ascending' },
      filters: { maturity: 'graduated', usage: 'sdk', category: 'runtime' },
    });
  });

  it('gives a column its default direction when the URL has none or a bad one', () => {
    expect(parseState('sort=lines', schema).sort).toEqual({ key: 'lines', dir: 'descending' });
    expect(parseState('sort=name&dir=sideways', schema).sort).toEqual({ key: 'name', dir: 'ascending' });
  });

  it('drops unknown columns, unknown facet values and unrelated parameters', () => {
    expect(parseState('?sort=stars&maturity=legendary&usage=&category=runtime&utm=x', schema)).toEqual({
      filters: { category: 'runtime' },
    });
    expect(parseState('?sort=__proto__&sort=constructor', schema)).toEqual({ filters: {} });
  });

  it('ignores a facet the table does not offer', () => {
    expect(parseState('?category=runtime', { columns: {}, facets: {} })).toEqual({ filters: {} });
  });
});

describe('serializeState', () => {
  it('writes parameters in a fixed order and round-trips', () => {
    const state = parseState('?category=runtime&maturity=graduated&dir=desc&sort=lines', schema);
    const query = serializeState(state);
    expect(query).toBe('?sort=lines&dir=desc&maturity=graduated&category=runtime');
    expect(parseState(query, schema)).toEqual(state);
  });

  it('writes nothing for the default state', () => {
    expect(serializeState({ filters: {} })).toBe('');
  });

  it('keeps parameters the table does not own, and replaces the ones it does', () => {
    expect(serializeState({ filters: { usage: 'pure' } }, '?ref=home&usage=sdk&sort=name')).toBe(
      '?ref=home&usage=pure',
    );
  });
});

describe('visibleRows', () => {
  it('keeps the page order without a sort or filter', () => {
    expect(slugs(visibleRows(rows, { filters: {} }, schema))).toEqual([
      'akri',
      'Linkerd',
      'opentelemetry',
      'paralus',
      'tikv',
    ]);
  });

  it('filters by each facet, and by several at once', () => {
    expect(slugs(visibleRows(rows, { filters: { maturity: 'graduated' } }, schema))).toEqual([
      'Linkerd',
      'opentelemetry',
      'tikv',
    ]);
    expect(slugs(visibleRows(rows, { filters: { category: 'runtime' } }, schema))).toEqual(['akri', 'Linkerd', 'tikv']);
    expect(
      slugs(
        visibleRows(rows, { filters: { maturity: 'graduated', usage: 'pure', category: 'observability' } }, schema),
      ),
    ).toEqual(['Linkerd']);
    expect(
      visibleRows(rows, { filters: { maturity: 'graduated', usage: 'sdk', category: 'runtime' } }, schema),
    ).toEqual([]);
  });

  it('sorts numbers as numbers, blanks last in both directions, ties in page order', () => {
    const desc = visibleRows(rows, { sort: { key: 'lines', dir: 'descending' }, filters: {} }, schema);
    expect(slugs(desc)).toEqual(['tikv', 'Linkerd', 'akri', 'opentelemetry', 'paralus']);
    const asc = visibleRows(rows, { sort: { key: 'lines', dir: 'ascending' }, filters: {} }, schema);
    expect(slugs(asc)).toEqual(['akri', 'opentelemetry', 'Linkerd', 'tikv', 'paralus']);
  });

  it('sorts text without regard to case, and ISO dates chronologically', () => {
    const byName = visibleRows(rows, { sort: { key: 'name', dir: 'descending' }, filters: {} }, schema);
    expect(slugs(byName)).toEqual(['tikv', 'paralus', 'opentelemetry', 'Linkerd', 'akri']);
    const byDate = visibleRows(rows, { sort: { key: 'accepted', dir: 'ascending' }, filters: {} }, schema);
    expect(byDate[0].slug).toBe('Linkerd');
  });

  it('sorts a rank column by its list order, not alphabetically, starting in that order', () => {
    // The table renders each maturity's place in MATURITY_LEVELS (sandbox … archived) as its value.
    const ranked: TableSchema = { columns: { maturity: 'rank' }, facets: {} };
    const levels = ['archived', 'graduated', 'incubating', 'sandbox'];
    const byLevel = levels.map((m) => ({
      ...row(m, m, 'pure', [], '1'),
      values: { maturity: String((MATURITY_LEVELS as readonly string[]).indexOf(m)) },
    }));
    const first = toggleSort({ filters: {} }, 'maturity', 'rank');
    expect(first.sort).toEqual({ key: 'maturity', dir: 'ascending' });
    expect(slugs(visibleRows(byLevel, first, ranked))).toEqual(['sandbox', 'incubating', 'graduated', 'archived']);
    expect(slugs(visibleRows(byLevel, toggleSort(first, 'maturity', 'rank'), ranked))).toEqual([
      'archived',
      'graduated',
      'incubating',
      'sandbox',
    ]);
    // Ranks past 9 still compare as numbers.
    const ten = [
      { ...byLevel[0], slug: 'ten', values: { maturity: '10' } },
      { ...byLevel[1], slug: 'two', values: { maturity: '2' } },
    ];
    expect(slugs(visibleRows(ten, first, ranked))).toEqual(['two', 'ten']);
  });

  it('sorts and filters together without touching the input', () => {
    const copy = [...rows];
    const out = visibleRows(rows, { sort: { key: 'lines', dir: 'descending' }, filters: { usage: 'sdk' } }, schema);
    expect(slugs(out)).toEqual(['opentelemetry', 'paralus']);
    expect(rows).toEqual(copy);
  });
});

describe('state changes', () => {
  it('starts a new column at its default direction and flips the same column', () => {
    const first = toggleSort({ filters: {} }, 'lines', 'number');
    expect(first.sort).toEqual({ key: 'lines', dir: 'descending' });
    expect(toggleSort(first, 'lines', 'number').sort).toEqual({ key: 'lines', dir: 'ascending' });
    expect(toggleSort(first, 'name', 'text').sort).toEqual({ key: 'name', dir: 'ascending' });
  });

  it('sets and clears a filter without changing the rest', () => {
    const state = withFilter(
      { sort: { key: 'name', dir: 'ascending' }, filters: { usage: 'pure' } },
      'maturity',
      'sandbox',
    );
    expect(state).toEqual({ sort: { key: 'name', dir: 'ascending' }, filters: { usage: 'pure', maturity: 'sandbox' } });
    expect(withFilter(state, 'usage', '').filters).toEqual({ maturity: 'sandbox' });
  });

  const n = (rust: number, noneFound: string[] = []) => ({ rust, noneFound });

  it('sums up the view for the intro and the caption: how many of how many, and the sort', () => {
    expect(viewSummary(n(33), n(33), 'sorted by name')).toBe('33 projects, sorted by name');
    expect(viewSummary(n(8), n(33), 'sorted by Rust lines, most first')).toBe(
      '8 of 33 projects, sorted by Rust lines, most first',
    );
    expect(viewSummary(n(1), n(33), 'sorted by name')).toBe('1 of 33 projects, sorted by name');
    expect(viewSummary(n(1), n(1), '')).toBe('1 project');
    expect(viewSummary(n(0), n(33), 'sorted by name')).toBe('0 of 33 projects, sorted by name');
  });

  it('counts the projects with Rust and names the entries with no Rust found apart, as every page does', () => {
    const all = n(49, ['Paralus']);
    expect(viewSummary(all, all, 'sorted by name')).toBe(
      '49 projects with Rust, plus Paralus (no Rust found), sorted by name',
    );
    expect(viewSummary(n(25, ['Paralus']), all, '')).toBe('25 of 49 projects with Rust, plus Paralus (no Rust found)');
    expect(viewSummary(n(12), all, 'sorted by name')).toBe('12 of 49 projects with Rust, sorted by name');
    expect(shownMessage(all, all)).toBe('Showing 49 projects with Rust, plus Paralus (no Rust found)');
  });

  it('announces how many projects are shown', () => {
    expect(shownMessage(n(33), n(33))).toBe('Showing 33 projects');
    expect(shownMessage(n(1), n(33))).toBe('Showing 1 of 33 projects');
    expect(shownMessage(n(0), n(33))).toBe('Showing 0 of 33 projects');
  });
});
