/**
 * A small results UI over Pagefind's JS API (lighter than Pagefind's own UI, and without its
 * accessibility issues). Loaded on demand by search-loader.ts. The same code drives the
 * header box (a dropdown of the first few results) and the /search/ page (a longer list).
 *
 * Markup it expects inside the form: `input[type=search]`, `[data-search-status]` (a live
 * region), and `[data-search-results]` holding `[data-search-summary]`, `ol[data-search-list]`
 * and, on the search page, a `[data-search-more]` button that lists the next results.
 */
import { withBase } from '../data/site/paths.ts';
import { withoutJoiners } from '../data/views/search-index.ts';

interface ResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
}
interface Result {
  /** The page's id in the index: the same page found by two searches has the same id. */
  id: string;
  data(): Promise<ResultData>;
}
interface Search {
  results: Result[];
}
interface SearchOptions {
  filters?: Record<string, string>;
}
interface Pagefind {
  options(options: object): Promise<void>;
  init(): Promise<void>;
  /** A null query with filters lists every page the filters select. */
  search(query: string | null, options?: SearchOptions): Promise<Search>;
  debouncedSearch(query: string, options?: SearchOptions, ms?: number): Promise<Search | null>;
}

let loading: Promise<Pagefind> | undefined;
/**
 * A match in a page's title (its h1) counts ten times a match in its text, so a project's own
 * page ranks first for its name, above pages that mention it often (Krator names kube-rs).
 */
// termSimilarity above its default of 1 ranks an exact word ("spin") above a longer one it starts ("spinkube").
// A project's repository roles weigh like a short title of their own ("Kubernetes client, runtime and derive macros").
export const SEARCH_OPTIONS = { ranking: { metaWeights: { title: 10, aliases: 7, roles: 6 }, termSimilarity: 5 } };
/** Whether a result's title is the query itself, ignoring case. */
export const exactTitle = (r: { meta: { title?: string } }, query: string): boolean =>
  withoutJoiners(r.meta.title ?? '')
    .trim()
    .toLowerCase() === query.trim().toLowerCase();
/** Whether a result is the page of the crate the query names (crate pages carry `crate` in their meta). */
export const exactCrate = (r: { meta: { crate?: string } }, query: string): boolean =>
  (r.meta.crate ?? '').toLowerCase() === query.trim().toLowerCase();

/**
 * Whether a query of two or more words is a phrase of the result's summary or repository roles,
 * what a project is in its own words ("kubernetes client": kube-rs's roles say "Kubernetes
 * client, runtime and derive macros"; a page that only says "Kubernetes" here and "client" there
 * does not).
 */
export const phraseInSummary = (r: { meta: { summary?: string; roles?: string } }, query: string): boolean => {
  const words = query.trim().toLowerCase().split(/\s+/);
  if (words.length < 2) return false;
  const phrase = words.join(' ');
  return [r.meta.summary, r.meta.roles].some((text) =>
    withoutJoiners(text ?? '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}+#]+/gu, ' ')
      .includes(phrase),
  );
};

/** Shortest query searched: one letter would match every word that starts with it. */
const MIN_QUERY = 2;

/** Pagefind's own script, built next to the site by src/integrations/pagefind-index.ts. */
function loadPagefind(): Promise<Pagefind> {
  loading ??= import(/* @vite-ignore */ withBase('/pagefind/pagefind.js')).then(async (pagefind: Pagefind) => {
    await pagefind.options(SEARCH_OPTIONS);
    await pagefind.init();
    return pagefind;
  });
  return loading;
}

/** Pagefind's excerpt is HTML with <mark> around matches: keep the text and the marks only. */
function excerptNodes(html: string): Node[] {
  const template = document.createElement('template');
  template.innerHTML = withoutJoiners(html);
  return [...template.content.childNodes].map((node) => {
    if (node.nodeName !== 'MARK') return document.createTextNode(node.textContent ?? '');
    const mark = document.createElement('mark');
    mark.textContent = node.textContent;
    return mark;
  });
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, ...children: (Node | string)[]) {
  const node = document.createElement(tag);
  node.className = className;
  node.append(...children);
  return node;
}

function resultItem(data: ResultData): HTMLLIElement {
  const link = el('a', 'result-link', el('span', 'result-title', withoutJoiners(data.meta.title ?? data.url)));
  link.href = data.url;
  const maturity = data.meta.maturity;
  if (maturity) link.append(' ', el('span', `badge m-${maturity.toLowerCase()}`, maturity));
  const item = el('li', '', link);
  // Project pages say what they are in figures (usage, code lines, share); every result says why it matched.
  if (data.meta.facts) item.append(el('p', 'result-facts', data.meta.facts));
  item.append(el('p', 'result-text', ...excerptNodes(data.excerpt)));
  return item;
}

export function attachSearch(form: HTMLFormElement, input: HTMLInputElement): void {
  const status = form.querySelector<HTMLElement>('[data-search-status]')!;
  const panel = form.querySelector<HTMLElement>('[data-search-results]')!;
  const summary = form.querySelector<HTMLElement>('[data-search-summary]')!;
  const list = form.querySelector<HTMLOListElement>('[data-search-list]')!;
  const more = form.querySelector<HTMLButtonElement>('[data-search-more]');
  const isPage = form.dataset.search === 'page';
  // The header lists a few results; the page lists 20 at a time, and "Show more results" adds the next 20.
  const step = isPage ? 20 : 6;
  let latest = 0;
  let query = '';
  let results: Result[] = [];

  const show = (open: boolean) => {
    panel.hidden = !open;
  };
  const say = (message: string) => {
    summary.textContent = message;
    status.textContent = message;
  };

  /** Lists the results from `list`'s current length up to `step` more; false if a newer search started meanwhile. */
  async function listMore(ticket: number): Promise<boolean> {
    const start = list.childElementCount;
    const data = await Promise.all(results.slice(start, start + step).map((r) => r.data()));
    if (ticket !== latest) return false;
    // A page titled exactly what was typed comes first ("spin": Spin before SpinKube, which says "Spin" more often),
    // then the page of a crate of that name ("tokio"), then a project that says the phrase of what it is
    // ("kubernetes client"), then the rest in the index's order.
    const rank = (d: ResultData) =>
      exactTitle(d, query) ? 0 : exactCrate(d, query) ? 1 : phraseInSummary(d, query) ? 2 : 3;
    if (start === 0) data.sort((a, b) => rank(a) - rank(b));
    list.append(...data.map(resultItem));
    const total = results.length;
    const listed = list.childElementCount;
    const count = `${total} ${total === 1 ? 'page' : 'pages'} found for “${query}”`;
    say(
      total === 0
        ? `Nothing found for “${query}”.`
        : listed < total
          ? `${count}; the first ${listed} are listed.`
          : `${count}.`,
    );
    if (more) more.hidden = listed >= total;
    return true;
  }

  async function run() {
    query = input.value.trim();
    const ticket = ++latest;
    if (query.length < MIN_QUERY) {
      list.replaceChildren();
      if (more) more.hidden = true;
      say(query ? `Type at least ${MIN_QUERY} letters to search.` : '');
      show(query !== '');
      return;
    }
    if (!query) {
      list.replaceChildren();
      if (more) more.hidden = true;
      say('');
      show(false);
      return;
    }
    let pagefind: Pagefind;
    try {
      pagefind = await loadPagefind();
    } catch {
      say('Search could not be loaded. Try reloading the page.');
      show(true);
      return;
    }
    // Two searches: the site's pages, then the crate pages. Crate pages come after every other
    // page, so a crate named like a project (tikv-jemallocator, opentelemetry) never outranks the
    // project's own page, except the crate named exactly as the query, which joins the top.
    const pages = await pagefind.debouncedSearch(query, { filters: { kind: 'page' } }, 150);
    if (!pages || ticket !== latest) return;
    // The crate of that name, if it has a page: crate pages carry their name as a filter value.
    const [crates, named] = await Promise.all([
      pagefind.search(query, { filters: { kind: 'crate' } }),
      pagefind.search(null, { filters: { crate: query.toLowerCase() } }),
    ]);
    if (ticket !== latest) return;
    const exact = named.results.slice(0, 1);
    results = [...exact, ...pages.results, ...crates.results.filter((r) => r.id !== exact[0]?.id)];
    list.replaceChildren();
    if (await listMore(ticket)) show(true);
  }

  let adding = false;
  more?.addEventListener('click', async () => {
    if (adding) return;
    adding = true;
    const first = list.childElementCount;
    try {
      // Focus moves to the first new result, so keyboard and screen reader users read on from there.
      if (await listMore(latest)) list.children[first]?.querySelector('a')?.focus();
    } finally {
      adding = false;
    }
  });

  const links = () => [...list.querySelectorAll<HTMLAnchorElement>('a')];
  form.addEventListener('keydown', (event) => {
    const items = links();
    const at = items.indexOf(document.activeElement as HTMLAnchorElement);
    if (event.key === 'ArrowDown' && items.length) {
      event.preventDefault();
      show(true);
      items[Math.min(at + 1, items.length - 1)].focus();
    } else if (event.key === 'ArrowUp' && at >= 0) {
      event.preventDefault();
      (at === 0 ? input : items[at - 1]).focus();
    } else if (event.key === 'Escape' && !isPage && !panel.hidden) {
      event.preventDefault();
      show(false);
      input.focus();
    }
  });
  input.addEventListener('input', run);
  // Attached on the first focus or keystroke: start fetching the index while the reader types.
  loadPagefind().catch(() => undefined);
  if (isPage) {
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const url = new URL(location.href);
      url.searchParams.set('q', input.value.trim());
      history.replaceState(null, '', url);
      run();
    });
  } else {
    // Focus coming back from the results (ArrowUp, Escape) must not reopen a list the reader just closed.
    input.addEventListener('focus', (event) => {
      if (form.contains(event.relatedTarget as Node | null)) return;
      if (input.value.trim() && list.childElementCount + summary.textContent!.length > 0) show(true);
    });
    form.addEventListener('focusout', (event) => {
      if (!form.contains(event.relatedTarget as Node | null)) show(false);
    });
  }
  run();
}
