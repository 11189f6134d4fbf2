/**
 * The hand-written Rust lexer (scripts/lib/line-count.ts) against the grammar the field uses,
 * tree-sitter-rust: the same class (blank, comment, code) for every line of a generated file
 * that mixes every case the lexer handles. `npm run check:lexer` does the same on every `.rs`
 * file of real repositories.
 */
import { describe, expect, it } from 'vitest';
import { grammarLineClasses } from '../../scripts/lib/grammar-lines.ts';
import { classifyLines } from '../../scripts/lib/line-count.ts';

/** Small items, each valid Rust on its own, covering one case of the lexer. */
const SNIPPETS: readonly string[] = [
  '// a line comment\n//! inner doc\n/// outer doc\nfn documented() {}',
  '/*\n * Licensed under the Apache License, Version 2.0.\n *\n */',
  '/* a /* nested */ still comment */ fn after_nested() {}',
  '/* outer\n  /* inner\n  */\n  still comment\n*/',
  '/** doc block */ /*! inner doc block */\n/**/ fn empty_comment() {}',
  'const URL: &str = "https://example.org/*path*/"; // trailing',
  'const MULTI: &str = "first\n// not a comment\n/* nor this\n";',
  'const CONT: &str = "one \\\n    two // still string";',
  'const ESCAPED: &str = "quote \\" /* still string";',
  'const RAW: &str = r"/* raw */";',
  'const RAW_HASH: &str = r#"a "quoted" // word"#;',
  'const RAW_TWO: &str = r##"\n"# not the end\n// nor a comment\n"##;',
  'const BYTES: &[u8] = b"/*"; const BYTES_RAW: &[u8] = br#"//"#;',
  'const C_STR: &core::ffi::CStr = c"/*"; const C_RAW: &core::ffi::CStr = cr#"/*"#;',
  "const QUOTE: char = '\"'; const SLASH: char = '/'; // c",
  "const APOS: char = '\\''; const S: &str = \"/*\";",
  "const DQ: char = '\\\"'; // an escaped quote in a character literal opens no string\n/* c */",
  "const UNI: char = '\\u{1F980}'; const E: char = 'é'; const B: u8 = b'\\''; const BQ: u8 = b'\"';",
  "fn lifetimes<'a, 'b: 'a>(x: &'a str, _y: &'b str) -> &'a str { x } // c",
  "fn labels() { 'outer: loop { break 'outer; } }",
  'fn r#match() {} // a raw identifier',
  'fn mixed() {\n    let a = 1; // code and a comment\n    /* comment first */ let b = a;\n    let _c /* inside */ = b;\n}',
  'fn blank_lines() {\n\n    \t\n}',
  'fn divide(a: u32, b: u32) -> u32 { a / b /* not a comment opener: */ }',
  'macro_rules! m { ($x:expr) => { $x /* in a macro */ }; } // c',
];

/** A deterministic pseudo-random sequence. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Every snippet, several times in a shuffled order, some with CRLF, with a BOM and no final newline. */
function generate(): Uint8Array {
  const next = random(17);
  const parts: string[] = [];
  for (let round = 0; round < 6; round++) {
    const order = SNIPPETS.map((s) => ({ s, key: next() }))
      .sort((a, b) => a.key - b.key)
      .map((x) => x.s);
    for (const s of order) {
      // Item names must stay unique: suffix them by round.
      const renamed = s.replace(
        /\b(fn|const) (r#)?([A-Za-z_]+)/g,
        (_m, kw, raw, name) => `${kw} ${raw ?? ''}${name}_${round}`,
      );
      parts.push(next() < 0.3 ? renamed.replaceAll('\n', '\r\n') : renamed);
      parts.push(next() < 0.5 ? '\n\n' : '\n');
    }
  }
  const text = parts.join('').trimEnd(); // no final newline
  const body = new TextEncoder().encode(text);
  // A byte-order mark, and a comment holding invalid UTF-8.
  const bad = Uint8Array.of(...new TextEncoder().encode('\n// invalid UTF-8: '), 0xff, 0xfe, 0xe9);
  const out = new Uint8Array(3 + body.length + bad.length);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(body, 3);
  out.set(bad, 3 + body.length);
  return out;
}

describe('the lexer against tree-sitter-rust', () => {
  it('classes every snippet on its own as the grammar does', async () => {
    for (const snippet of SNIPPETS) {
      const grammar = await grammarLineClasses(snippet);
      expect(grammar.hasError, snippet).toBe(false);
      expect(classifyLines(snippet), snippet).toEqual(grammar.kinds);
    }
  });

  it('classes every line of a generated file mixing all cases as the grammar does', async () => {
    const file = generate();
    const grammar = await grammarLineClasses(file);
    expect(grammar.hasError).toBe(false);
    const lexer = classifyLines(file);
    expect(lexer.length).toBe(grammar.kinds.length);
    const differing = lexer.flatMap((k, i) => (k === grammar.kinds[i] ? [] : [i + 1]));
    expect(differing).toEqual([]);
    // The file exercises every class.
    expect(new Set(lexer)).toEqual(new Set([0, 1, 2]));
  });
});
