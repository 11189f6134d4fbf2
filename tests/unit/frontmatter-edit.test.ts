import { describe, expect, it } from 'vitest';
import {
  FrontmatterEditError,
  appendSequenceItem,
  frontmatterRange,
  hasKey,
  isPlainSafe,
  readFrontmatter,
  removeKey,
  renderScalar,
  setScalar,
} from '../../scripts/lib/frontmatter-edit.ts';
import type { ProjectFrontmatter } from '../../src/schemas/project.ts';

const DATES = ['accepted', 'incubating', 'graduated', 'archived'] as const;

const entry = [
  '---',
  'name: Example # display name',
  'maturity: incubating',
  'dates:',
  "  accepted: '2020-07-14'",
  "  incubating: '2022-02-16'",
  'homepage: https://example.org/',
  'rustRepos:',
  '  - repo: example/one',
  '    role: The main thing',
  '    measurement:',
  '      commit: 523c67dbd5bd3fb2758b7194679a3cab2e7be917',
  "      commitDate: '2024-07-07T14:22:16+08:00'",
  '      files: 30',
  '      rustShare: 98.6',
  'summary: >-',
  '  A folded',
  '  summary.',
  '# a comment kept in place',
  'updated: "2026-11-22"',
  '---',
  '',
  'Body with a line that looks like YAML:',
  'maturity: sandbox',
  '',
].join('\n');

/** Lines of `after` that differ from `before`, as [line number, before, after]. */
function changedLines(before: string, after: string): [number, string | undefined, string | undefined][] {
  const a = before.split('\n');
  const b = after.split('\n');
  const out: [number, string | undefined, string | undefined][] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) out.push([i + 1, a[i], b[i]]);
  return out;
}

describe('frontmatterRange', () => {
  it('finds the YAML between the fences, with the line ending and BOM', () => {
    const range = frontmatterRange(entry);
    expect(entry.slice(range.start, range.end).startsWith('name: Example')).toBe(true);
    expect(entry.slice(range.end).startsWith('---\n\nBody')).toBe(true);
    expect(range.eol).toBe('\n');
    expect(range.bom).toBe('');
    const crlf = `\uFEFF${entry.replaceAll('\n', '\r\n')}`;
    expect(frontmatterRange(crlf)).toMatchObject({ bom: '\uFEFF', eol: '\r\n' });
  });

  it('names what is missing', () => {
    expect(() => frontmatterRange('no frontmatter')).toThrow(
      'expected the file to start with a "---" frontmatter line',
    );
    expect(() => frontmatterRange('---\nname: x\n')).toThrow('expected a closing "---" line after the frontmatter');
  });
});

describe('setScalar', () => {
  it('replaces one value and nothing else, keeping its quoting', () => {
    const out = setScalar(entry, ['dates', 'incubating'], '2023-01-01');
    expect(changedLines(entry, out)).toEqual([[6, "  incubating: '2022-02-16'", "  incubating: '2023-01-01'"]]);
    const plain = setScalar(entry, ['maturity'], 'graduated');
    expect(changedLines(entry, plain)).toEqual([[3, 'maturity: incubating', 'maturity: graduated']]);
    const double = setScalar(entry, ['updated'], '2027-01-01');
    expect(changedLines(entry, double)).toEqual([[20, 'updated: "2026-11-22"', 'updated: "2027-01-01"']]);
  });

  it('keeps a comment after the value', () => {
    const out = setScalar(entry, ['name'], 'Renamed');
    expect(changedLines(entry, out)).toEqual([[2, 'name: Example # display name', 'name: Renamed # display name']]);
  });

  it('reaches into sequence items and writes numbers plain', () => {
    const out = setScalar(entry, ['rustRepos', 0, 'measurement', 'files'], 31);
    expect(changedLines(entry, out)).toEqual([[14, '      files: 30', '      files: 31']]);
    expect((readFrontmatter(out) as ProjectFrontmatter).rustRepos[0].measurement.files).toBe(31);
  });

  it('quotes a plain value that would read back as something else', () => {
    const out = setScalar(entry, ['rustRepos', 0, 'measurement', 'commit'], '1234567890123456789012345678901234567890');
    expect(changedLines(entry, out)).toEqual([
      [
        12,
        '      commit: 523c67dbd5bd3fb2758b7194679a3cab2e7be917',
        "      commit: '1234567890123456789012345678901234567890'",
      ],
    ]);
    expect((readFrontmatter(out) as ProjectFrontmatter).rustRepos[0].measurement.commit).toBe(
      '1234567890123456789012345678901234567890',
    );
  });

  it('replaces a folded block scalar with one line', () => {
    const out = setScalar(entry, ['summary'], 'Short.');
    expect(changedLines(entry, out).slice(0, 1)).toEqual([[16, 'summary: >-', 'summary: Short.']]);
    expect(out).toContain('summary: Short.\n# a comment kept in place\n');
    expect((readFrontmatter(out) as ProjectFrontmatter).summary).toBe('Short.');
  });

  it('returns the text unchanged when the value is already there', () => {
    expect(setScalar(entry, ['dates', 'accepted'], '2020-07-14')).toBe(entry);
  });

  it('inserts a missing key in the given order, quoted like its siblings', () => {
    const graduated = setScalar(entry, ['dates', 'graduated'], '2025-01-02', { order: DATES });
    expect(changedLines(entry, graduated)[0]).toEqual([
      7,
      'homepage: https://example.org/',
      "  graduated: '2025-01-02'",
    ]);
    expect(graduated.split('\n').slice(3, 7)).toEqual([
      'dates:',
      "  accepted: '2020-07-14'",
      "  incubating: '2022-02-16'",
      "  graduated: '2025-01-02'",
    ]);

    const noAccepted = removeKey(entry, ['dates', 'accepted']);
    const accepted = setScalar(noAccepted, ['dates', 'accepted'], '2019-01-01', { order: DATES });
    expect(accepted.split('\n').slice(3, 6)).toEqual([
      'dates:',
      "  accepted: '2019-01-01'",
      "  incubating: '2022-02-16'",
    ]);
  });

  it('inserts before the first key of a sequence item by taking over the dash', () => {
    const out = setScalar(entry, ['rustRepos', 0, 'alias'], 'one', { order: ['alias', 'repo', 'role'] });
    expect(out.split('\n').slice(7, 11)).toEqual([
      'rustRepos:',
      '  - alias: one',
      '    repo: example/one',
      '    role: The main thing',
    ]);
    expect((readFrontmatter(out) as ProjectFrontmatter).rustRepos[0]).toMatchObject({
      alias: 'one',
      repo: 'example/one',
    });
  });

  it('fills an empty parent key with a block mapping', () => {
    const empty = entry.replace(/dates:\n(?: {2}.*\n)+/, 'dates:\n');
    const out = setScalar(empty, ['dates', 'accepted'], '2020-07-14', { order: DATES });
    expect(out).toContain("dates:\n  accepted: '2020-07-14'\nhomepage:");
  });

  it('keeps CRLF line endings and the BOM', () => {
    const crlf = `\uFEFF${entry.replaceAll('\n', '\r\n')}`;
    const out = setScalar(
      setScalar(crlf, ['dates', 'graduated'], '2025-01-02', { order: DATES }),
      ['maturity'],
      'graduated',
    );
    expect(out.startsWith('\uFEFF---\r\n')).toBe(true);
    expect(out.replaceAll('\r\n', '')).not.toContain('\n');
    expect(out).toContain("\r\n  graduated: '2025-01-02'\r\n");
    expect(out).toContain('\r\nmaturity: graduated\r\n');
  });

  it('never touches the body, even where it looks like YAML', () => {
    const out = setScalar(entry, ['maturity'], 'graduated');
    expect(out.endsWith('maturity: sandbox\n')).toBe(true);
  });

  it('refuses paths it cannot set, with a clear message', () => {
    expect(() => setScalar(entry, ['dates'], 'x')).toThrow('expected a scalar at dates, found a mapping');
    expect(() => setScalar(entry, ['nope', 'deeper'], 'x')).toThrow(
      'expected nope to exist before setting nope.deeper',
    );
    expect(() => setScalar(entry, ['rustRepos', 3, 'repo'], 'x')).toThrow(FrontmatterEditError);
  });
});

describe('removeKey', () => {
  it('removes the line of a key and nothing else', () => {
    const out = removeKey(entry, ['dates', 'incubating']);
    expect(changedLines(entry, out)[0]).toEqual([6, "  incubating: '2022-02-16'", 'homepage: https://example.org/']);
    expect(out.split('\n').length).toBe(entry.split('\n').length - 1);
    expect(hasKey(out, ['dates', 'incubating'])).toBe(false);
    expect(hasKey(out, ['dates', 'accepted'])).toBe(true);
  });

  it('removes a block value with all its lines', () => {
    const out = removeKey(entry, ['summary']);
    expect(out).toContain('      rustShare: 98.6\n# a comment kept in place\n');
  });

  it('moves the next key onto the dash when removing the first key of an item', () => {
    const out = removeKey(entry, ['rustRepos', 0, 'repo']);
    expect(out).toContain('rustRepos:\n  - role: The main thing\n    measurement:\n');
  });

  it('leaves the text alone when the key is absent', () => {
    expect(removeKey(entry, ['dates', 'archived'])).toBe(entry);
  });
});

describe('appendSequenceItem', () => {
  const item = {
    repo: 'example/two',
    role: 'Helper: does more',
    measurement: { commit: 'a'.repeat(40), commitDate: '2025-01-23T13:34:17+08:00', files: 2, rustShare: 100 },
  };

  it('appends an item indented like the others, right after the last one', () => {
    const out = appendSequenceItem(entry, ['rustRepos'], item);
    const lines = out.split('\n');
    expect(lines.slice(14, 22)).toEqual([
      '      rustShare: 98.6',
      '  - repo: example/two',
      "    role: 'Helper: does more'",
      '    measurement:',
      `      commit: ${'a'.repeat(40)}`,
      "      commitDate: '2025-01-23T13:34:17+08:00'",
      '      files: 2',
      '      rustShare: 100',
    ]);
    expect(changedLines(entry, out).every(([n]) => n >= 16)).toBe(true);
    expect((readFrontmatter(out) as ProjectFrontmatter).rustRepos[1]).toEqual(item);
  });

  it('uses CRLF for the new lines of a CRLF file', () => {
    const crlf = entry.replaceAll('\n', '\r\n');
    const out = appendSequenceItem(crlf, ['rustRepos'], item);
    expect(out.replaceAll('\r\n', '')).not.toContain('\n');
    expect(out).toContain("      rustShare: 98.6\r\n  - repo: example/two\r\n    role: 'Helper: does more'\r\n");
  });

  it('turns an empty flow list into a block list', () => {
    const empty = entry.replace(/rustRepos:\n(?: {2}.*\n)+/, 'rustRepos: []\n');
    const out = appendSequenceItem(empty, ['rustRepos'], { repo: 'a/b', role: 'x' });
    expect(out).toContain('rustRepos:\n  - repo: a/b\n    role: x\nsummary: >-\n');
  });
});

describe('scalar rendering', () => {
  it('knows which strings can stay plain', () => {
    expect(isPlainSafe('https://example.org/')).toBe(true);
    expect(isPlainSafe('chaos-mesh/toda')).toBe(true);
    for (const risky of [
      '2020-07-14',
      '2024-07-07T14:22:16+08:00',
      'yes',
      'null',
      '12',
      '1e5',
      '',
      ' x',
      'a: b',
      'a #b',
      '- x',
      "'q'",
      '@x',
    ])
      expect(isPlainSafe(risky), risky).toBe(false);
  });

  it('escapes quotes in single-quoted values', () => {
    expect(renderScalar("it's", 'single')).toBe("'it''s'");
    expect(renderScalar('say "hi"', 'double')).toBe('"say \\"hi\\""');
    expect(renderScalar(98.6)).toBe('98.6');
  });
});
