import { readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatProblem, validateContent } from '../../src/lib/validation/index.ts';
import { FIXTURES, hashTree, makeTree } from '../helpers/validation-tree.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

/** Validate a temporary tree (valid fixture + overlay) and return the printed lines. */
function run(overlay?: string, change?: (content: string) => void): string[] {
  const tree = makeTree(overlay);
  cleanups.push(tree.cleanup);
  change?.(tree.content);
  return validateContent({ contentDir: tree.content, cwd: tree.root }).problems.map(formatProblem);
}

const ALPHA = 'content/projects/alpha.mdx';
const BETA = 'content/projects/beta.mdx';

/**
 * Each bad fixture, the file and line the problem must be reported at, the field or rule,
 * and words the message must contain. Fixtures live in tests/fixtures/validation/bad/<case>/
 * and are laid over the valid tree.
 */
const CASES: [overlay: string, file: string, line: number, field: string, says: string][] = [
  ['yaml-syntax', ALPHA, 13, 'yaml:syntax', 'expected valid YAML'],
  ['yaml-duplicate-key', ALPHA, 17, 'yaml:syntax', 'duplicated mapping key'],
  ['no-frontmatter', ALPHA, 1, 'frontmatter', 'no frontmatter'],
  ['wrong-type', ALPHA, 25, 'rustRepos[0].measurement.files', 'got "twelve" (expected a file count as a whole number)'],
  ['missing-field', ALPHA, 2, 'summary', 'missing (expected a one-sentence summary'],
  ['unknown-field', ALPHA, 13, 'homepgae', 'unknown field (expected only name, landscapeName'],
  ['bad-date', ALPHA, 39, 'updated', 'expected a real calendar date'],
  ['unknown-category', ALPHA, 18, 'categories[0]', 'unknown category "databases" (expected an id from content/categories.yaml: service-mesh, storage, unused)'],
  ['unknown-source', ALPHA, 38, 'sources[1]', 'unknown source "alpha-blog" (expected an id from content/sources.yaml: alpha-docs, cncf-landscape)'],
  ['duplicate-slug', 'content/projects/Alpha.mdx', 1, 'slug', 'also the slug of content/projects/alpha.mdx'],
  ['duplicate-slug', 'content/projects/Alpha.mdx', 1, 'file:name', 'is not a slug'],
  ['duplicate-name', 'content/projects/gamma.mdx', 2, 'name', 'already the name of content/projects/alpha.mdx:2'],
  ['duplicate-landscape-name', 'content/projects/gamma.mdx', 3, 'landscapeName', 'already the landscapeName of content/projects/alpha.mdx:3'],
  ['missing-logo', ALPHA, 15, 'logo', 'no file public/logos/alpha-logo.svg'],
  ['dates-out-of-order', ALPHA, 9, 'dates.graduated', 'expected graduated (2018-03-30) on or after accepted (2019-01-10)'],
  ['lines-over-bytes', ALPHA, 27, 'rustRepos[0].measurement.lines', 'expected lines (50000) to be at most bytes (40000)'],
  ['http-url', ALPHA, 13, 'homepage', 'got "http://alpha.example.org/" (expected an absolute https:// URL)'],
  ['http-adopter-url', ALPHA, 35, 'adopters[1].url', 'expected an absolute https:// URL'],
  ['empty-body', ALPHA, 41, 'body:empty', 'no text after the frontmatter'],
  ['unexpected-file', 'content/projects/notes.md', 1, 'file:unexpected', 'content/projects/<slug>.mdx'],
  ['import-export', BETA, 25, 'mdx:no-import-export', 'import/export statements are not allowed'],
  ['export-statement', BETA, 25, 'mdx:no-import-export', 'not allowed'],
  ['expression', BETA, 23, 'mdx:no-expression', '{1 + 1} is an MDX expression'],
  ['script-tag', BETA, 25, 'mdx:forbidden-tag', '<script> is not allowed'],
  ['style-tag', BETA, 25, 'mdx:forbidden-tag', '<style> is not allowed'],
  ['iframe-tag', BETA, 25, 'mdx:forbidden-tag', '<iframe> is not allowed'],
  ['object-tag', BETA, 25, 'mdx:forbidden-tag', '<object> is not allowed'],
  ['embed-tag', BETA, 25, 'mdx:forbidden-tag', '<embed> is not allowed'],
  ['event-handler', BETA, 25, 'mdx:event-handler', '<a onClick> is an event handler'],
  ['javascript-link', BETA, 23, 'mdx:unsafe-url', 'uses a javascript: URL'],
  ['javascript-entity-link', BETA, 23, 'mdx:unsafe-url', 'uses a javascript: URL'],
  ['javascript-attribute', BETA, 25, 'mdx:unsafe-url', '<a href> uses a javascript: URL'],
  ['data-image', BETA, 25, 'mdx:unsafe-url', 'image target "data:image/svg+xml'],
  ['data-definition', BETA, 25, 'mdx:unsafe-url', 'uses a data: URL'],
  ['http-link', BETA, 23, 'mdx:insecure-url', 'uses http:// (expected https://)'],
  ['unknown-component', BETA, 25, 'mdx:unknown-component', '<Tabs> is not an entry component (expected one of Callout, Figure, Quote)'],
  ['member-tag', BETA, 25, 'mdx:forbidden-tag', '<props.Widget> refers to a variable'],
  ['spread-attribute', BETA, 25, 'mdx:no-expression', 'spread attribute'],
  ['component-props', BETA, 25, 'mdx:component-props', '<Callout type="danger"> is not a known type (expected note or warning)'],
  ['component-props', BETA, 29, 'mdx:component-props', '<Quote cite="unknown-paper"> is not a source id (expected one of alpha-docs, cncf-landscape)'],
  ['component-props', BETA, 33, 'mdx:component-props', 'is not a path inside the site'],
  ['mdx-syntax', BETA, 25, 'mdx:syntax', 'Expected a closing tag for `<Callout>`'],
  ['taxonomy-duplicate-id', 'content/categories.yaml', 11, '[3].id', 'duplicate id "storage", first defined on line 2'],
  ['taxonomy-schema', 'content/sources.yaml', 5, '[0].url', 'expected an absolute https:// URL'],
  ['taxonomy-schema', 'content/sources.yaml', 12, '[1].kind', 'got "blog" (expected one of data, report, article, project)'],
  ['left-out-schema', 'content/left-out.yaml', 5, '[0].repos[0].commitDate', 'expected commit, commitDate, codeLines and rustShare together'],
  ['left-out-schema', 'content/left-out.yaml', 13, '[1].maturity', 'expected one of sandbox, incubating, graduated, archived'],
  ['taxonomy-yaml', 'content/maturity.yaml', 4, 'yaml:syntax', 'expected valid YAML'],
  ['taxonomy-missing-term', 'content/rust-usage.yaml', 1, '(top level)', 'no item with id "sdk"'],
  ['taxonomy-not-a-list', 'content/categories.yaml', 1, '(top level)', 'got a mapping (expected a list of items'],
  ['logo-script', 'public/logos/alpha.svg', 3, 'logo:element', '<script> is not allowed in a logo'],
  ['logo-style', 'public/logos/beta.svg', 2, 'logo:element', '<style> is not allowed in a logo (expected shapes, paths, groups, gradients, clip paths and masks only; `npm run logos'],
  ['logo-external', 'public/logos/alpha.svg', 2, 'logo:reference', 'url(https://evil.example/x.svg#g) points outside the logo (expected url(#id))'],
  ['logo-external', 'public/logos/alpha.svg', 3, 'logo:reference', 'xlink:href="../../../etc/passwd" points outside the logo'],
  ['logo-external', 'public/logos/alpha.svg', 4, 'logo:handler', 'the event handler onload= is not allowed'],
  ['logo-document', 'public/logos/beta.svg', 2, 'logo:document', '<!DOCTYPE> is not allowed'],
  ['logo-document', 'public/logos/beta.svg', 3, 'logo:document', 'content after the closing </svg>'],
];

describe('validateContent on fixture trees', () => {
  it('finds no problem in the valid tree, which uses every entry component', () => {
    expect(run()).toEqual([]);
    const alpha = readFileSync(path.join(FIXTURES, 'valid', ALPHA), 'utf8');
    for (const name of ['<Callout', '<Figure', '<Quote']) expect(alpha).toContain(name);
  });

  it('has a test row for every bad fixture, and at least 20 of them', () => {
    const fixtures = readdirSync(path.join(FIXTURES, 'bad')).sort();
    expect(fixtures.length).toBeGreaterThanOrEqual(20);
    expect([...new Set(CASES.map((c) => c[0]))].sort()).toEqual(fixtures);
  });

  it.each(CASES)('%s: reports %s:%i %s', (overlay, file, line, field, says) => {
    const lines = run(overlay);
    const prefix = `${file}:${line}: ${field}: `;
    const match = lines.find((l) => l.startsWith(prefix) && l.includes(says));
    expect(match, `expected a line starting with "${prefix}" containing "${says}", got:\n${lines.join('\n')}`).toBeDefined();
  });

  it('reports symbolic links in content/ and public/ instead of following them', () => {
    const lines = run(undefined, (content) => {
      const outside = path.join(content, '..', 'outside.mdx');
      writeFileSync(outside, readFileSync(path.join(content, 'projects/alpha.mdx'), 'utf8').replace('name: Alpha', 'name: Leak').replace(/^landscapeName: .*$/m, 'landscapeName: Leak').replace('\n---\n', '\n---\n{process.env.HOME}\n'));
      symlinkSync(outside, path.join(content, 'projects/leak.mdx'));
      symlinkSync('/etc/hostname', path.join(content, '..', 'public', 'leak.txt'));
    });
    expect(lines).toEqual([
      'content/projects/leak.mdx:1: file:symlink: is a symbolic link; the site would publish whatever it points to, inside or outside the repository (expected a regular file)',
      'public/leak.txt:1: file:symlink: is a symbolic link; the site would publish whatever it points to, inside or outside the repository (expected a regular file)',
    ]);
  });

  it('reports every problem of a tree in one run', () => {
    const lines = run('component-props', (content) => {
      const alpha = path.join(content, 'projects/alpha.mdx');
      writeFileSync(alpha, readFileSync(alpha, 'utf8').replace('  - storage\n', '  - databases\n').replace('logo: alpha.svg', 'logo: nope.svg'));
    });
    expect(lines.length).toBe(5);
    expect(lines.filter((l) => l.startsWith(ALPHA))).toHaveLength(2);
  });

  it('does not report unknown references on top of a broken taxonomy file', () => {
    const lines = run('taxonomy-not-a-list');
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
  const put = (name: string, bytes: Uint8Array | string) => (content: string) => writeFileSync(path.join(content, 'projects', name), bytes);

  it('refuses a 10 MB entry with its size and the limit', () => {
    const big = Buffer.concat([alphaBytes(), Buffer.alloc(10 * 1024 * 1024, 'x')]);
    const lines = run(undefined, put('huge.mdx', big));
    expect(lines).toEqual([`content/projects/huge.mdx:1: file:size: file is ${big.length} bytes (expected at most 1048576 bytes; content files are short text)`]);
  });

  it('refuses a binary file, naming the line of the first NUL byte', () => {
    const lines = run(undefined, put('image.mdx', Buffer.from('---\nname: x\n\u0000\u0001PNG\n')));
    expect(lines).toEqual([expect.stringMatching(/^content\/projects\/image\.mdx:3: file:binary: .*expected a UTF-8 text file/)]);
  });

  it('refuses bytes that are not UTF-8, naming the line', () => {
    // "é" written in Latin-1 on line 4.
    const latin1 = Buffer.from(alphaBytes().toString('utf8').replace('A small key-value store', 'A small caf\u00e9 store'), 'latin1');
    const lines = run(undefined, put('latin.mdx', latin1));
    expect(lines).toEqual([expect.stringMatching(/^content\/projects\/latin\.mdx:4: file:encoding: byte 0xe9 .* is not UTF-8/)]);
  });

  it('refuses a binary file dropped into content/ as an unexpected file', () => {
    const lines = run(undefined, (content) => writeFileSync(path.join(content, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0])));
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
    const text = `\ufeff${readFileSync(path.join(FIXTURES, 'bad/lines-over-bytes', ALPHA), 'utf8').replace(/\n/g, '\r\n')}`;
    expect(run(undefined, put('alpha.mdx', text))).toEqual([expect.stringMatching(/^content\/projects\/alpha\.mdx:27: rustRepos\[0\]\.measurement\.lines: /)]);
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
    const tree = makeTree('component-props');
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
