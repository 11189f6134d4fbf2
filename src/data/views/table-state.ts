/**
 * The state of an enhanced project table (sort column and direction, one filter per facet)
 * and the pure logic around it: reading and writing it in a URL query string, and deciding
 * which rows show and in what order. The browser script in src/client/project-table.ts only
 * moves DOM nodes according to what this module returns, so everything here is unit-tested.
 */

import { countPhrase, countProjects, entries, noneFoundPhrase, type ProjectCount } from './counts.ts';

/** The Rust usage of entries where no Rust was found (src/schemas/taxonomy.ts). */
const NONE_FOUND = 'none-found';

export type SortDirection = 'ascending' | 'descending';
/**
 * How a column's values compare: `text` alphabetically, `number` numerically (first click:
 * biggest first), `rank` numerically by a position rendered at build time from an ordered list
 * such as the schema's maturity levels (first click: the list's own order).
 */
export type ColumnType = 'text' | 'number' | 'rank';
export const FACETS = ['maturity', 'usage', 'category'] as const;
export type Facet = (typeof FACETS)[number];

export interface TableState {
  sort?: { key: string; dir: SortDirection };
  /** One selected value per facet; an absent facet means "all". */
  filters: Partial<Record<Facet, string>>;
  /** Text the project's name must contain (any case); absent or empty means any name. */
  name?: string;
}

/** Longest name filter kept from a URL: project names are short, and a pasted essay is not a filter. */
export const NAME_FILTER_MAX = 60;

/** What a table allows, so a hand-edited or stale URL cannot select anything else. */
export interface TableSchema {
  /** Sortable column keys and how their values compare. */
  columns: Record<string, ColumnType>;
  /** Allowed values per facet; a facet missing here is not filterable on this table. */
  facets: Partial<Record<Facet, readonly string[]>>;
}

/** A row as plain data: `values` holds each sortable column's raw value by column key. */
export interface RowData {
  slug: string;
  /** The project's display name, for the name filter. */
  name: string;
  maturity: string;
  usage: string;
  categories: readonly string[];
  values: Record<string, string>;
}

const DIRECTIONS: Record<string, SortDirection> = { asc: 'ascending', desc: 'descending' };

/** The direction a first click on a column sorts by: biggest numbers first, text A to Z, ranks in their list's order. */
export function defaultDirection(type: ColumnType): SortDirection {
  return type === 'number' ? 'descending' : 'ascending';
}

/** Reads a state from a query string (`?sort=lines&dir=desc&maturity=graduated`), dropping anything the schema does not allow. */
export function parseState(search: string, schema: TableSchema): TableState {
  const params = new URLSearchParams(search);
  const state: TableState = { filters: {} };
  const key = params.get('sort');
  if (key && Object.hasOwn(schema.columns, key)) {
    const dir = DIRECTIONS[params.get('dir') ?? ''] ?? defaultDirection(schema.columns[key]);
    state.sort = { key, dir };
  }
  for (const facet of FACETS) {
    const value = params.get(facet);
    if (value && schema.facets[facet]?.includes(value)) state.filters[facet] = value;
  }
  const name = params.get('name')?.trim().slice(0, NAME_FILTER_MAX);
  if (name) state.name = name;
  return state;
}

/**
 * Writes a state as a query string, in a fixed parameter order so equal states give equal
 * URLs; returns '' for the default state (no sort, no filter). Other parameters already in
 * `existing` (anything the table does not own) are kept.
 */
export function serializeState(state: TableState, existing = ''): string {
  const params = new URLSearchParams(existing);
  for (const name of ['sort', 'dir', ...FACETS, 'name']) params.delete(name);
  if (state.sort) {
    params.set('sort', state.sort.key);
    params.set('dir', state.sort.dir === 'ascending' ? 'asc' : 'desc');
  }
  for (const facet of FACETS) {
    const value = state.filters[facet];
    if (value) params.set(facet, value);
  }
  const name = state.name?.trim();
  if (name) params.set('name', name);
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** Whether a row's name contains the filter text, ignoring case and accents ("linker" finds Linkerd). */
export function matchesName(row: Pick<RowData, 'name'>, text: string | undefined): boolean {
  const wanted = fold(text ?? '');
  return wanted === '' || fold(row.name).includes(wanted);
}
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();

/** Whether a row passes every active filter (the name filter too, when `name` is given). */
export function matchesFilters(row: RowData, filters: TableState['filters'], name?: string): boolean {
  if (!matchesName(row, name)) return false;
  if (filters.maturity && row.maturity !== filters.maturity) return false;
  if (filters.usage && row.usage !== filters.usage) return false;
  if (filters.category && !row.categories.includes(filters.category)) return false;
  return true;
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
const isBlank = (v: string | undefined): v is undefined | '' => v === undefined || v === '';

/** Compares two present values of a column. */
function compareValues(a: string, b: string, type: ColumnType): number {
  if (type !== 'text') {
    const x = Number(a);
    const y = Number(b);
    if (Number.isNaN(x) || Number.isNaN(y)) return collator.compare(a, b);
    return x - y;
  }
  return collator.compare(a, b);
}

/**
 * The rows to show, in display order: filtered, then sorted by the state's column (stable,
 * so equal values keep the page's own order, which is by name). Without a sort the page
 * order is kept.
 */
export function visibleRows<R extends RowData>(rows: readonly R[], state: TableState, schema: TableSchema): R[] {
  const shown = rows.filter((row) => matchesFilters(row, state.filters, state.name));
  const sort = state.sort;
  if (!sort || !Object.hasOwn(schema.columns, sort.key)) return shown;
  const type = schema.columns[sort.key];
  const sign = sort.dir === 'ascending' ? 1 : -1;
  return shown
    .map((row, index) => ({ row, index }))
    .sort((a, b) => {
      const va = a.row.values[sort.key];
      const vb = b.row.values[sort.key];
      // Missing values stay last in both directions, so blanks never lead the table.
      if (isBlank(va) || isBlank(vb)) return Number(isBlank(va)) - Number(isBlank(vb)) || a.index - b.index;
      return sign * compareValues(va, vb, type) || a.index - b.index;
    })
    .map(({ row }) => row);
}

/** The state after a click on a column's sort button: a new column starts at its default direction, the same column flips. */
export function toggleSort(state: TableState, key: string, type: ColumnType): TableState {
  const dir: SortDirection =
    state.sort?.key === key ? (state.sort.dir === 'ascending' ? 'descending' : 'ascending') : defaultDirection(type);
  return { ...state, sort: { key, dir } };
}

/** The state with one facet set to a value, or cleared with ''. */
export function withFilter(state: TableState, facet: Facet, value: string): TableState {
  const filters = { ...state.filters };
  if (value) filters[facet] = value;
  else delete filters[facet];
  return { ...state, filters };
}

/** The rows as the site counts projects: those with Rust, the none-found ones named apart (src/data/counts.ts). */
export function countRows(rows: readonly Pick<RowData, 'name' | 'usage'>[]): ProjectCount {
  return countProjects(rows.map((r) => ({ name: r.name, noneFound: r.usage === NONE_FOUND })));
}

/** "8 of 49 projects with Rust", "8 of 33 projects", "2 of 49 projects with Rust, plus Paralus (no Rust found)". */
function partOf(shown: ProjectCount, total: ProjectCount): string {
  if (entries(shown) === entries(total)) return countPhrase(total);
  const rust = `${shown.rust} of ${total.rust} ${total.rust === 1 ? 'project' : 'projects'}`;
  const withRust = total.noneFound.length > 0 ? `${rust} with Rust` : rust;
  return shown.noneFound.length > 0 ? `${withRust}, plus ${noneFoundPhrase(shown.noneFound)}` : withRust;
}

/**
 * What the table shows, for the intro and the caption, counted as every page counts:
 * "49 projects with Rust, plus Paralus (no Rust found), sorted by name", "8 of 49 projects
 * with Rust, sorted by code lines, most first", "0 of 33 projects, sorted by name" (the
 * page's own message then says that no project matches).
 */
export function viewSummary(shown: ProjectCount, total: ProjectCount, sorted: string): string {
  const count = partOf(shown, total);
  return sorted ? `${count}, ${sorted}` : count;
}

/** What the live region says: "Showing 33 projects", "Showing 8 of 33 projects". */
export function shownMessage(shown: ProjectCount, total: ProjectCount): string {
  return `Showing ${partOf(shown, total)}`;
}

/**
 * How many rows each value of a facet would show, given every other active filter (the name
 * too), counted as every page counts (src/data/counts.ts): the counts a facet's options carry,
 * so "Pure Rust (6)" is what choosing it gives.
 */
export function facetCounts(rows: readonly RowData[], state: TableState, facet: Facet, values: readonly string[]): Record<string, ProjectCount> {
  const others = { ...state.filters };
  delete others[facet];
  const matching: Record<string, RowData[]> = Object.fromEntries(values.map((v) => [v, []]));
  for (const row of rows) {
    if (!matchesFilters(row, others, state.name)) continue;
    const own = facet === 'category' ? row.categories : [facet === 'maturity' ? row.maturity : row.usage];
    for (const v of own) if (Object.hasOwn(matching, v)) matching[v].push(row);
  }
  return Object.fromEntries(Object.entries(matching).map(([v, list]) => [v, countRows(list)]));
}

/** Sum of a numeric column over the given rows (blank cells count 0): the subtotal row. */
export function columnTotal(rows: readonly Pick<RowData, 'values'>[], key: string): number {
  return rows.reduce((sum, row) => {
    const n = Number(row.values[key]);
    return sum + (row.values[key] === '' || Number.isNaN(n) ? 0 : n);
  }, 0);
}
