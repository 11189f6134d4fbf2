import { readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatProblem, validateContent } from '../../src/validation/index.ts';
import {
  FIXTURES,
  THREE_BODY_PROBLEMS,
  betaBody,
  edit,
  hashTree,
  makeTree,
  type TreeEdit,
} from '../helpers/validation-tree.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

/** Validate a temporary tree (valid fixture + edits or overlay) and return the printed lines. */
function run(bad?: string | readonly TreeEdit[], change?: (content: string) => void): string[] {
  const tree = makeTree(bad);
  cleanups.push(tree.cleanup);
  change?.(tree.content);
  return validateContent({ contentDir: tree.content, cwd: tree.root }).problems.map(formatProblem);
}

const ALPHA = 'content/projects/alpha.mdx';
const BETA = 'content/projects/beta.mdx';
/** An edit of the valid alpha entry. */
const alpha = (from: string | RegExp, to: string) => [edit(ALPHA, from, to)];
/** Beta's one paragraph (line 23) rewritten. */
const betaLine = (text: string) => [edit(BETA, 'Beta routes traffic.', text)];
const SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">';
const logo = (name: string, text: string) => [edit(`public/logos/${name}`, null, text)];
/** A left-out list with a repository half measured (line 5) and an unknown maturity (line 13). */
const leftOut = [
  edit(
    'content/left-out.yaml',
    null,
    "- id: gamma\n  landscapeName: Gamma\n  maturity: sandbox\n  repos:\n    - repo: gamma/gamma\n      commit: 0123456789abcdef0123456789abcdef01234567\n      codeLines: 900\n      rustShare: 2.5\n  reason: 'Its Rust SDK is under the rule''s threshold.'\n  checked: 2026-12-02\n- id: delta\n  landscapeName: Delta\n  maturity: retired\n  repos: []\n  reason: 'Not measurable.'\n  checked: 2026-12-02\n",
  ),
];

/**
 * Each bad case: the change to the valid tree (an edit, or a folder in
 * tests/fixtures/validation/bad/ for cases that add whole files), the file and line the
 * problem must be reported at, the field or rule, and words the message must contain.
 */
const CASES: [name: string, change: string | TreeEdit[], file: string, line: number, field: string, says: string][] = [
  [
    'yaml-syntax',
    alpha('  subcategory: Cloud Native Storage', '  subcategory: [Cloud Native Storage'),
    ALPHA,
    13,
    'yaml:syntax',
    'expected valid YAML',
  ],
  [
    'yaml-duplicate-key',
    alpha('rustUsage: pure\n', 'rustUsage: pure\nname: Alpha again\n'),
    ALPHA,
    17,
    'yaml:syntax',
    'duplicated mapping key',
  ],
  ['no-frontmatter', alpha(/^---\n[\s\S]*?\n---\n\n/, ''), ALPHA, 1, 'frontmatter', 'no frontmatter'],
  [
    'wrong-type',
    alpha('files: 12', 'files: twelve'),
    ALPHA,
    25,
    'rustRepos[0].measurement.files',
    'got "twelve" (expected a file count as a whole number)',
  ],
  [
    'missing-field',
    alpha('summary: A small key-value store used as a test fixture.\n', ''),
    ALPHA,
    2,
    'summary',
    'missing (expected a one-sentence summary',
  ],
  [
    'unknown-field',
    alpha('homepage:', 'homepgae:'),
    ALPHA,
    13,
    'homepgae',
    'unknown field (expected only name, landscapeName',
  ],
  [
    'bad-date',
    alpha("updated: '2026-11-22'", "updated: '2026-02-30'"),
    ALPHA,
    39,
    'updated',
    'expected a real calendar date',
  ],
  [
    'unknown-category',
    alpha('  - storage\n', '  - databases\n'),
    ALPHA,
    18,
    'categories[0]',
    'unknown category "databases" (expected an id from content/categories.yaml: service-mesh, storage, unused)',
  ],
  [
    'unknown-source',
    alpha('  - alpha-docs\n', '  - alpha-blog\n'),
    ALPHA,
    38,
    'sources[1]',
    'unknown source "alpha-blog" (expected an id from content/sources.yaml: alpha-docs, cncf-landscape)',
  ],
  ['duplicate-slug', 'duplicate-slug', 'content/projects/Alpha.mdx', 1, 'file:unexpected', 'is not an entry file name'],
  [
    'duplicate-name',
    'duplicate-name',
    'content/projects/gamma.mdx',
    2,
    'name',
    'already the name of content/projects/alpha.mdx:2',
  ],
  [
    'duplicate-landscape-name',
    'duplicate-landscape-name',
    'content/projects/gamma.mdx',
    3,
    'landscapeName',
    'already the landscapeName of content/projects/alpha.mdx:3',
  ],
  [
    'missing-logo',
    alpha('logo: alpha.svg', 'logo: alpha-logo.svg'),
    ALPHA,
    15,
    'logo',
    'no file public/logos/alpha-logo.svg',
  ],
  [
    'dates-out-of-order',
    alpha("graduated: '2022-03-30'", "graduated: '2018-03-30'"),
    ALPHA,
    9,
    'dates.graduated',
    'expected graduated (2018-03-30) on or after accepted (2019-01-10)',
  ],
  [
    'lines-over-bytes',
    alpha('lines: 1200', 'lines: 50000'),
    ALPHA,
    27,
    'rustRepos[0].measurement.lines',
    'expected lines (50000) to be at most bytes (40000)',
  ],
  [
    'http-url',
    alpha('homepage: https://', 'homepage: http://'),
    ALPHA,
    13,
    'homepage',
    'got "http://alpha.example.org/" (expected an absolute https:// URL)',
  ],
  [
    'http-adopter-url',
    alpha('url: https://example.org/', 'url: http://example.org/'),
    ALPHA,
    35,
    'adopters[1].url',
    'expected an absolute https:// URL',
  ],
  [
    'empty-body',
    alpha(/Alpha keeps data\.[\s\S]*$/, '   \n'),
    ALPHA,
    41,
    'body:empty',
    'no text after the frontmatter',
  ],
  [
    'unexpected-file',
    'unexpected-file',
    'content/projects/notes.md',
    1,
    'file:unexpected',
    'content/projects/<slug>.mdx',
  ],
  [
    'import-export',
    betaBody("import Widget from '../../src/components/Widget.astro'"),
    BETA,
    25,
    'mdx:no-import-export',
    'import/export statements are not allowed',
  ],
  [
    'export-statement',
    betaBody('export const secret = process.env.HOME'),
    BETA,
    25,
    'mdx:no-import-export',
    'not allowed',
  ],
  [
    'expression',
    betaLine('Beta routes {1 + 1} kinds of traffic.'),
    BETA,
    23,
    'mdx:no-expression',
    '{1 + 1} is an MDX expression',
  ],
  ['script-tag', betaBody('<script>alert(1)</script>'), BETA, 25, 'mdx:forbidden-tag', '<script> is not allowed'],
  [
    'style-tag',
    betaBody("<style>{'body { display: none }'}</style>"),
    BETA,
    25,
    'mdx:forbidden-tag',
    '<style> is not allowed',
  ],
  [
    'iframe-tag',
    betaBody('<iframe src="https://evil.example.org/"></iframe>'),
    BETA,
    25,
    'mdx:forbidden-tag',
    '<iframe> is not allowed',
  ],
  [
    'object-tag',
    betaBody('<object data="https://evil.example.org/x.swf"></object>'),
    BETA,
    25,
    'mdx:forbidden-tag',
    '<object> is not allowed',
  ],
  [
    'embed-tag',
    betaBody('<embed src="https://evil.example.org/x.swf" />'),
    BETA,
    25,
    'mdx:forbidden-tag',
    '<embed> is not allowed',
  ],
  [
    'event-handler',
    betaBody('<a href="https://beta.example.org/" onClick="steal()">Beta</a>'),
    BETA,
    25,
    'mdx:event-handler',
    '<a onClick> is an event handler',
  ],
  [
    'javascript-link',
    betaLine('Beta routes [traffic](javascript:alert(1)).'),
    BETA,
    23,
    'mdx:unsafe-url',
    'uses a javascript: URL',
  ],
  [
    'javascript-entity-link',
    betaLine('Beta routes [traffic](JaVa&#x53;cript&colon;alert(1)).'),
    BETA,
    23,
    'mdx:unsafe-url',
    'uses a javascript: URL',
  ],
  [
    'javascript-attribute',
    betaBody('<a href=" java&#9;script:alert(1)">Beta</a>'),
    BETA,
    25,
    'mdx:unsafe-url',
    '<a href> uses a javascript: URL',
  ],
  [
    'data-image',
    betaBody('![chart](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)'),
    BETA,
    25,
    'mdx:unsafe-url',
    'image target "data:image/svg+xml',
  ],
  [
    'data-definition',
    betaLine('Beta routes [traffic][t].\n\n[t]: DATA:text/html;base64,PGI+aGk8L2I+'),
    BETA,
    25,
    'mdx:unsafe-url',
    'uses a data: URL',
  ],
  [
    'http-link',
    betaLine('Beta routes [traffic](http://beta.example.org/).'),
    BETA,
    23,
    'mdx:insecure-url',
    'uses http:// (expected https://)',
  ],
  [
    'unknown-component',
    betaBody('<Tabs>\nOne\n</Tabs>'),
    BETA,
    25,
    'mdx:unknown-component',
    '<Tabs> is not an entry component (expected Markdown or plain HTML; entries use no components)',
  ],
  ['member-tag', betaBody('<props.Widget />'), BETA, 25, 'mdx:forbidden-tag', '<props.Widget> refers to a variable'],
  [
    'spread-attribute',
    betaBody('<Callout {...props}>\nHi\n</Callout>'),
    BETA,
    25,
    'mdx:no-expression',
    'spread attribute',
  ],
  [
    'mdx-syntax',
    betaBody('<Callout>\n\nNever closed.'),
    BETA,
    25,
    'mdx:syntax',
    'Expected a closing tag for `<Callout>`',
  ],
  [
    'taxonomy-duplicate-id',
    [
      edit(
        'content/categories.yaml',
        /$/,
        '- id: storage\n  name: Storage again\n  description: A second storage category.\n',
      ),
    ],
    'content/categories.yaml',
    11,
    '[3].id',
    'duplicate id "storage", first defined on line 2',
  ],
  [
    'taxonomy-schema',
    [
      edit('content/sources.yaml', 'url: https://github.com/cncf/landscape', 'url: http://github.com/cncf/landscape'),
      edit('content/sources.yaml', 'kind: project', 'kind: blog'),
    ],
    'content/sources.yaml',
    5,
    '[0].url',
    'expected an absolute https:// URL',
  ],
  [
    'taxonomy-schema',
    [
      edit('content/sources.yaml', 'url: https://github.com/cncf/landscape', 'url: http://github.com/cncf/landscape'),
      edit('content/sources.yaml', 'kind: project', 'kind: blog'),
    ],
    'content/sources.yaml',
    12,
    '[1].kind',
    'got "blog" (expected one of data, report, article, project)',
  ],
  [
    'left-out-schema',
    leftOut,
    'content/left-out.yaml',
    5,
    '[0].repos[0].commitDate',
    'expected commit, commitDate, codeLines and rustShare together',
  ],
  [
    'left-out-schema',
    leftOut,
    'content/left-out.yaml',
    13,
    '[1].maturity',
    'expected one of sandbox, incubating, graduated, archived',
  ],
  [
    'taxonomy-yaml',
    [
      edit(
        'content/maturity.yaml',
        /description: Early-stage projects\.\n[\s\S]*$/,
        'description: "Early-stage projects.\n- id: incubating\n',
      ),
    ],
    'content/maturity.yaml',
    4,
    'yaml:syntax',
    'expected valid YAML',
  ],
  [
    'taxonomy-missing-term',
    [edit('content/rust-usage.yaml', '- id: sdk\n  name: Rust SDK\n  description: A Rust library.\n', '')],
    'content/rust-usage.yaml',
    1,
    '(top level)',
    'no item with id "sdk"',
  ],
  [
    'taxonomy-not-a-list',
    [edit('content/categories.yaml', null, 'storage: Storage\n')],
    'content/categories.yaml',
    1,
    '(top level)',
    'got a mapping (expected a list of items',
  ],
  [
    'logo-script',
    logo(
      'alpha.svg',
      `${SVG_OPEN}\n  <rect width="10" height="10"/>\n  <script>alert(document.domain)</script>\n</svg>\n`,
    ),
    'public/logos/alpha.svg',
    3,
    'logo:removed',
    '<script> is not allowed (sanitizing removes it',
  ],
  [
    'logo-style',
    logo('beta.svg', `${SVG_OPEN}\n  <style>rect { fill: black }</style>\n  <rect width="10" height="10"/>\n</svg>\n`),
    'public/logos/beta.svg',
    2,
    'logo:removed',
    '<style> is not allowed (sanitizing removes it; `npm run logos',
  ],
  ...[
    '2 logo:removed fill= on <rect>: url(https://evil.example/x.svg#g) points outside the logo (expected url(#id))',
    '3 logo:removed xlink:href= on <use>: "../../../etc/passwd" points outside the logo',
    '4 logo:removed onload= on <circle> is not allowed',
  ].map((row) => {
    const [line, field, ...says] = row.split(' ');
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">\n  <rect width="10" height="10" fill="url(https://evil.example/x.svg#g)"/>\n  <use xlink:href="../../../etc/passwd"/>\n  <circle r="4" onload="alert(1)"/>\n</svg>\n';
    return [
      'logo-external',
      logo('alpha.svg', svg),
      'public/logos/alpha.svg',
      Number(line),
      field,
      says.join(' '),
    ] as (typeof CASES)[number];
  }),
  [
    'logo-document',
    logo(
      'beta.svg',
      `<?xml version="1.0"?>\n<!DOCTYPE svg [ <!ENTITY a "aaaa"> ]>\n${SVG_OPEN}<rect width="10" height="10"/></svg>\n<svg xmlns="http://www.w3.org/2000/svg"><text>second document</text></svg>\n`,
    ),
    'public/logos/beta.svg',
    2,
    'logo:document',
    '<!DOCTYPE> is not allowed',
  ],
];

describe('validateContent on fixture trees', () => {
  it('finds no problem in the valid tree', () => {
    expect(run()).toEqual([]);
  });

  it('has a test row for every bad fixture folder, and at least 20 cases', () => {
    const folders = readdirSync(path.join(FIXTURES, 'bad')).sort();
    expect(new Set(CASES.map((c) => c[0])).size).toBeGreaterThanOrEqual(20);
    expect([...new Set(CASES.filter((c) => typeof c[1] === 'string').map((c) => c[1]))].sort()).toEqual(folders);
  });

  it.each(CASES.map(([name, change, ...expected]) => [name, ...expected, change] as const))(
    '%s: reports %s:%i %s',
    (_name, file, line, field, says, change) => {
      const lines = run(change);
      const prefix = `${file}:${line}: ${field}: `;
      const match = lines.find((l) => l.startsWith(prefix) && l.includes(says));
      expect(
        match,
        `expected a line starting with "${prefix}" containing "${says}", got:\n${lines.join('\n')}`,
      ).toBeDefined();
    },
  );

  it('reports symbolic links in content/ and public/ instead of following them', () => {
    const lines = run(undefined, (content) => {
      const outside = path.join(content, '..', 'outside.mdx');
      writeFileSync(
        outside,
        readFileSync(path.join(content, 'projects/alpha.mdx'), 'utf8')
          .replace('name: Alpha', 'name: Leak')
          .replace(/^landscapeName: .*$/m, 'landscapeName: Leak')
          .replace('\n---\n', '\n---\n{process.env.HOME}\n'),
      );
      symlinkSync(outside, path.join(content, 'projects/leak.mdx'));
      symlinkSync('/etc/hostname', path.join(content, '..', 'public', 'leak.txt'));
    });
    expect(lines).toEqual([
      'content/projects/leak.mdx:1: file:symlink: is a symbolic link; the site would publish whatever it points to, inside or outside the repository (expected a regular file)',
      'public/leak.txt:1: file:symlink: is a symbolic link; the site would publish whatever it points to, inside or outside the repository (expected a regular file)',
    ]);
  });

  it('reports every problem of a tree in one run', () => {
    const lines = run(THREE_BODY_PROBLEMS, (content) => {
      const alpha = path.join(content, 'projects/alpha.mdx');
      writeFileSync(
        alpha,
        readFileSync(alpha, 'utf8')
          .replace('  - storage\n', '  - databases\n')
          .replace('logo: alpha.svg', 'logo: nope.svg'),
      );
    });
    expect(lines.length).toBe(5);
    expect(lines.filter((l) => l.startsWith(ALPHA))).toHaveLength(2);
  });

  it('does not report unknown references on top of a broken taxonomy file', () => {
    const lines = run([edit('content/categories.yaml', null, 'storage: Storage\n')]);
    expect(lines).toEqual([expect.stringContaining('content/categories.yaml:1:')]);
  });

  it('accepts a category that no entry uses', () => {
    const categories = readFileSync(path.join(FIXTURES, 'valid/content/categories.yaml'), 'utf8');
    expect(categories).toContain('id: unused');
    expect(run()).toEqual([]);
  });
});

describe('validateContent on file encodings and sizes', () => {
  const alphaBytes = () => readFileSync(path.join(FIXTURES, 'valid', ALPHA));
  const put = (name: string, bytes: Uint8Array | string) => (content: string) =>
    writeFileSync(path.join(content, 'projects', name), bytes);

  it('refuses a 10 MB entry with its size and the limit', () => {
    const big = Buffer.concat([alphaBytes(), Buffer.alloc(10 * 1024 * 1024, 'x')]);
    const lines = run(undefined, put('huge.mdx', big));
    expect(lines).toEqual([
      `content/projects/huge.mdx:1: file:size: file is ${big.length} bytes (expected at most 1048576 bytes; content files are short text)`,
    ]);
  });

  it('refuses a binary file, naming the line of the first NUL byte', () => {
    const lines = run(undefined, put('image.mdx', Buffer.from('---\nname: x\n\u0000\u0001PNG\n')));
    expect(lines).toEqual([
      expect.stringMatching(/^content\/projects\/image\.mdx:3: file:binary: .*expected a UTF-8 text file/),
    ]);
  });

  it('refuses bytes that are not UTF-8, naming the line', () => {
    // "é" written in Latin-1 on line 4.
    const latin1 = Buffer.from(
      alphaBytes().toString('utf8').replace('A small key-value store', 'A small caf\u00e9 store'),
      'latin1',
    );
    const lines = run(undefined, put('latin.mdx', latin1));
    expect(lines).toEqual([
      expect.stringMatching(/^content\/projects\/latin\.mdx:4: file:encoding: byte 0xe9 .* is not UTF-8/),
    ]);
  });

  it('refuses a binary file dropped into content/ as an unexpected file', () => {
    const lines = run(undefined, (content) =>
      writeFileSync(path.join(content, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0])),
    );
    expect(lines).toEqual([expect.stringMatching(/^content\/logo\.png:1: file:unexpected: /)]);
  });

  it('accepts a valid entry saved with a BOM, with CRLF line endings, or both', () => {
    const text = alphaBytes().toString('utf8');
    const crlf = text.replace(/\n/g, '\r\n');
    expect(run(undefined, put('alpha.mdx', `\ufeff${text}`))).toEqual([]);
    expect(run(undefined, put('alpha.mdx', crlf))).toEqual([]);
    expect(run(undefined, put('alpha.mdx', `\ufeff${crlf}`))).toEqual([]);
  });

  it('still reports the right line in a CRLF file with a BOM', () => {
    const text = `\ufeff${alphaBytes().toString('utf8').replace('lines: 1200', 'lines: 50000').replace(/\n/g, '\r\n')}`;
    expect(run(undefined, put('alpha.mdx', text))).toEqual([
      expect.stringMatching(/^content\/projects\/alpha\.mdx:27: rustRepos\[0\]\.measurement\.lines: /),
    ]);
  });

  it('accepts a taxonomy file with CRLF line endings', () => {
    const lines = run(undefined, (content) => {
      const file = path.join(content, 'categories.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace(/\n/g, '\r\n'));
    });
    expect(lines).toEqual([]);
  });
});

describe('validateContent reads only', () => {
  it('leaves every byte of a broken tree unchanged', () => {
    const tree = makeTree(THREE_BODY_PROBLEMS);
    cleanups.push(tree.cleanup);
    writeFileSync(path.join(tree.content, 'projects/crlf.mdx'), '\ufeff---\r\nname: x\r\n---\r\n\r\nText\r\n');
    const before = hashTree(tree.root);
    expect(validateContent({ contentDir: tree.content, cwd: tree.root }).problems.length).toBeGreaterThan(0);
    expect(hashTree(tree.root)).toBe(before);
  });

  it('reports a missing content folder instead of throwing', () => {
    const tree = makeTree();
    cleanups.push(tree.cleanup);
    const report = validateContent({ contentDir: path.join(tree.root, 'nope'), cwd: tree.root });
    expect(report.problems.map(formatProblem)).toEqual([expect.stringMatching(/^nope:1: file:missing: /)]);
  });
});
