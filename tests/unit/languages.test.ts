import { beforeAll, describe, expect, it } from 'vitest';
import {
  AMBIGUOUS_EXTENSIONS,
  buildLanguageTable,
  languageByAlias,
  languageOf,
  linguistTable,
  loadLinguistTable,
} from '../../scripts/lib/languages.ts';
import { PATH_RULES, exclusionOf, pathRuleOf } from '../../src/data/rules/linguist-rules.ts';

const name = (p: string) => languageOf(p)?.name;

beforeAll(async () => {
  await loadLinguistTable();
}, 60_000);

describe('languages from linguist', () => {
  it('loads the same table from the package and from its cache file', async () => {
    const all = Object.values(await import('linguist-languages')) as { name: string; type: string }[];
    const t = linguistTable();
    expect(t.byAlias.get('rust')).toEqual({ name: 'Rust', type: 'programming' });
    for (const l of all) expect(t.byAlias.get(l.name.toLowerCase())?.type, l.name).toBe(l.type);
  });

  it('knows every programming language of linguist-languages, by extension and file name', () => {
    expect(
      ['a.rs', 'b.go', 'c.c', 'd.cpp', 'e.py', 'f.ts', 'g.java', 'h.cs', 'i.kt', 'j.rb', 'k.swift', 'l.zig'].map(name),
    ).toEqual(['Rust', 'Go', 'C', 'C++', 'Python', 'TypeScript', 'Java', 'C#', 'Kotlin', 'Ruby', 'Swift', 'Zig']);
    expect(languageOf('Makefile')).toEqual({ name: 'Makefile', type: 'programming' });
    expect(languageOf('docs/README.md')).toEqual({ name: 'Markdown', type: 'prose' });
    expect(languageOf('Cargo.lock')?.type).not.toBe('programming');
  });

  it('matches extensions without regard to case, longest first, and not on dot files', () => {
    expect(name('X.RS')).toBe('Rust');
    expect(name('build.rs.in')).toBe('Rust');
    expect(name('types.d.ts')).toBe('TypeScript');
    expect(name('.rs')).toBeUndefined();
    expect(name('noextension')).toBeUndefined();
    expect(name('a.rs.bak')).toBeUndefined();
  });

  it('settles ambiguous extensions by the documented table', () => {
    expect(name('a.rs')).toBe('Rust'); // not RenderScript
    expect(name('a.h')).toBe('C');
    expect(name('a.ts')).toBe('TypeScript');
    expect(name('a.inc')).toBeUndefined();
    expect(name('_helpers.tpl')).toBe('Go Template');
    const t = linguistTable();
    expect(t.ambiguous.get('.rs')).toEqual({
      chosen: 'Rust',
      candidates: expect.arrayContaining(['Rust', 'RenderScript']),
    });
    for (const [ext, { language }] of Object.entries(AMBIGUOUS_EXTENSIONS)) {
      if (language !== null) expect(t.byExtension.get(ext)?.name, ext).toBe(language);
    }
  });

  it('falls back to the primary extension, then programming first, then by name', () => {
    const t = buildLanguageTable([
      { name: 'Zed', type: 'data', extensions: ['.q'] },
      { name: 'Bee', type: 'programming', extensions: ['.x', '.q'] },
      { name: 'Ant', type: 'programming', extensions: ['.y', '.q'] },
      { name: 'Cat', type: 'programming', extensions: ['.w'] },
      { name: 'Dog', type: 'markup', extensions: ['.w'] },
    ]);
    expect(languageOf('f.q', t)?.name).toBe('Zed'); // its primary extension
    expect(languageOf('f.w', t)?.name).toBe('Cat'); // both primary: programming first
  });

  it('reads linguist-language values by name or alias', () => {
    expect(languageByAlias('rust')?.name).toBe('Rust');
    expect(languageByAlias('Shell')?.name).toBe('Shell');
    expect(languageByAlias('c++')?.name).toBe('C++');
    expect(languageByAlias('Go-Template')?.name).toBe('Go Template');
    expect(languageByAlias('no-such-language')).toBeUndefined();
  });
});

describe('default path rules', () => {
  it('leaves out vendored directories at any depth', () => {
    for (const p of [
      'vendor/x.go',
      'a/vendor/x.rs',
      'third_party/x.c',
      'a/third-party/x.c',
      '3rdparty/x.c',
      'web/node_modules/p/x.js',
      'deps/x.c',
      'Godeps/x.go',
      'app.min.js',
    ])
      expect(pathRuleOf(p)?.kind, p).toBe('vendored');
    expect(pathRuleOf('a/deps/x.c')).toBeUndefined(); // deps/ only at the top
    expect(pathRuleOf('src/vendor.rs')).toBeUndefined();
    expect(pathRuleOf('vendored/x.rs')).toBeUndefined();
    expect(pathRuleOf('src/cache/mod.rs')).toBeUndefined(); // linguist's cache/ rule is not applied
  });

  it('leaves out docs, examples, samples and demos at the top only', () => {
    for (const p of [
      'docs/a.rs',
      'doc/a.rs',
      'Docs/a.rs',
      'examples/a.rs',
      'samples/a.rs',
      'sample/a.rs',
      'demo/a.rs',
      'demos/a.rs',
      'x/documentation/a.py',
    ])
      expect(pathRuleOf(p)?.kind, p).toBe('documentation');
    for (const p of ['crates/a/examples/e.rs', 'src/docs/d.rs', 'x/samples/s.rs', 'examples.rs'])
      expect(pathRuleOf(p), p).toBeUndefined();
  });

  it('leaves out generated code recognised by its file name', () => {
    for (const p of [
      'api/x.pb.go',
      'api/x.pb.gw.go',
      'x_pb2.py',
      'x_pb2_grpc.py',
      'a.pb.cc',
      'a.pb.h',
      'pkg/zz_generated.deepcopy.go',
    ])
      expect(pathRuleOf(p)?.kind, p).toBe('generated');
    expect(pathRuleOf('src/proto.rs')).toBeUndefined(); // generated Rust counts unless .gitattributes says so
  });

  it('lets .gitattributes set and unset every kind', () => {
    expect(exclusionOf('src/a.rs', { 'linguist-generated': 'set' })).toEqual({
      kind: 'generated',
      label: '.gitattributes linguist-generated',
    });
    expect(exclusionOf('src/a.rs', { 'linguist-vendored': 'true' })?.kind).toBe('vendored');
    expect(exclusionOf('src/a.rs', { 'linguist-documentation': 'set' })?.kind).toBe('documentation');
    expect(exclusionOf('vendor/a.rs', { 'linguist-vendored': 'unset' })).toBeUndefined();
    expect(exclusionOf('docs/a.rs', { 'linguist-documentation': 'false' })).toBeUndefined();
    expect(exclusionOf('docs/a.rs', { 'linguist-vendored': 'unset' })?.label).toBe('top-level docs/'); // unsetting one kind keeps the others
    expect(exclusionOf('src/a.rs')).toBeUndefined();
  });

  it('labels every rule distinctly', () => {
    expect(new Set(PATH_RULES.map((r) => r.label)).size).toBe(PATH_RULES.length);
  });
});
