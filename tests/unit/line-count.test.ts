import { describe, expect, it } from 'vitest';
import { LineCounter, classifyLines, countLines, lexRust, rustShare } from '../../scripts/lib/line-count.ts';
import { repoFromRemoteUrl } from '../../scripts/lib/git-objects.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

/** Feeds `data` split at every possible position (two chunks), and in single bytes. */
function everySplit(data: Uint8Array) {
  const results = new Set<string>();
  for (let cut = 0; cut <= data.length; cut++) {
    const c = new LineCounter();
    c.push(data.subarray(0, cut));
    c.push(data.subarray(cut));
    results.add(JSON.stringify(c.result()));
  }
  const single = new LineCounter();
  for (const b of data) single.push(Uint8Array.of(b));
  results.add(JSON.stringify(single.result()));
  return [...results];
}

/** Counts with the two other classes, for cases where they matter. */
const detail = (text: string | Uint8Array) => lexRust(typeof text === 'string' ? bytes(text) : text);
/** Each line's class as one letter: b(lank), c(omment), C(ode). */
const classes = (text: string | Uint8Array) =>
  classifyLines(text)
    .map((k) => 'bcC'[k])
    .join('');

describe('the Rust lexer: which lines are code', () => {
  it('leaves out blank lines, // line comments and doc comments (/// and //!)', () => {
    const source = ['// licence header', '//! crate docs', '/// item docs', 'fn main() {', '', '    \t', '}', ''].join(
      '\n',
    );
    expect(detail(source)).toEqual({
      bytes: bytes(source).length,
      lines: 7,
      codeLines: 2,
      commentLines: 3,
      blankLines: 2,
    });
    expect(classes(source)).toBe('cccCbbC');
  });

  it('leaves out block comments, the lines inside them and doc block comments', () => {
    const source = '/*\n * Licensed under Apache-2.0.\n *\n */\n/** Docs. */\n/*! Crate. */\nfn a() {}\n';
    expect(countLines(source)).toEqual({ bytes: bytes(source).length, lines: 7, codeLines: 1 });
    expect(classes(source)).toBe('ccccccC');
  });

  it('nests block comments as Rust does: the first */ does not end the outer one', () => {
    // cloc ends the comment at the first */ and counts "still comment */" as code.
    expect(classes('/* a /* b */ still comment */\n')).toBe('c');
    expect(classes('/* outer\n/* inner */\nstill comment\n*/\nfn a() {}\n')).toBe('ccccC');
    expect(countLines('/* a /* b */ c */ fn d() {}\n')).toEqual({ bytes: 28, lines: 1, codeLines: 1 });
    expect(classes('/**/ fn a() {}\n/*/ not closed by its own slash */\n')).toBe('Cc');
  });

  it('counts a line with code and a comment as code, either way round', () => {
    expect(classes('let a = 1; // trailing\n/* leading */ let b = 2;\nlet c /* inside */ = 3;\n')).toBe('CCC');
    expect(classes('/* one */ /* two */ // three\n')).toBe('c');
    expect(classes('let s = "a\n/* not a comment, still in the string */\n";\n')).toBe('CCC');
  });

  it('opens no comment inside strings, byte strings and C strings', () => {
    // cloc's Rust filter knows one-line "…" strings, but not one that spans lines.
    expect(countLines('let url = "https://example.org";\n')).toEqual({ bytes: 33, lines: 1, codeLines: 1 });
    expect(classes('let s = "/*";\nfn a() {}\n')).toBe('CC');
    expect(classes('let s = "\n// in a string\n/* too\n";\n')).toBe('CCCC');
    expect(classes('let b = b"/*"; let c = c"/*";\nfn a() {}\n')).toBe('CC');
    expect(classes('let q = "\\" /* still a string";\n// c\n')).toBe('Cc');
    // A backslash at the end of a line continues the string (cloc joins the two lines into one).
    expect(classes('let s = "one \\\n    two";\n')).toBe('CC');
  });

  it('reads raw strings with any number of hashes, and raw identifiers', () => {
    expect(classes('let s = r"/* not closed";\nfn a() {}\n')).toBe('CC');
    expect(classes('let s = r#"a "quoted" // word"#;\n// c\n')).toBe('Cc');
    expect(classes('let s = r##"\n"# is not the end\n// nor a comment\n"##;\n// c\n')).toBe('CCCCc');
    expect(classes('let s = br#"/*"#; let t = cr#"/*"#;\nfn a() {}\n')).toBe('CC');
    expect(classes('let r#type = 1; // raw identifier, then a comment\n/* c */\n')).toBe('Cc');
  });

  it('tells character literals from lifetimes', () => {
    // '"' would open a string if read as a lifetime; '\'' would end one.
    expect(classes("let q = '\"'; // c\n/* c */\n")).toBe('Cc');
    expect(classes("let q = '\\''; let s = \"/*\";\n// c\n")).toBe('Cc');
    expect(classes("let q = '\\\"'; // c\n/* c */\n")).toBe('Cc');
    expect(classes("fn f<'a>(x: &'a str) -> &'a str { x } // c\n/* c */\n")).toBe('Cc');
    expect(classes("'outer: loop { break 'outer; }\n// c\n")).toBe('Cc');
    expect(classes("let c = 'é'; let d = '\\u{1F980}'; let e = b'\\''; let f = b'\"';\n// c\n")).toBe('Cc');
    expect(classes("let c = '/'; let d = '*'; /* c */\n/* c */\n")).toBe('Cc');
  });

  it('treats CRLF like LF (the CR is whitespace)', () => {
    expect(countLines('fn a() {}\r\n// c\r\n\r\n  \r\n}\r\n')).toEqual({ bytes: 26, lines: 5, codeLines: 2 });
    expect(classes('/* a\r\n\r\n b */\r\nfn a() {}\r\n')).toBe('cbcC');
  });

  it('skips a byte-order mark at the start of the file', () => {
    const bom = [0xef, 0xbb, 0xbf];
    const withBom = (text: string) => Uint8Array.from([...bom, ...bytes(text)]);
    expect(detail(withBom('// c\nfn a() {}\n'))).toEqual({
      bytes: 18,
      lines: 2,
      codeLines: 1,
      commentLines: 1,
      blankLines: 0,
    });
    expect(classes(withBom('\n'))).toBe('b');
    expect(detail(Uint8Array.from(bom))).toEqual({ bytes: 3, lines: 0, codeLines: 0, commentLines: 0, blankLines: 0 });
  });

  it('counts a last line without newline in its class but not as a newline', () => {
    expect(countLines('fn a() {}\nlet b = 1;')).toEqual({ bytes: 20, lines: 1, codeLines: 2 });
    expect(countLines('fn a() {}\n// end')).toEqual({ bytes: 16, lines: 1, codeLines: 1 });
    expect(classes('fn a() {}\n/* end */')).toBe('Cc');
    expect(countLines('/')).toEqual({ bytes: 1, lines: 0, codeLines: 1 });
    expect(countLines('')).toEqual({ bytes: 0, lines: 0, codeLines: 0 });
    expect(countLines('fn a() {}\n/* never closed\nstill comment')).toEqual({ bytes: 39, lines: 2, codeLines: 1 });
  });

  it('works on bytes: invalid UTF-8 is code, and cannot hide a comment or a newline', () => {
    const data = Uint8Array.of(
      ...bytes('fn a() { '),
      0xe9, // a lone Latin-1 é
      ...bytes(' }\n'),
      0xff,
      ...bytes(' // c\n// '),
      0xfe,
      ...bytes('\n'),
      0xf0, // a truncated four-byte sequence inside a character literal
      ...bytes("'\n"),
    );
    expect(detail(data)).toEqual({ bytes: data.length, lines: 4, codeLines: 3, commentLines: 1, blankLines: 0 });
    expect(classes(data)).toBe('CCcC');
  });

  it('gives the same counts however git splits a file into chunks', () => {
    const data = bytes('// a\r\n  //b\n/*\n*/x\n  \n\tcode "/*"\n//\nr#"\n"#end');
    expect(everySplit(data)).toEqual([JSON.stringify({ bytes: data.length, lines: 8, codeLines: 4 })]);
  });

  it('computes the share to one decimal', () => {
    expect(rustShare(155985, 158200)).toBe(98.6);
    expect(rustShare(2, 3)).toBe(66.7);
    expect(rustShare(0, 0)).toBe(0);
    expect(rustShare(5, 5)).toBe(100);
  });
});

/**
 * The named cases of `npm run check:cloc`: one-line reproductions of every place where cloc 1.96
 * (its Rust filter: one-line strings, then C comments removed by pattern, without nesting) counts
 * other code lines than the counter. cloc's figure for each input is in the comment.
 */
describe('where cloc reads Rust otherwise (the named cases of check:cloc)', () => {
  it('nested block comment: cloc ends the comment at the first */', () => {
    // cloc: 1 code line.
    expect(detail('/* a /* b */ still comment */\n')).toMatchObject({ codeLines: 0, commentLines: 1 });
  });

  it('comment opener inside a string: cloc opens a comment there', () => {
    // cloc: 1 code, 2 comment lines (the comment it sees runs to the */ two lines down).
    expect(classes('let r = format!("{w}/*");\nfn b() {}\n*/ let c = 1;\n')).toBe('CCC');
    // cloc: 1 code, 2 comment lines.
    expect(classes('let a = "/* x";\nfn b() {}\n*/\n')).toBe('CCC');
  });

  it('quote inside a character literal: cloc takes it for the start of a string', () => {
    // cloc: 1 code, 2 comment lines.
    expect(classes('let q = \'"\'; let u = "/*";\nfn a() {}\n*/ b\n')).toBe('CCC');
  });
});

describe('remote URLs', () => {
  it('derives owner/name from remote URLs', () => {
    expect(repoFromRemoteUrl('https://github.com/chaos-mesh/toda.git')).toBe('chaos-mesh/toda');
    expect(repoFromRemoteUrl('https://github.com/chaos-mesh/toda')).toBe('chaos-mesh/toda');
    expect(repoFromRemoteUrl('git@github.com:tikv/tikv.git')).toBe('tikv/tikv');
    expect(repoFromRemoteUrl('ssh://git@github.com/linkerd/linkerd2-proxy.git')).toBe('linkerd/linkerd2-proxy');
    expect(repoFromRemoteUrl('/some/local/path')).toBeUndefined();
  });
});
