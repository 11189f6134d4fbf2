/**
 * Progressive enhancement of the project table (src/components/ProjectTable.astro): sort
 * buttons in the sortable column headers, and on /projects/ the filter controls of
 * src/components/TableControls.astro. The state lives in the query string (pushState on each
 * change, popstate restores), so a view can be shared, reloaded and navigated back to.
 * It also keeps the page's words true to the view: elements marked `data-table-summary` with the
 * table's id (the intro and the caption) say how many projects show and how they are sorted, in
 * the words the sortable headers carry (`data-asc`, `data-desc`), and the `data-table-empty`
 * message with its "Show all" button stands in for a table that no project is left in. Rows
 * that do not match are taken out of the table, so its last row is the last one shown.
 * Without JavaScript the full table and the links to the group pages stay as they are.
 * All decisions are made by the tested pure module src/data/views/table-state.ts.
 */
import { countLabel } from '../data/views/counts.ts';
import {
  FACETS,
  columnTotal,
  countRows,
  facetCounts,
  parseState,
  serializeState,
  shownMessage,
  toggleSort,
  viewSummary,
  visibleRows,
  withFilter,
  type ColumnType,
  type Facet,
  type RowData,
  type TableSchema,
  type TableState,
} from '../data/views/table-state.ts';

interface Row extends RowData {
  tr: HTMLTableRowElement;
}

function enhance(table: HTMLTableElement) {
  const body = table.tBodies[0];
  const headers = [...table.querySelectorAll<HTMLTableCellElement>('thead th[data-sort][data-key]')];
  const controls = document.querySelector<HTMLFormElement>(`form[data-table-controls="${table.id}"]`);
  const selects = new Map<Facet, HTMLSelectElement>();
  for (const facet of FACETS) {
    const select = controls?.querySelector<HTMLSelectElement>(`select[name="${facet}"]`);
    if (select) selects.set(facet, select);
  }

  const schema: TableSchema = { columns: {}, facets: {} };
  for (const th of headers) schema.columns[th.dataset.key!] = th.dataset.sort as ColumnType;
  for (const [facet, select] of selects) schema.facets[facet] = [...select.options].map((o) => o.value).filter(Boolean);

  const rows: Row[] = [...body.rows].map((tr) => {
    const values: Record<string, string> = {};
    for (const th of headers) {
      const cell = tr.cells[th.cellIndex];
      values[th.dataset.key!] = cell?.dataset.value ?? cell?.textContent?.trim() ?? '';
    }
    const { slug = '', maturity = '', usage = '', categories = '' } = tr.dataset;
    const name = tr.cells[0]?.dataset.value ?? '';
    return { tr, slug, name, maturity, usage, categories: categories.split(' ').filter(Boolean), values };
  });

  let state: TableState = parseState(location.search, schema);
  const status = controls?.querySelector<HTMLElement>('[data-table-status]');
  const summaries = document.querySelectorAll<HTMLElement>(`[data-table-summary="${table.id}"]`);
  const empty = document.querySelector<HTMLElement>(`[data-table-empty="${table.id}"]`);
  const frame = table.parentElement!;
  const nameInput = controls?.querySelector<HTMLInputElement>('input[name="name"]');
  const subtotalLabel = table.querySelector<HTMLElement>('[data-table-subtotal-label]');
  const subtotalCode = table.querySelector<HTMLElement>('[data-table-subtotal="code"]')?.firstChild;
  const totalLabel = subtotalLabel?.textContent;
  const integer = new Intl.NumberFormat('en-US');

  function render() {
    const shown = visibleRows(rows, state, schema);
    body.replaceChildren(...shown.map((r) => r.tr));
    const sort = state.sort;
    // Without a sort the page keeps its own order, the first column's ascending one.
    let sorted = headers[0]?.dataset.asc;
    for (const th of headers) {
      if (sort && sort.key === th.dataset.key) {
        th.setAttribute('aria-sort', sort.dir);
        sorted = th.dataset[sort.dir === 'ascending' ? 'asc' : 'desc'];
      } else th.removeAttribute('aria-sort');
    }
    for (const [facet, select] of selects) {
      select.value = state.filters[facet] ?? '';
      // Each option says how many rows choosing it would show, given the other filters.
      const counts = facetCounts(rows, state, facet, schema.facets[facet] ?? []);
      for (const option of select.options)
        if (option.value)
          option.text = `${option.dataset.label} (${countLabel(counts[option.value] ?? { rust: 0, noneFound: [] })})`;
    }
    if (nameInput && document.activeElement !== nameInput) nameInput.value = state.name ?? '';
    const [shownCount, totalCount] = [countRows(shown), countRows(rows)];
    if (subtotalLabel && subtotalCode) {
      const all = shown.length === rows.length;
      subtotalLabel.textContent = all ? totalLabel! : `Subtotal, ${viewSummary(shownCount, totalCount, '')} shown`;
      subtotalCode.textContent = integer.format(columnTotal(shown, 'code'));
    }
    if (status) status.textContent = shownMessage(shownCount, totalCount);
    for (const summary of summaries) summary.textContent = viewSummary(shownCount, totalCount, sorted ?? '');
    if (empty) {
      empty.hidden = shown.length > 0;
      frame.hidden = !empty.hidden;
    }
  }

  /** `replace` for typing in the name box: one history entry per search, not per keystroke. */
  function update(next: TableState, replace = false) {
    state = next;
    history[replace ? 'replaceState' : 'pushState'](
      null,
      '',
      location.pathname + serializeState(state, location.search) + location.hash,
    );
    render();
  }

  for (const th of headers) {
    const key = th.dataset.key!;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'sort';
    const icon = document.createElement('span');
    icon.className = 'sort-icon';
    icon.setAttribute('aria-hidden', 'true');
    button.append(...th.childNodes, icon);
    th.append(button);
    button.addEventListener('click', () => update(toggleSort(state, key, schema.columns[key])));
  }
  for (const [facet, select] of selects)
    select.addEventListener('change', () => update(withFilter(state, facet, select.value)));
  nameInput?.addEventListener('input', () => update({ ...state, name: nameInput.value.trim() || undefined }, true));
  controls?.addEventListener('submit', (event) => event.preventDefault());
  controls?.addEventListener('reset', (event) => {
    event.preventDefault();
    // The empty message's button hides with the message: keep the focus on the controls.
    const refocus = empty?.contains(document.activeElement);
    update({ ...state, filters: {}, name: undefined });
    if (nameInput) nameInput.value = '';
    if (refocus) selects.values().next().value?.focus();
  });
  addEventListener('popstate', () => {
    state = parseState(location.search, schema);
    render();
  });

  if (controls) {
    controls.hidden = false;
    for (const nav of document.querySelectorAll<HTMLElement>('[data-table-fallback]')) nav.hidden = true;
  }
  table.dataset.enhanced = '';
  render();
}

for (const table of document.querySelectorAll<HTMLTableElement>('table[data-project-table]')) enhance(table);
