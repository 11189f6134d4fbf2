/**
 * The Content-Security-Policy every page carries in a `<meta http-equiv>` (GitHub Pages sets
 * no headers). Everything comes from the site itself; no inline script or style is allowed,
 * which is why astro.config sets `build.inlineStylesheets: 'never'` and keeps scripts external.
 * `'wasm-unsafe-eval'` lets Pagefind compile its WebAssembly search core on the page itself,
 * which it does when its web worker cannot start (the worker, a file of its own, is not under
 * this page's policy); it allows no `eval` of JavaScript. `frame-ancestors` and `report-uri`
 * would be ignored in a meta policy, so they are not set.
 */
export const CSP_DIRECTIVES: readonly (readonly [string, ...string[]])[] = [
  ['default-src', "'self'"],
  ['script-src', "'self'", "'wasm-unsafe-eval'"],
  ['style-src', "'self'"],
  ['img-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'self'"],
  ['form-action', "'self'"],
];

export function policyText(directives: readonly (readonly string[])[] = CSP_DIRECTIVES): string {
  return directives.map((d) => d.join(' ')).join('; ');
}

export const CONTENT_SECURITY_POLICY = policyText();
