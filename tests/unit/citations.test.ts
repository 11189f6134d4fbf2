/**
 * Citations: markers, permalinks, sentences, the references a page shows, and the file:line
 * problems validate prints for a cited entry (the valid alpha fixture, converted, then edited).
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  MAX_CITED_LINES,
  describeLines,
  parsePermalink,
  references,
  splitMarkers,
  splitSentences,
} from '../../src/data/rules/citations.ts';
import { checkMdx } from '../../src/validation/mdx-safety.ts';
import { checkCitations, citationsRequired } from '../../src/validation/citations.ts';
import { formatProblem, validateContent } from '../../src/validation/index.ts';
import { parseYaml } from '../../src/validation/yaml.ts';
import { edit, makeTree, type TreeEdit } from '../helpers/validation-tree.ts';
import { markText } from '../../src/integrations/citation-markers.ts';

const COMMIT = '29637b64f6cebedaf15bfbf516818d7a28a4d5a6';
const permalink = (path = 'README.md', lines = '#L10-L12') =>
  `https://github.com/linkerd/linkerd2-proxy/blob/${COMMIT}/${path}${lines}`;

describe('splitMarkers', () => {
  it('splits text into runs and markers, keeping misspelt ids for the checks to report', () => {
    expect(splitMarkers('Rust.[^a-b][^c] More [^Bad_1] end')).toEqual([
      { kind: 'text', text: 'Rust.' },
      { kind: 'marker', id: 'a-b', offset: 5 },
      { kind: 'marker', id: 'c', offset: 11 },
      { kind: 'text', text: ' More ' },
      { kind: 'marker', id: 'Bad_1', offset: 21 },
      { kind: 'text', text: ' end' },
    ]);
    expect(splitMarkers('no markers, [a link] or [^ spaced]')).toEqual([
      { kind: 'text', text: 'no markers, [a link] or [^ spaced]' },
    ]);
  });
});

describe('parsePermalink', () => {
  it('reads a span, a single line and a percent-encoded path', () => {
    expect(parsePermalink(permalink())).toEqual({
      ok: true,
      value: {
        owner: 'linkerd',
        name: 'linkerd2-proxy',
        repo: 'linkerd/linkerd2-proxy',
        commit: COMMIT,
        path: 'README.md',
        start: 10,
        end: 12,
      },
    });
    expect(parsePermalink(permalink('docs/My%20File.md', '#L7'))).toMatchObject({
      ok: true,
      value: { path: 'docs/My File.md', start: 7, end: 7 },
    });
  });

  it.each([
    ['a branch', `https://github.com/o/r/blob/main/README.md#L1`, 'not a full 40-character commit hash'],
    ['a short hash', `https://github.com/o/r/blob/29637b6/README.md#L1`, 'not a full 40-character commit hash'],
    ['no lines', `https://github.com/o/r/blob/${COMMIT}/README.md`, 'cites no lines'],
    ['a tree link', `https://github.com/o/r/tree/${COMMIT}/src#L1`, 'not a GitHub link to a file at a commit'],
    ['another host', `https://gitlab.com/o/r/blob/${COMMIT}/a#L1`, 'not a GitHub link'],
    ['http', `http://github.com/o/r/blob/${COMMIT}/a#L1`, 'not a GitHub link'],
    ['backwards', `https://github.com/o/r/blob/${COMMIT}/a#L12-L10`, 'cites lines backwards (L12-L10)'],
    ['line zero', `https://github.com/o/r/blob/${COMMIT}/a#L0`, 'has the anchor "#L0"'],
    ['a column anchor', `https://github.com/o/r/blob/${COMMIT}/a#L1C3`, 'has the anchor "#L1C3"'],
    ['a query', `https://github.com/o/r/blob/${COMMIT}/a?plain=1#L1`, 'not a GitHub link'],
    ['a .. path', `https://github.com/o/r/blob/${COMMIT}/a/../b#L1`, 'with an empty, "." or ".." part'],
    [
      'too long a span',
      `https://github.com/o/r/blob/${COMMIT}/a#L1-L${MAX_CITED_LINES + 1}`,
      `more than ${MAX_CITED_LINES}`,
    ],
  ])('refuses %s', (_name, url, says) => {
    const result = parsePermalink(url);
    expect(result.ok).toBe(false);
    expect(result.ok === false && result.reason).toContain(says);
  });

  it('describes lines for readers', () => {
    expect(describeLines({ start: 4, end: 4 })).toBe('line 4');
    expect(describeLines({ start: 10, end: 12 })).toBe('lines 10–12');
  });
});

describe('splitSentences', () => {
  const texts = (text: string) => splitSentences(text).map((s) => s.text);

  it('ends a sentence at . ! ? before a capital, a digit, a quote or the end', () => {
    expect(texts('Linkerd is a mesh. It is fast! Is it? "Yes," they said. 2021 came.')).toEqual([
      'Linkerd is a mesh.',
      'It is fast!',
      'Is it?',
      '"Yes," they said.',
      '2021 came.',
    ]);
  });

  it('keeps abbreviations, versions, decimals and initials inside the sentence', () => {
    expect(
      texts(
        'Some parts, e.g. the proxy, i.e. Rust, etc. are fast. Version 1.2.3 and v0.4 ship 99.4 % Rust. William M. Morgan said so. It is written in C. Go is next.',
      ),
    ).toEqual([
      'Some parts, e.g. the proxy, i.e. Rust, etc. are fast.',
      'Version 1.2.3 and v0.4 ship 99.4 % Rust.',
      'William M. Morgan said so.',
      'It is written in C.',
      'Go is next.',
    ]);
  });

  it('gives markers after the closing punctuation (and quotes) to the sentence they follow', () => {
    expect(texts('It is Rust.[^a][^b] It said "fast."[^c] Then [^d]more words here.')).toEqual([
      'It is Rust.[^a][^b]',
      'It said "fast."[^c]',
      'Then [^d]more words here.',
    ]);
  });

  it('does not split before a lower-case word, and drops runs without words', () => {
    expect(texts('See the README. then more. [^a]')).toEqual(['See the README. then more. [^a]']);
    expect(texts(' — ')).toEqual([]);
    expect(texts('Words.   ')).toEqual(['Words.']);
  });

  it('gives each sentence its offset in the text', () => {
    expect(splitSentences('One.  Two.').map((s) => s.start)).toEqual([0, 6]);
  });
});

describe('references', () => {
  it('numbers citations in order, links permalinks and source pages, and names each for screen readers', () => {
    const sources = new Map([
      [
        'cncf-blog',
        { id: 'cncf-blog', title: 'Rust at CNCF', publisher: 'CNCF', date: '2020-06-22', url: 'https://cncf.io/x' },
      ],
    ]);
    const refs = references(
      [
        { id: 'readme', url: permalink(), quote: 'a proxy' },
        { id: 'blog', source: 'cncf-blog' },
      ],
      sources,
      (id) => `/base/sources/#${id}`,
    );
    expect(refs.map((r) => [r.number, r.id, r.href, r.label])).toEqual([
      [1, 'readme', permalink(), 'Reference 1: linkerd/linkerd2-proxy README.md lines 10–12 at commit 29637b6'],
      [2, 'blog', '/base/sources/#cncf-blog', 'Reference 2: Rust at CNCF, CNCF'],
    ]);
  });
});

describe('the marks the page draws', () => {
  const refs = references([{ id: 'readme', url: permalink(), quote: 'a proxy' }], new Map(), (id) => `/s/#${id}`);
  const byId = new Map(refs.map((r) => [r.id, r]));

  it('turn each known marker into a bracketed number linking the evidence, named for screen readers', () => {
    expect(markText('A proxy.[^readme] More[^nope].', byId)).toEqual([
      { type: 'text', value: 'A proxy.' },
      {
        type: 'element',
        tagName: 'sup',
        properties: { className: ['cite'], 'data-pagefind-ignore': '' },
        children: [
          { type: 'text', value: '[' },
          {
            type: 'element',
            tagName: 'a',
            properties: {
              href: permalink(),
              'aria-label': 'Reference 1: linkerd/linkerd2-proxy README.md lines 10–12 at commit 29637b6',
            },
            children: [{ type: 'text', value: '1' }],
          },
          { type: 'text', value: ']' },
        ],
      },
      { type: 'text', value: ' More' },
      { type: 'text', value: '[^nope]' },
      { type: 'text', value: '.' },
    ]);
  });

  it('leave text without a known marker alone', () => {
    expect(markText('No marker here.', byId)).toBeUndefined();
    expect(markText('Only [^nope].', byId)).toBeUndefined();
  });
});

describe('the MDX rules', () => {
  it('accept markers: they are plain text to the parser', () => {
    // checkMdx reads the body as Astro hands it to the compiler: the frontmatter lines blanked.
    expect(checkMdx('\n\n\n\nRust.[^a] And [^b-c][^d].\n\n- item[^e]\n')).toEqual([]);
  });
});

/** An entry file with frontmatter lines and a body, checked with the citation rules alone. */
function check(yaml: string, body: string, rule?: 'when-listed' | 'all') {
  const text = `---\n${yaml}\n---\n\n${body}\n`;
  const parsed = parseYaml(`${yaml}\n`, 2);
  if (!parsed.ok) throw new Error(parsed.message);
  return checkCitations({
    file: 'x.mdx',
    data: parsed.value as Record<string, unknown>,
    lineOf: parsed.lineOf,
    text,
    rule,
  }).map(formatProblem);
}

const CITED = `citations:\n  - id: a\n    url: ${permalink()}\n    quote: a proxy\n  - id: b\n    source: s`;

describe('checkCitations', () => {
  it('passes an entry whose every sentence is cited', () => {
    expect(
      check(
        `rationale: Fast and safe.[^b]\n${CITED}`,
        '## Heading\n\nIt is a proxy.[^a] It is safe.[^b]\n\n- A list item[^a]',
      ),
    ).toEqual([]);
  });

  it('reports unknown markers, unused citations and misplaced markers with their lines', () => {
    // Frontmatter lines 2-8 (rationale 2, citation a 4, b 7); the body from line 11.
    const problems = check(
      `rationale: Fast.[^zz]\n${CITED}`,
      ['## Title[^a]', '', 'Text [link[^a]](https://example.org/).[^a]', 'Second line.[^nope]'].join('\n'),
    );
    expect(problems).toEqual([
      'x.mdx:11: citations:marker: [^a] stands in a heading (expected markers in paragraphs and list items, after the words they support)',
      'x.mdx:13: citations:marker: [^a] stands in the text of a link (expected markers in paragraphs and list items, after the words they support)',
      'x.mdx:14: citations:marker: [^nope] names no citation (expected the id of an item of citations: a, b)',
      'x.mdx:2: rationale: [^zz] names no citation (expected the id of an item of citations: a, b)',
      'x.mdx:7: citations[1].id: "b" is cited by no [^b] marker in the body or the rationale (expected every citation to back a sentence: add the marker after the words it supports, or remove the citation)',
    ]);
  });

  it('refuses footnote definitions, which would turn markers into footnotes', () => {
    expect(check(`rationale: Fast.[^b]\n${CITED}`, ['Text.[^a]', '', '[^a]: a footnote'].join('\n'))).toEqual([
      "x.mdx:13: citations:footnote: a footnote definition [^a]: … (expected the evidence as an item of the frontmatter's citations list; the body keeps only the [^a] markers)",
    ]);
  });

  it('reports every uncited sentence at its own line, in lists too', () => {
    const problems = check(
      CITED,
      ['It is a proxy.[^a] It is new.', 'It spans', 'two lines.[^b]', '', '- An item without one.'].join('\n'),
    );
    expect(problems).toEqual([
      'x.mdx:10: citations:uncited: the sentence "It is new." cites nothing (expected a [^id] marker after the words it supports: every sentence of an entry with citations is cited)',
      'x.mdx:14: citations:uncited: the sentence "An item without one." cites nothing (expected a [^id] marker after the words it supports: every sentence of an entry with citations is cited)',
    ]);
  });

  it('leaves an entry without citations alone until every entry must be cited', () => {
    expect(check('rationale: Fast.', 'Not cited yet.')).toEqual([]);
    expect(citationsRequired({})).toBe(false);
    expect(citationsRequired({ citations: [] })).toBe(false);
    expect(citationsRequired({ citations: [{}] })).toBe(true);
    expect(citationsRequired({}, 'all')).toBe(true);
    expect(check('rationale: Fast.', 'Not cited yet.', 'all')).toEqual([
      'x.mdx:1: citations: the entry has no citations (expected a citations list in the frontmatter and a [^id] marker in every sentence of the body and rationale)',
    ]);
  });

  it('does not take a marker written in code for one', () => {
    expect(check(CITED, 'It is a proxy `[^a]`.[^a] Written `[^b]` here.')).toEqual([
      'x.mdx:10: citations:uncited: the sentence "Written [ ^b] here." cites nothing (expected a [^id] marker after the words it supports: every sentence of an entry with citations is cited)',
      'x.mdx:6: citations[1].id: "b" is cited by no [^b] marker in the body or the rationale (expected every citation to back a sentence: add the marker after the words it supports, or remove the citation)',
    ]);
  });

  it('still names unknown markers in an entry without citations', () => {
    expect(check('rationale: Fast.', 'Cited.[^a]')).toEqual([
      'x.mdx:5: citations:marker: [^a] names no citation (expected a citations list in the frontmatter with an item of that id)',
    ]);
  });
});

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

const ALPHA = 'content/projects/alpha.mdx';
/** The valid alpha fixture, converted: citations from line 39, body cited. */
const CONVERTED: TreeEdit[] = [
  edit(
    ALPHA,
    "updated: '2026-11-22'\n",
    [
      'citations:', // 39
      '  - id: store-readme', // 40
      '    url: https://github.com/alpha/alpha/blob/0123456789abcdef0123456789abcdef01234567/README.md#L3-L4', // 41
      '    quote: Alpha keeps data', // 42
      '  - id: docs', // 43
      '    source: alpha-docs', // 44
      "updated: '2026-11-22'",
      '',
    ].join('\n'),
  ),
  edit(
    ALPHA,
    'rationale: Memory safety without a garbage collector.',
    'rationale: Memory safety without a garbage collector.[^docs]',
  ),
  edit(ALPHA, 'Alpha keeps data.', 'Alpha keeps data.[^store-readme]'),
  edit(ALPHA, '\\{like this\\}.', '\\{like this\\}.[^docs]'),
  edit(ALPHA, '>KV</abbr>.', '>KV</abbr>.[^docs]'),
];

function validate(edits: TreeEdit[]): string[] {
  const tree = makeTree([...CONVERTED, ...edits]);
  cleanups.push(tree.cleanup);
  return validateContent({ contentDir: tree.content, cwd: tree.root }).problems.map(formatProblem);
}

describe('npm run validate on a cited entry', () => {
  it('accepts the converted fixture', () => {
    expect(validate([])).toEqual([]);
  });

  it.each([
    [
      'a malformed permalink',
      edit(ALPHA, '/blob/0123456789abcdef0123456789abcdef01234567/README.md#L3-L4', '/blob/main/README.md#L3-L4'),
      `${ALPHA}:41: citations[0].url: got "https://github.com/alpha/alpha/blob/main/README.md#L3-L4" (expected a permalink https://github.com/<owner>/<repo>/blob/<40-hex commit>/<path>#L<a> or …#L<a>-L<b>; this link points at "main", not a full 40-character commit hash`,
    ],
    [
      'a duplicate id',
      edit(ALPHA, '  - id: docs', '  - id: store-readme'),
      `${ALPHA}:43: citations[1].id: got "store-readme" (expected each citation id once; "store-readme" is also citations[0])`,
    ],
    [
      'a source the entry does not list',
      edit(ALPHA, '    source: alpha-docs', '    source: cncf-landscape-2'),
      `${ALPHA}:44: citations[1].source: got "cncf-landscape-2" (expected a source the entry lists under sources; add "cncf-landscape-2" there or cite a permalink)`,
    ],
    [
      'url and source together',
      edit(
        ALPHA,
        '    source: alpha-docs',
        '    source: alpha-docs\n    url: https://github.com/a/b/blob/0123456789abcdef0123456789abcdef01234567/x#L1',
      ),
      `${ALPHA}:44: citations[1].source: got "alpha-docs" (expected url or source, not both`,
    ],
    [
      'a permalink without its quote',
      edit(ALPHA, '    quote: Alpha keeps data\n', ''),
      `${ALPHA}:40: citations[0].quote: missing (expected the quoted words: a permalink citation keeps the words of the cited lines that support the sentence)`,
    ],
    [
      'an unknown marker',
      edit(ALPHA, 'Alpha keeps data.[^store-readme]', 'Alpha keeps data.[^store-read]'),
      `${ALPHA}:48: citations:marker: [^store-read] names no citation (expected the id of an item of citations; did you mean [^store-readme]?)`,
    ],
    [
      'an uncited sentence',
      edit(ALPHA, '>KV</abbr>.[^docs]', '>KV</abbr>.'),
      `${ALPHA}:52: citations:uncited: the sentence "A link, an image and KV." cites nothing`,
    ],
  ])('reports %s at its line', (_name, change, line) => {
    const problems = validate([change]);
    expect(
      problems.some((p) => p.startsWith(line)),
      problems.join('\n'),
    ).toBe(true);
  });
});
