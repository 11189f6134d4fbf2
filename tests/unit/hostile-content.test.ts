/**
 * Hostile input: what a stranger's content-only pull request could try. Each block
 * is one class; rows are known attacks and variants of them.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- each case edits a valid entry into an invalid one, of any shape, which no entry type can describe */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { describe, expect, it } from 'vitest';
import { ENTRY_GLOB, isEntryFile } from '../../src/schemas/entry-files.ts';
import { CNCF_FOUNDED, httpsUrlSchema, isoDateTimeSchema } from '../../src/schemas/common.ts';
import { projectFrontmatterSchema, repoSchema } from '../../src/schemas/project.ts';
import { nameSkeleton, unsafeCharacters } from '../../src/schemas/text-safety.ts';
import { readFrontmatter } from '../../scripts/lib/frontmatter-edit.ts';
import { duplicateProblems } from '../../src/validation/cross-checks.ts';
import { checkMdx } from '../../src/validation/mdx-safety.ts';
import { astroBody } from '../../src/validation/entry-file.ts';
import { formatProblem, validateContent } from '../../src/validation/index.ts';
import { csvField, projectsCsv } from '../../src/data/exports/exports.ts';
import { loadYaml } from '../../src/validation/safe-yaml.ts';
import { project } from '../helpers/fixtures.ts';
import { FIXTURES, makeTree } from '../helpers/validation-tree.ts';

const valid = readFrontmatter(readFileSync(path.join(FIXTURES, 'valid/content/projects/alpha.mdx'), 'utf8')) as Record<
  string,
  any
>;
const withField = (edit: (d: Record<string, any>) => void) => {
  const data = structuredClone(valid);
  edit(data);
  return data;
};
/** The messages the schema gives for an edited copy of the valid entry. */
const issues = (edit: (d: Record<string, any>) => void) => {
  const result = projectFrontmatterSchema.safeParse(withField(edit));
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

/** Problems of the valid fixture tree with extra files written into it. */
function treeProblems(files: Record<string, string>): string[] {
  const tree = makeTree();
  try {
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(tree.root, rel)), { recursive: true });
      writeFileSync(path.join(tree.root, rel), text);
    }
    return validateContent({ contentDir: tree.content, cwd: tree.root }).problems.map(formatProblem);
  } finally {
    tree.cleanup();
  }
}

describe('hidden entries: one definition of an entry file, nothing else under content/', () => {
  const entry = readFileSync(path.join(FIXTURES, 'valid/content/projects/beta.mdx'), 'utf8');
  it.each([
    ['content/projects/.x.mdx'],
    ['content/projects/_draft.mdx'],
    ['content/projects/x.md'],
    ['content/projects/nested/x.mdx'],
    ['content/projects/Upper.mdx'],
    ['content/projects/under_score.mdx'],
    ['content/.hidden.yaml'],
    ['content/_notes.yaml'],
  ])('%s is an error naming the file, never skipped', (rel) => {
    const problems = treeProblems({ [rel]: entry.replace('name: Beta', 'name: Hidden') });
    expect(
      problems.some((p) => p.startsWith(`${rel}:1: file:unexpected: `)),
      problems.join('\n'),
    ).toBe(true);
  });

  it('the content glob, called as the Astro glob loader calls it, loads only names the predicate accepts', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'entry-glob-'));
    try {
      const good = ['tikv.mdx', 'chaos-mesh.mdx', 'k8s2.mdx'];
      const hostile = ['.x.mdx', '_x.mdx', 'x.md', 'nested/x.mdx', 'X.mdx', '.hidden/x.mdx'];
      for (const name of [...good, ...hostile]) {
        mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        writeFileSync(path.join(dir, name), '');
      }
      const loaded = (await glob(ENTRY_GLOB, { cwd: dir, expandDirectories: false })).sort();
      expect(loaded).toEqual([...good].sort());
      for (const name of good) expect(isEntryFile(name), name).toBe(true);
      for (const name of hostile) expect(isEntryFile(name), name).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the content config uses that definition', () => {
    const config = readFileSync(path.join(import.meta.dirname, '../../src/content.config.ts'), 'utf8');
    expect(config).toContain('glob({ base: ENTRIES_BASE, pattern: ENTRY_GLOB })');
  });
});

describe('characters: control, NUL, bidi overrides, zero-width', () => {
  it.each([
    ['NUL in a name', (d: any) => (d.name = 'Al\u0000pha'), 'name', 'a control character (U+0000)'],
    ['a bell in a name', (d: any) => (d.name = 'Al\u0007pha'), 'name', 'a control character (U+0007)'],
    ['a tab in a summary', (d: any) => (d.summary = 'A\tstore.'), 'summary', 'a control character (U+0009)'],
    [
      'a C1 control in an adopter',
      (d: any) => (d.adopters = ['Corp\u0085']),
      'adopters.0',
      'a control character (U+0085)',
    ],
    [
      'a bidi override in a name',
      (d: any) => (d.name = 'Alpha\u202eahplA'),
      'name',
      'a bidirectional override (U+202E)',
    ],
    [
      'a bidi isolate in an adopter name',
      (d: any) => (d.adopters = [{ name: 'Corp\u2066', url: 'https://corp.example.org/' }]),
      'adopters.0.name',
      'a bidirectional override (U+2066)',
    ],
    ['a zero-width space in a name', (d: any) => (d.name = 'Al\u200bpha'), 'name', 'an invisible character (U+200B)'],
    ['a Hangul filler in a name', (d: any) => (d.name = 'Ti\u3164KV'), 'name', 'an invisible character (U+3164)'],
    ['a Hangul choseong filler', (d: any) => (d.name = 'Ti\u115fKV'), 'name', 'an invisible character (U+115F)'],
    [
      'a Hangul jungseong filler',
      (d: any) => (d.summary = 'A\u1160 store.'),
      'summary',
      'an invisible character (U+1160)',
    ],
    ['a halfwidth Hangul filler', (d: any) => (d.name = 'Ti\uffa0KV'), 'name', 'an invisible character (U+FFA0)'],
    ['a tag character', (d: any) => (d.name = 'TiKV\u{E0041}'), 'name', 'an invisible character (U+E0041)'],
    ['the cancel tag', (d: any) => (d.name = 'TiKV\u{E007F}'), 'name', 'an invisible character (U+E007F)'],
    ['a variation selector', (d: any) => (d.name = 'Ti\ufe0fKV'), 'name', 'an invisible character (U+FE0F)'],
    [
      'a zero-width joiner in a role',
      (d: any) => (d.rustRepos[0].role = 'The\u200d store'),
      'rustRepos.0.role',
      'an invisible character (U+200D)',
    ],
  ])('%s is refused', (_what, edit, field, says) => {
    const found = issues(edit);
    expect(
      found.some((i) => i.startsWith(`${field}: `) && i.includes(says)),
      found.join('\n'),
    ).toBe(true);
  });

  it('ordinary text in other scripts passes', () => {
    expect(unsafeCharacters('Ünïcödé — 日本語, Ελληνικά')).toBeUndefined();
    expect(issues((d) => (d.adopters = ['Société Générale', '株式会社']))).toEqual([]);
  });
});

describe('names: duplicates after NFKC and look-alike letters', () => {
  const entry = (file: string, name: string) => ({
    file,
    slug: file,
    name: { value: name, line: 2 },
    landscapeName: { value: `${file} item`, line: 3 },
  });
  it.each([
    ['Cyrillic К', 'ТiКV'],
    ['full-width letters', 'ＴｉＫＶ'],
    ['a zero-width space', 'Ti\u200bKV'],
    ['case and spacing', 'ti kv'],
    ['Greek Ι for I', 'TΙKV'],
    ['a Hangul filler', 'Ti\u3164KV'],
    ['the Hangul choseong and jungseong fillers', 'Ti\u115f\u1160KV'],
    ['tag characters', 'TiKV\u{E0041}\u{E007F}'],
  ])('a second "TiKV" written with %s is a duplicate', (_what, name) => {
    expect(nameSkeleton(name)).toBe(nameSkeleton('TiKV'));
    const problems = duplicateProblems([entry('a.mdx', 'TiKV'), entry('b.mdx', name)]);
    expect(problems.map((p) => `${p.file} ${p.field}`)).toEqual(['b.mdx name']);
    expect(problems[0].message).toContain('is already the name of a.mdx:2');
  });

  it('different projects stay different', () => {
    expect(duplicateProblems([entry('a.mdx', 'TiKV'), entry('b.mdx', 'TiDB')])).toEqual([]);
  });
});

describe('URLs: https to a public host, nothing hidden in them', () => {
  it.each([
    ['credentials', 'https://user:pass@alpha.example.org/', 'a user name or password'],
    ['a user name only', 'https://user@alpha.example.org/', 'a user name or password'],
    ['a space', 'https://alpha.example.org/a b', 'white space'],
    ['a newline', 'https://alpha.example.org/\nx', 'white space'],
    ['200 KB', `https://alpha.example.org/${'a'.repeat(200_000)}`, 'characters (expected at most 2048)'],
    ['localhost', 'https://localhost.localdomain.localhost/', 'local or private'],
    ['127.0.0.1', 'https://127.0.0.1/', 'local or private'],
    ['a private network', 'https://10.1.2.3/', 'local or private'],
    ['192.168.x', 'https://192.168.0.1/', 'local or private'],
    ['link-local metadata', 'https://169.254.169.254/latest/', 'local or private'],
    ['IPv6 loopback', 'https://[::1]/', 'local or private'],
    ['a .local name', 'https://printer.local/', 'local or private'],
    ['a bidi override', 'https://alpha.example.org/\u202egnp.exe', 'bidirectional'],
  ])('%s is refused', (_what, url, says) => {
    const result = httpsUrlSchema.safeParse(url);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.message).join('\n')).toContain(says);
  });

  it.each([['http://alpha.example.org/'], ['javascript:alert(1)'], ['//alpha.example.org/']])(
    '%s is still refused (https only)',
    (url) => {
      expect(httpsUrlSchema.safeParse(url).success).toBe(false);
    },
  );

  it('a homepage with credentials is refused on the entry', () => {
    expect(issues((d) => (d.homepage = 'https://a:b@alpha.example.org/')).join('\n')).toContain(
      'homepage: a user name or password',
    );
  });
});

describe('repo: strictly owner/name', () => {
  it.each([
    ['../..'],
    ['alpha/..'],
    ['../alpha'],
    ['alpha/.'],
    ['a/b/c'],
    ['-alpha/x'],
    ['alpha--x-/x'],
    ['alpha/x y'],
    ['alpha'],
    [`alpha/${'x'.repeat(101)}`],
  ])('%s is refused', (repo) => {
    expect(repoSchema.safeParse(repo).success).toBe(false);
    expect(issues((d) => (d.rustRepos[0].repo = repo)).join('\n')).toContain(
      'rustRepos.0.repo: expected a GitHub repository as owner/name',
    );
  });
  it.each([['tikv/tikv'], ['kube-rs/kube'], ['containerd/rust-extensions'], ['a/.github'], ['x/y.rs']])(
    '%s passes',
    (repo) => {
      expect(repoSchema.safeParse(repo).success).toBe(true);
    },
  );
});

describe('dates and timestamps: real, not before the CNCF, not in the future', () => {
  const future = new Date(Date.now() + 400 * 86_400_000).toISOString().slice(0, 10);
  it.each([
    ['2026-02-30T25:99:99+00:00'],
    ['2026-02-30T10:00:00Z'],
    ['2026-01-01T24:00:00Z'],
    ['2026-01-01T10:60:00Z'],
    ['2026-01-01T10:00:61Z'],
    ['2026-01-01T10:00:00+25:00'],
    [`${future}T10:00:00Z`],
  ])('the timestamp %s is refused', (stamp) => {
    expect(isoDateTimeSchema.safeParse(stamp).success).toBe(false);
  });

  it.each([
    [
      'accepted before the CNCF existed',
      (d: any) => (d.dates.accepted = '2015-07-20'),
      'dates.accepted',
      `on or after ${CNCF_FOUNDED}`,
    ],
    ['accepted in 1970', (d: any) => (d.dates.accepted = '1970-01-01'), 'dates.accepted', 'on or after'],
    ['graduated in the future', (d: any) => (d.dates.graduated = future), 'dates.graduated', 'not in the future'],
    [
      'a sandbox entry accepted in 2031',
      (d: any) => {
        d.maturity = 'sandbox';
        d.dates = { accepted: '2031-01-01' };
      },
      'dates.accepted',
      'not in the future',
    ],
    ['updated in the future', (d: any) => (d.updated = future), 'updated', 'not in the future'],
    ['an impossible day', (d: any) => (d.dates.accepted = '2019-02-30'), 'dates.accepted', 'real calendar date'],
    [
      'a measurement committed in the future',
      (d: any) => (d.rustRepos[0].measurement.commitDate = `${future}T00:00:00+00:00`),
      'rustRepos.0.measurement.commitDate',
      'not in the future',
    ],
  ])('%s is refused', (_what, edit, field, says) => {
    const found = issues(edit);
    expect(
      found.some((i) => i.startsWith(`${field}: `) && i.includes(says)),
      found.join('\n'),
    ).toBe(true);
  });

  it('the day the CNCF was announced passes', () => {
    expect(
      issues((d) => {
        d.maturity = 'sandbox';
        d.dates = { accepted: CNCF_FOUNDED };
      }),
    ).toEqual([]);
  });
});

describe('categories: at most what CONTRIBUTING allows, each once', () => {
  it('four categories are refused', () => {
    expect(issues((d) => (d.categories = ['storage', 'runtime', 'mesh', 'security'])).join('\n')).toContain(
      'categories: expected at most 3 categories',
    );
  });
  it('the same category twice is refused', () => {
    expect(issues((d) => (d.categories = ['storage', 'storage'])).join('\n')).toContain(
      'categories.1: expected each category once',
    );
  });
  it('CONTRIBUTING says one to three', () => {
    expect(readFileSync(path.join(import.meta.dirname, '../../CONTRIBUTING.md'), 'utf8')).toMatch(/One to three ids/);
  });
});

describe('MDX: links written as JSX follow the Markdown rules; deep nesting is an error', () => {
  const body = (text: string) => astroBody(`---\nname: x\n---\n\n${text}\n`);
  it.each([
    ['<a href="//evil.example.org/">x</a>', 'protocol-relative'],
    ['<a href="\\\\evil.example.org/">x</a>', 'protocol-relative'],
    ['<a href="http://alpha.example.org/">x</a>', 'uses http://'],
    ['<a href="HTTP://alpha.example.org/">x</a>', 'uses http://'],
    ['<a href="http&#58;//alpha.example.org/">x</a>', 'uses http://'],
    ['<img src="//evil.example.org/x.png" alt="" />', 'protocol-relative'],
    ['[x](//evil.example.org/)', 'protocol-relative'],
    ['[x](http://alpha.example.org/)', 'uses http://'],
  ])('%s is refused', (text, says) => {
    const findings = checkMdx(body(text));
    expect(findings.map((f) => `${f.rule} ${f.message}`).join('\n')).toMatch(
      new RegExp(`mdx:insecure-url .*${says.replace(/[/.]/g, '\\$&')}`),
    );
  });

  it.each([
    ['[x](smb://files.example.org/share)', 'smb'],
    ['[x](file:///etc/passwd)', 'file'],
    ['[x](FILE:///etc/passwd)', 'file'],
    ['[x](ftp://files.example.org/)', 'ftp'],
    ['[x](file&#58;///etc/passwd)', 'file'],
    ['<a href="mailto:a@example.org">x</a>', 'mailto'],
    ['<a href="sMb://files.example.org/">x</a>', 'smb'],
    ['[r]\n\n[r]: ssh://git.example.org/x', 'ssh'],
  ])('%s: another scheme than https is refused', (text, scheme) => {
    expect(checkMdx(body(text)).map((f) => `${f.rule} ${f.message}`)).toEqual([
      expect.stringMatching(new RegExp(`^mdx:insecure-url .*uses the ${scheme}: scheme`)),
    ]);
  });

  it.each([
    ['![x](../../../../etc/passwd)'],
    ['![x](./chart.png)'],
    ['![x](chart.png)'],
    ['![x](%2e%2e/%2e%2e/secret.png)'],
    ['![x][r]\n\n[r]: ../../secret.png'],
  ])('%s: a relative image source, which the build would import from its disk, is refused', (text) => {
    const findings = checkMdx(body(text));
    expect(findings.map((f) => f.rule)).toContain('mdx:local-image');
  });

  it('images from public/ and https pass', () => {
    expect(checkMdx(body('![a chart](/figures/a.svg) ![b](https://alpha.example.org/b.png)'))).toEqual([]);
  });

  it.each([
    ['<span data-pagefind-meta="title:TiKV">x</span>'],
    ['<span data-pagefind-weight="10">x</span>'],
    ['<div DATA-PAGEFIND-BODY="">x</div>'],
    ['<span data-pagefind-filter="maturity:graduated">x</span>'],
    ['<p data-pagefind-ignore="all">x</p>'],
  ])('%s: search attributes are refused in a body', (text) => {
    expect(checkMdx(body(text)).map((f) => f.rule)).toEqual(['mdx:search-attribute']);
  });

  it('https links in JSX pass', () => {
    expect(checkMdx(body('<a href="https://alpha.example.org/">x</a>'))).toEqual([]);
  });

  it.each([
    ['20,000 nested block quotes', `${'>'.repeat(20_000)} deep`],
    ['20,000 spaced block quotes', `${'> '.repeat(20_000)}deep`],
    ['20,000 nested tags', `${'<div>'.repeat(20_000)}x${'</div>'.repeat(20_000)}`],
  ])('%s give an error, not a stack overflow', (_what, text) => {
    const findings = checkMdx(body(text));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'mdx:nesting', line: 5 });
  });

  it.each([
    ['2,000 list items opened on one line', `${'- '.repeat(2_000)}x`],
    ['20,000 numbered items opened on one line', `${'1. '.repeat(20_000)}x`],
    ['quotes and list items mixed on one line', `${'> 1. * '.repeat(100)}x`],
    ['50,000 ** nested as strong emphasis', `${'**'.repeat(25_000)}x${'**'.repeat(25_000)}`],
    ['emphasis nested 100 deep with _ and *', `${'_a *b '.repeat(50)}x${' c* d_'.repeat(50)}`],
    ['links in emphasis in quotes, 70 levels in all', `${'> '.repeat(30)}${'*a '.repeat(40)}x${' b*'.repeat(40)}`],
  ])('%s: an mdx:nesting error on its line, before the compiler sees it', (_what, text) => {
    const findings = checkMdx(body(text));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'mdx:nesting', line: 5 });
  });

  it('ordinary nesting passes: a list three levels deep with emphasis and a link', () => {
    expect(
      checkMdx(
        body('- one\n  - two **bold _and [a link](https://alpha.example.org/)_**\n    - three\n\n> quoted *text*'),
      ),
    ).toEqual([]);
  });

  it('deep nesting in a file of the tree names that file', () => {
    const entry = readFileSync(path.join(FIXTURES, 'valid/content/projects/beta.mdx'), 'utf8');
    const problems = treeProblems({ 'content/projects/beta.mdx': `${entry}\n${'>'.repeat(20_000)} deep\n` });
    expect(
      problems.some((p) => /^content\/projects\/beta\.mdx:\d+: mdx:nesting: /.test(p)),
      problems.join('\n'),
    ).toBe(true);
  });
});

describe('YAML: aliases and size are limited', () => {
  it('an alias bomb is refused at once instead of exhausting memory', () => {
    let yaml = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n';
    for (let i = 0; i < 20; i++)
      yaml += `b${i}: &b${i} [${Array(9)
        .fill(i ? `*b${i - 1}` : '*a')
        .join(',')}]\n`;
    expect(() => loadYaml(yaml)).toThrow(/maxAliases/);
  });
  it('an alias bomb in an entry is a problem naming the file', () => {
    let yaml = 'x0: &x0 [a, a, a, a, a, a, a, a, a, a]\n';
    for (let i = 1; i < 15; i++)
      yaml += `x${i}: &x${i} [${Array(10)
        .fill(`*x${i - 1}`)
        .join(', ')}]\n`;
    const entry = readFileSync(path.join(FIXTURES, 'valid/content/projects/beta.mdx'), 'utf8');
    const problems = treeProblems({ 'content/projects/beta.mdx': entry.replace('---\n', `---\n${yaml}`) });
    expect(
      problems.some((p) => /^content\/projects\/beta\.mdx:\d+: yaml:syntax: .*maxAliases/.test(p)),
      problems.join('\n'),
    ).toBe(true);
  });
  it('text over the size limit is refused before parsing', () => {
    expect(() => loadYaml('a: b\n', { maxBytes: 3 })).toThrow(/at most 3/);
  });
});

describe('CSV: formulas are neutralised (OWASP)', () => {
  it.each([['=HYPERLINK("https://evil.example.org","x")'], ['+1+1'], ['-2+3'], ['@SUM(A1)'], ['\t=1'], ['\r=1']])(
    '%j starts with a quote',
    (value) => {
      const field = csvField(value);
      expect(field.replace(/^"/, '').startsWith("'")).toBe(true);
    },
  );
  it('numbers, including negative ones, stay numbers', () => {
    expect(csvField(-5)).toBe('-5');
    expect(csvField('Example Corp')).toBe('Example Corp');
  });
  it('an entry name written as a formula is neutralised in projects.csv', () => {
    const csv = projectsCsv([project('alpha', { name: '=cmd|"/c calc"!A1' })], {
      project: (slug) => `https://example.org/projects/${slug}/`,
    });
    const row = csv.split('\r\n')[1];
    expect(row).toContain(`"'=cmd|""/c calc""!A1"`);
    expect(row).not.toMatch(/(^|,)=/);
  });
});

describe('the real content passes every check above', () => {
  it('validate finds no problem in content/ and public/', () => {
    const root = path.join(import.meta.dirname, '../..');
    expect(validateContent({ contentDir: path.join(root, 'content'), cwd: root }).problems.map(formatProblem)).toEqual(
      [],
    );
  });
});
