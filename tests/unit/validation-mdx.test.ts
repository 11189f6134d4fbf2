import { describe, expect, it } from 'vitest';
import { astroBody } from '../../src/validation/entry-file.ts';
import { checkMdx, unsafeScheme } from '../../src/validation/mdx-safety.ts';

/** What Astro compiles of an entry with this body (frontmatter blanked, lines kept). */
const doc = (body: string) => astroBody(`---\nname: x\n---\n\n${body}\n`);
/** Rules found in a body, as `line rule` strings (the body starts on line 5). */
const rules = (body: string) => checkMdx(doc(body)).map((f) => `${f.line} ${f.rule}`);

describe('unsafeScheme', () => {
  it.each([
    ['javascript:alert(1)', 'javascript'],
    ['JaVaScRiPt:alert(1)', 'javascript'],
    [' \tjava\nscript:alert(1)', 'javascript'],
    ['jav&#x61;script:alert(1)', 'javascript'],
    ['jav&#97;script&colon;alert(1)', 'javascript'],
    ['java&Tab;script:x', 'javascript'],
    ['&#x6A;avascript:x', 'javascript'],
    ['javascript\u0000:x', 'javascript'],
    ['vbscript:msgbox', 'vbscript'],
    ['data:text/html,<script>', 'data'],
    ['DATA:image/png;base64,AAAA', 'data'],
  ])('%j is %s', (url, scheme) => {
    expect(unsafeScheme(url)).toBe(scheme);
  });

  it.each(['https://example.org/', '/logos/x.svg', '#top', 'mailto:a@example.org', 'notes/javascript:x', './data:x'])(
    '%j is safe',
    (url) => {
      expect(unsafeScheme(url)).toBeUndefined();
    },
  );
});

describe('checkMdx', () => {
  it('accepts Markdown and harmless HTML', () => {
    const body = `# Title\n\nText with **bold**, \`code\`, [a link](https://example.org/) and <abbr title="x">X</abbr>.\n\n![a chart](/figures/a.svg)`;
    expect(checkMdx(doc(body))).toEqual([]);
  });

  it('refuses every capitalised tag: entries use no components', () => {
    expect(checkMdx(doc('<Callout type="warning">\nx\n</Callout>'))).toEqual([
      {
        line: 5,
        rule: 'mdx:unknown-component',
        message: '<Callout> is not an entry component (expected Markdown or plain HTML; entries use no components)',
      },
    ]);
  });

  it('finds every problem in one body, each with its own line', () => {
    const body = [
      "import X from 'x'", // 5
      '',
      'Text {danger} here.', // 7
      '',
      '<div onMouseOver="x()">hover</div>', // 9
      '',
      '<Script />', // 11
      '',
      '<a href="javascript:void(0)">x</a>', // 13
    ].join('\n');
    expect(rules(body)).toEqual([
      '5 mdx:no-import-export',
      '7 mdx:no-expression',
      '9 mdx:event-handler',
      '11 mdx:unknown-component',
      '13 mdx:unsafe-url',
    ]);
  });

  it('refuses expressions in every form, comments included', () => {
    expect(rules('{/* a comment */}')).toEqual(['5 mdx:no-expression']);
    expect(rules('<Figure src="/a.svg" alt={name} />')).toContain('5 mdx:no-expression');
    expect(rules('<a {...props}>x</a>')).toEqual(['5 mdx:no-expression']);
  });

  it('refuses forbidden lowercase tags whatever their case, and namespaced tags', () => {
    expect(rules('<iframe src="https://example.org/"></iframe>')).toEqual(['5 mdx:forbidden-tag']);
    expect(rules('<link rel="stylesheet" href="https://example.org/x.css" />')).toEqual(['5 mdx:forbidden-tag']);
    expect(rules('<svg:script />')).toEqual(['5 mdx:forbidden-tag']);
    expect(rules('<SCRIPT>x</SCRIPT>')).toEqual(['5 mdx:unknown-component']);
  });

  it('allows data: only where a browser does not load it', () => {
    expect(rules('<abbr title="data: a chart">x</abbr>')).toEqual([]);
    expect(rules('<img src="data:image/png;base64,AAAA" alt="" />')).toEqual(['5 mdx:unsafe-url']);
    expect(rules('<img srcset="/a.png 1x, data:image/png;base64,AAAA 2x" alt="" />')).toEqual(['5 mdx:unsafe-url']);
    expect(rules('<abbr title="javascript:alert(1)">x</abbr>')).toEqual(['5 mdx:unsafe-url']);
  });

  it('turns a parse error into one finding with the parser line', () => {
    expect(checkMdx(doc('Para.\n\n<Callout>\n\ntext'))).toEqual([
      { line: 7, rule: 'mdx:syntax', message: expect.stringContaining('Expected a closing tag for `<Callout>`') },
    ]);
    expect(checkMdx(doc('<!-- an HTML comment -->'))[0]).toMatchObject({ line: 5, rule: 'mdx:syntax' });
  });
});
