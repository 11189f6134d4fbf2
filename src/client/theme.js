/*
 * Theme: applies the reader's saved choice before the page paints (this file is loaded as a
 * blocking classic script in <head>, so there is no flash of the other theme) and wires the
 * header toggle. No saved choice means the system preference decides, through CSS alone.
 * An external file rather than an inline script, so a Content-Security-Policy without
 * 'unsafe-inline' can allow it with 'self'. Served as /theme.js, byte for byte, by
 * src/pages/theme.js.ts (public/ may hold no script).
 */
(function () {
  var KEY = 'cncf-rust-catalog:theme';
  var root = document.documentElement;
  var system = window.matchMedia('(prefers-color-scheme: dark)');
  var saved = null;
  try {
    saved = localStorage.getItem(KEY);
  } catch {
    /* storage blocked: follow the system */
  }
  if (saved === 'light' || saved === 'dark') root.setAttribute('data-theme', saved);

  function isDark() {
    var chosen = root.getAttribute('data-theme');
    return chosen ? chosen === 'dark' : system.matches;
  }
  function sync() {
    var buttons = document.querySelectorAll('[data-theme-toggle]');
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute('aria-pressed', String(isDark()));
      buttons[i].hidden = false;
    }
  }
  document.addEventListener('DOMContentLoaded', sync);
  if (system.addEventListener) system.addEventListener('change', sync);
  document.addEventListener('click', function (event) {
    var target = event.target;
    if (!(target instanceof Element) || !target.closest('[data-theme-toggle]')) return;
    var next = isDark() ? 'light' : 'dark';
    root.setAttribute('data-theme', next);
    try {
      localStorage.setItem(KEY, next);
    } catch {
      /* the choice lasts for this page only */
    }
    sync();
  });
})();
