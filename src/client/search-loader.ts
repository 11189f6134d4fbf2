/**
 * Runs on every page and stays tiny: it swaps the no-JS "Search" link for the search box
 * and loads the search UI (and, through it, Pagefind's index) only when the reader starts a
 * search: focus or typing in a box, or arriving at /search/?q=….
 */
const forms = document.querySelectorAll<HTMLFormElement>('form[data-search]');

for (const form of forms) {
  const input = form.querySelector<HTMLInputElement>('input[type="search"]');
  if (!input) continue;
  form.hidden = false;
  for (const link of document.querySelectorAll<HTMLElement>('[data-search-link]')) link.hidden = true;

  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    import('./search-ui.ts').then(
      (ui) => ui.attachSearch(form, input),
      () => {
        started = false;
      },
    );
  };
  input.addEventListener('focus', start);
  input.addEventListener('input', start);
  if (form.dataset.search === 'page') {
    const query = new URLSearchParams(location.search).get('q');
    if (query) {
      input.value = query;
      start();
    }
  }
}
