import { describe, expect, it } from 'vitest';
import { gzipSize, pageReferences, pageWeight, resolvePath, staticImports } from '../../scripts/lib/page-weight.ts';
import { CONTENT_SECURITY_POLICY } from '../../src/data/site/csp.ts';
import { parsePolicy, scriptSources } from '../helpers/csp.ts';

const files: Record<string, string> = {
  '/b/_astro/site.css': 'body{color:red}'.repeat(20),
  '/b/_astro/loader.js': 'import{a}from"./chunk.js";document.addEventListener("focusin",()=>import("./search.js"));',
  '/b/_astro/chunk.js': 'export const a=1;',
  '/b/_astro/search.js': 'x'.repeat(5000),
  '/b/theme.js': '(function(){})();',
};
const read = (path: string) => (path in files ? Buffer.from(files[path]) : undefined);

describe('pageReferences', () => {
  it('finds stylesheets, scripts, module preloads and inline scripts, not JSON blocks', () => {
    const refs = pageReferences(
      '<link rel="icon" href="/b/f.svg"><link rel="stylesheet" href="/b/_astro/site.css"><link rel="modulepreload" href="/b/_astro/chunk.js">' +
        '<script src="/b/theme.js"></script><script type="module" src="/b/_astro/loader.js"></script><script type="application/ld+json">{}</script><script>go()</script>',
    );
    expect(refs).toEqual({
      stylesheets: ['/b/_astro/site.css'],
      scripts: ['/b/_astro/chunk.js', '/b/theme.js', '/b/_astro/loader.js'],
      inlineScripts: ['go()'],
      scriptTags: 4,
    });
  });
});

describe('staticImports', () => {
  it('lists static imports and re-exports of minified code, not dynamic import()', () => {
    expect(
      staticImports('import{a as b}from"./x.js";import"./y.js";export{c}from\'./z.js\';const d=import("./lazy.js");'),
    ).toEqual(['./x.js', './y.js', './z.js']);
  });
});

describe('resolvePath', () => {
  it('resolves relative and root-absolute references, and rejects other sites', () => {
    expect(resolvePath('./chunk.js', '/b/_astro/loader.js')).toBe('/b/_astro/chunk.js');
    expect(resolvePath('/b/x.css', '/b/projects/a/')).toBe('/b/x.css');
    expect(resolvePath('https://cdn.example.org/x.js', '/b/')).toBeUndefined();
    expect(resolvePath('data:text/css,', '/b/')).toBeUndefined();
  });
});

describe('pageWeight', () => {
  it('adds the gzipped HTML, CSS and statically imported JS, leaving lazy imports out', () => {
    const html =
      '<html><head><link rel="stylesheet" href="/b/_astro/site.css"><script src="/b/theme.js"></script><script type="module" src="/b/_astro/loader.js"></script></head><body>Hi</body></html>';
    const w = pageWeight(html, '/b/projects/a/', read);
    expect(w.css.map((a) => a.url)).toEqual(['/b/_astro/site.css']);
    expect(w.js.map((a) => a.url)).toEqual(['/b/theme.js', '/b/_astro/loader.js', '/b/_astro/chunk.js']);
    expect(w.html.gzip).toBe(gzipSize(html));
    expect(w.htmlCssGzip).toBe(gzipSize(html) + gzipSize(files['/b/_astro/site.css']));
    expect(w.totalGzip).toBe(
      w.htmlCssGzip +
        ['/b/theme.js', '/b/_astro/loader.js', '/b/_astro/chunk.js'].reduce((s, f) => s + gzipSize(files[f]), 0),
    );
    expect(w.requests).toBe(5);
    expect(w.scriptTags).toBe(2);
    expect(w.missing).toEqual([]);
  });

  it('reports references that are missing or on another site', () => {
    const w = pageWeight(
      '<link rel="stylesheet" href="/b/none.css"><script src="https://cdn.example.org/x.js"></script>',
      '/b/',
      read,
    );
    expect(w.missing).toEqual(['/b/none.css', 'https://cdn.example.org/x.js']);
  });
});

describe('Content-Security-Policy', () => {
  it('allows only the site itself, with no inline script or style', () => {
    const policy = parsePolicy(CONTENT_SECURITY_POLICY);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('style-src')).toEqual(["'self'"]);
    expect(scriptSources(policy)).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/'unsafe-inline'|'unsafe-eval'|'unsafe-hashes'|\*|https?:|data:/);
  });
});
