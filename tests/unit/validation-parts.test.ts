import { describe, expect, it } from 'vitest';
import { projectFrontmatterSchema } from '../../src/schemas/project.ts';
import { readEntry, splitEntry } from '../../src/validation/entry-file.ts';
import { formatPath, formatProblem, sortProblems } from '../../src/validation/problem.ts';
import { decodeContentFile, firstInvalidUtf8 } from '../../src/validation/text.ts';
import { parseYaml } from '../../src/validation/yaml.ts';
import { describeValue, expectation, issuesToProblems, knownFieldsAt } from '../../src/validation/zod-problems.ts';
import { duplicateProblems, loaderSlug } from '../../src/validation/cross-checks.ts';

describe('problems', () => {
  it('print as path:line: field: message', () => {
    expect(formatProblem({ file: 'content/x.mdx', line: 3, field: 'name', message: 'missing (expected a name)' })).toBe(
      'content/x.mdx:3: name: missing (expected a name)',
    );
  });
  it('sort by file then line', () => {
    const p = (file: string, line: number) => ({ file, line, field: 'f', message: 'm' });
    expect(sortProblems([p('b', 1), p('a', 9), p('a', 2)]).map((x) => `${x.file}${x.line}`)).toEqual([
      'a2',
      'a9',
      'b1',
    ]);
  });
  it('format paths like code', () => {
    expect(formatPath(['rustRepos', 0, 'measurement', 'lines'])).toBe('rustRepos[0].measurement.lines');
    expect(formatPath([2, 'id'])).toBe('[2].id');
  });
});

describe('decodeContentFile', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);
  it('strips a BOM and normalises CRLF to LF in text, and keeps both in raw', () => {
    expect(decodeContentFile(bytes('\ufeffa\r\nb\r\nc\n'))).toEqual({
      ok: true,
      text: 'a\nb\nc\n',
      raw: '\ufeffa\r\nb\r\nc\n',
    });
  });
  it('refuses a carriage return without a line feed, with its line', () => {
    expect(decodeContentFile(bytes('a\nb\rc\n'))).toMatchObject({ ok: false, rule: 'file:encoding', line: 2 });
    expect(decodeContentFile(bytes('a\r'))).toMatchObject({ ok: false, rule: 'file:encoding', line: 1 });
  });
  it('refuses oversize, binary and non-UTF-8 input with a line', () => {
    expect(decodeContentFile(bytes('abcdef'), 5)).toMatchObject({ ok: false, rule: 'file:size' });
    expect(decodeContentFile(bytes('a\nb\n\u0000'))).toMatchObject({ ok: false, rule: 'file:binary', line: 3 });
    expect(decodeContentFile(Uint8Array.from([0x61, 0x0a, 0xff]))).toMatchObject({
      ok: false,
      rule: 'file:encoding',
      line: 2,
    });
  });
  it('finds overlong, surrogate and truncated UTF-8 sequences', () => {
    expect(firstInvalidUtf8(bytes('héllo ✓ 🦀'))).toBe(-1);
    expect(firstInvalidUtf8(Uint8Array.from([0x41, 0xc0, 0x80]))).toBe(1);
    expect(firstInvalidUtf8(Uint8Array.from([0xed, 0xa0, 0x80]))).toBe(0);
    expect(firstInvalidUtf8(Uint8Array.from([0x41, 0xe2, 0x9c]))).toBe(1);
  });
});

describe('readEntry', () => {
  it('returns the YAML, the body and where each starts', () => {
    expect(splitEntry('---\na: 1\nb: 2\n---\n\nBody\n')).toEqual({
      bom: '',
      eol: '\n',
      yamlStart: 4,
      yamlEnd: 14,
      yaml: 'a: 1\nb: 2\n',
      yamlLine: 2,
      body: '\nBody\n',
      bodyLine: 5,
    });
  });
  it('keeps offsets into the raw text of a file with a BOM and CRLF line endings', () => {
    const text = '\uFEFF---\r\na: 1\r\n---\r\nBody\r\n';
    const parts = splitEntry(text)!;
    expect(parts).toMatchObject({
      bom: '\uFEFF',
      eol: '\r\n',
      yaml: 'a: 1\r\n',
      yamlLine: 2,
      body: 'Body\r\n',
      bodyLine: 4,
    });
    expect(text.slice(parts.yamlStart, parts.yamlEnd)).toBe(parts.yaml);
  });
  it('returns null without both fences, and says which one is missing', () => {
    expect(splitEntry('a: 1\n---\n')).toBeNull();
    expect(splitEntry('---\na: 1\n')).toBeNull();
    expect(readEntry('a: 1\n---\n')).toMatchObject({ missing: 'opening', line: 1 });
    expect(readEntry('---\na: 1\n')).toMatchObject({ missing: 'closing', line: 3 });
    expect(readEntry('---\na: 1\n---\t\nx\n')).toMatchObject({ missing: 'closing', line: 3 });
  });
});

describe('parseYaml', () => {
  const text = [
    'name: X',
    'dates:',
    "  accepted: '2020-01-01'",
    'list:',
    '  - a',
    '  - b: 1',
    '    "c": [1, 2]',
    'flow: {a: 1}',
  ].join('\n');
  it('gives the line of any path, offset by where the YAML starts', () => {
    const parsed = parseYaml(text, 2);
    if (!parsed.ok) throw new Error(parsed.message);
    const at = (...path: (string | number)[]) => parsed.lineOf(path);
    expect([
      at('name'),
      at('dates'),
      at('dates', 'accepted'),
      at('list', 0),
      at('list', 1, 'b'),
      at('list', 1, 'c', 1),
      at('flow', 'a'),
    ]).toEqual([2, 3, 4, 6, 7, 8, 9]);
  });
  it('points a missing field at its nearest existing parent', () => {
    const parsed = parseYaml(text, 2);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.lineOf(['dates', 'graduated'])).toBe(3);
    expect(parsed.lineOf(['nope'])).toBe(2);
  });
  it('reports a syntax error with its line', () => {
    expect(parseYaml('a: 1\nb: "open\n', 10)).toMatchObject({ ok: false, line: expect.any(Number) });
    const dup = parseYaml('a: 1\nb: 2\na: 3\n', 2);
    expect(dup).toEqual({ ok: false, line: 4, message: 'duplicated mapping key' });
  });
  it('keeps unquoted dates as strings (js-yaml 5)', () => {
    const parsed = parseYaml('d: 2018-08-28');
    expect(parsed.ok && parsed.value).toEqual({ d: '2018-08-28' });
  });
});

describe('zod issues as problems', () => {
  it('rewords zod defaults and keeps the schema messages', () => {
    expect(expectation('Invalid input: expected object, received undefined')).toBe('expected a mapping of fields');
    expect(expectation('Invalid input: expected array, received string')).toBe('expected a list');
    expect(expectation('expected a date')).toBe('expected a date');
    expect(describeValue(undefined)).toBe('missing');
    expect(describeValue('x'.repeat(100))).toMatch(/^got "x+…"$/);
    expect(describeValue([])).toBe('got an empty list');
  });

  it('knows the fields of nested strict objects', () => {
    expect(knownFieldsAt(projectFrontmatterSchema, ['dates'])).toEqual([
      'accepted',
      'incubating',
      'graduated',
      'archived',
    ]);
    expect(knownFieldsAt(projectFrontmatterSchema, ['rustRepos', 0, 'measurement'])).toContain('codeLines');
    expect(knownFieldsAt(projectFrontmatterSchema, ['adopters', 0])).toEqual(['name', 'url']);
  });

  it('reports an adopter of the wrong shape with both accepted forms', () => {
    const data = { adopters: [42] };
    const result = projectFrontmatterSchema.safeParse(data);
    if (result.success) throw new Error('expected failure');
    const problems = issuesToProblems(result.error.issues, {
      file: 'f',
      data,
      lineOf: () => 7,
      schema: projectFrontmatterSchema,
    });
    expect(problems.find((p) => p.field === 'adopters[0]')?.message).toBe(
      'got 42 (expected an adopter name as text or expected a mapping of fields)',
    );
  });

  it('reports each unknown key on its own line', () => {
    const data = { dates: { accepted: '2020-01-01', graduate: '2021-01-01' } };
    const result = projectFrontmatterSchema.safeParse(data);
    if (result.success) throw new Error('expected failure');
    const lines: Record<string, number> = { '["dates","graduate"]': 12 };
    const problems = issuesToProblems(result.error.issues, {
      file: 'f',
      data,
      lineOf: (p) => lines[JSON.stringify(p)] ?? 1,
      schema: projectFrontmatterSchema,
    });
    expect(problems.find((p) => p.field === 'dates.graduate')).toEqual({
      file: 'f',
      line: 12,
      field: 'dates.graduate',
      message: 'unknown field (expected only accepted, incubating, graduated, archived; check the spelling)',
    });
  });
});

describe('cross-file checks', () => {
  it('derive the slug the way the loader does', () => {
    expect(loaderSlug('Chaos Mesh.mdx')).toBe('chaos-mesh');
    expect(loaderSlug('tikv.mdx')).toBe('tikv');
  });
  it('report names and landscape names used twice, ignoring case', () => {
    const entry = (file: string, slug: string, name: string, landscapeName: string) => ({
      file,
      slug,
      name: { value: name, line: 2 },
      landscapeName: { value: landscapeName, line: 3 },
    });
    const problems = duplicateProblems([
      entry('a.mdx', 'a', 'TiKV', 'TiKV'),
      entry('b.mdx', 'b', 'tikv', 'Other'),
      entry('c.mdx', 'c', 'C', 'TIKV'),
    ]);
    expect(problems.map((p) => `${p.file}:${p.line}: ${p.field}`)).toEqual(['b.mdx:2: name', 'c.mdx:3: landscapeName']);
  });
});
