import { describe, expect, it } from 'vitest';
import { LineCounter, countLines, exclusionOf, rustShare, sourceKindOf } from '../../scripts/lib/rust-count.ts';
import { kb, measurementNotes, formatMeasurementTable } from '../../scripts/lib/measurement-format.ts';
import { parseLsFilesRecord, repoFromRemoteUrl } from '../../scripts/lib/rust-measure.ts';
import type { CheckoutMeasurement } from '../../scripts/lib/rust-measure.ts';

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

describe('LineCounter', () => {
  it('counts newlines, and code lines that are neither blank nor // comments', () => {
    const source = [
      '// licence header',
      '//! crate docs',
      '/// item docs',
      'fn main() {',
      '',
      '    \t',
      '    let x = 1; // trailing comment is code',
      '    /* block comments are code */',
      '    // indented comment',
      '  /',
      '/ / not a comment',
      '}',
      '',
    ].join('\n');
    expect(countLines(source)).toEqual({ bytes: bytes(source).length, lines: 12, codeLines: 6 });
  });

  it('treats CRLF like LF (the \\r is trimmed)', () => {
    expect(countLines('fn a() {}\r\n// c\r\n\r\n  \r\n}\r\n')).toEqual({ bytes: 26, lines: 5, codeLines: 2 });
  });

  it('counts a last line without newline as code but not as a newline', () => {
    expect(countLines('fn a() {}\nlet b = 1;')).toEqual({ bytes: 20, lines: 1, codeLines: 2 });
    expect(countLines('fn a() {}\n// end')).toEqual({ bytes: 16, lines: 1, codeLines: 1 });
    expect(countLines('/')).toEqual({ bytes: 1, lines: 0, codeLines: 1 });
    expect(countLines('')).toEqual({ bytes: 0, lines: 0, codeLines: 0 });
  });

  it('works on bytes: invalid UTF-8 is code unless the line starts with //', () => {
    const data = Uint8Array.of(0x66, 0x6e, 0x20, 0xe9, 0x0a, 0xff, 0x2f, 0x2f, 0x0a, 0x20, 0x2f, 0x2f, 0xfe, 0x0a);
    expect(countLines(data)).toEqual({ bytes: 14, lines: 3, codeLines: 2 });
  });

  it('gives the same counts however the input is split into chunks', () => {
    const data = bytes('// a\r\n  //b\n/\n/x\n  \n\tcode\n//\nend');
    expect(everySplit(data)).toEqual([JSON.stringify({ bytes: data.length, lines: 7, codeLines: 4 })]);
  });
});

describe('path rules', () => {
  it('excludes vendored directories at any depth', () => {
    expect(exclusionOf('vendor/x.rs')).toBe('vendor/');
    expect(exclusionOf('crates/a/vendor/b/x.rs')).toBe('vendor/');
    expect(exclusionOf('a/third_party/x.rs')).toBe('third_party/');
    expect(exclusionOf('3rdparty/x.rs')).toBe('3rdparty/');
    expect(exclusionOf('web/node_modules/p/x.js')).toBe('node_modules/');
  });

  it('excludes examples, samples and docs only at the top', () => {
    expect(exclusionOf('examples/demo.rs')).toBe('examples/');
    expect(exclusionOf('samples/s.rs')).toBe('samples/');
    expect(exclusionOf('docs/d.rs')).toBe('docs/');
    expect(exclusionOf('crates/a/examples/demo.rs')).toBeUndefined();
    expect(exclusionOf('src/docs/d.rs')).toBeUndefined();
  });

  it('looks at directory names only', () => {
    expect(exclusionOf('vendor.rs')).toBeUndefined();
    expect(exclusionOf('src/vendor.rs')).toBeUndefined();
    expect(exclusionOf('examples.rs')).toBeUndefined();
    expect(exclusionOf('vendored/x.rs')).toBeUndefined();
  });

  it('knows the source kinds of the Rust share', () => {
    expect(['a.rs', 'b.go', 'c.c', 'c.cc', 'c.cpp', 'c.cxx', 'c.h', 'c.hpp', 'c.hh', 'd.py', 'e.ts', 'e.tsx', 'e.js', 'e.jsx', 'e.mjs', 'e.cjs'].map(sourceKindOf)).toEqual([
      'rs', 'go', 'c/c++', 'c/c++', 'c/c++', 'c/c++', 'c/c++', 'c/c++', 'c/c++', 'py', 'ts/js', 'ts/js', 'ts/js', 'ts/js', 'ts/js', 'ts/js',
    ]);
    expect(['README.md', 'x.sh', 'Makefile', '.rs', 'a.rs.bak', 'dir.rs/readme', 'x.RS'].map(sourceKindOf)).toEqual(Array(7).fill(undefined));
  });

  it('computes the share to one decimal', () => {
    expect(rustShare(155985, 158200)).toBe(98.6);
    expect(rustShare(2, 3)).toBe(66.7);
    expect(rustShare(0, 0)).toBe(0);
    expect(rustShare(5, 5)).toBe(100);
  });
});

describe('git plumbing parsers', () => {
  it('reads git ls-files -s records, paths with spaces and tabs included', () => {
    expect(parseLsFilesRecord('100644 e69de29bb2d1d6434b8b29ae775ad8c2e48c5391 0\tsrc/a b.rs')).toEqual({ mode: '100644', path: 'src/a b.rs' });
    expect(parseLsFilesRecord('160000 0123456789abcdef0123456789abcdef01234567 0\tsub')).toEqual({ mode: '160000', path: 'sub' });
    expect(() => parseLsFilesRecord('garbage')).toThrow('unexpected "git ls-files -s" output');
  });

  it('derives owner/name from remote URLs', () => {
    expect(repoFromRemoteUrl('https://github.com/chaos-mesh/toda.git')).toBe('chaos-mesh/toda');
    expect(repoFromRemoteUrl('https://github.com/chaos-mesh/toda')).toBe('chaos-mesh/toda');
    expect(repoFromRemoteUrl('git@github.com:tikv/tikv.git')).toBe('tikv/tikv');
    expect(repoFromRemoteUrl('ssh://git@github.com/linkerd/linkerd2-proxy.git')).toBe('linkerd/linkerd2-proxy');
    expect(repoFromRemoteUrl('/some/local/path')).toBeUndefined();
  });
});

describe('measurement presentation', () => {
  const m: CheckoutMeasurement = {
    path: '/x',
    git: true,
    commit: 'a'.repeat(40),
    commitDate: '2026-01-02T03:04:05+00:00',
    files: 281,
    bytes: 3974752,
    lines: 104136,
    codeLines: 76981,
    bytesRaw: 4069623,
    rustShare: 85.7,
    raw: { files: 312, lines: 106853, codeLines: 80000 },
    sourceBytes: { rs: 3974752, go: 601900, 'c/c++': 0, py: 0, 'ts/js': 64300 },
    excluded: { 'examples/': 31 },
    skipped: { symlinks: 0, submodules: [], missing: [] },
  };

  it('writes notes in the style of the data set', () => {
    expect(measurementNotes(m)).toBe('top-level examples/ excluded; raw incl. excluded dirs: 312 files, 106853 lines; source KB: rs 3975, go 602, ts/js 64');
    expect(kb(300)).toBe('<1');
    expect(kb(0)).toBe('0');
  });

  it('prints an aligned table', () => {
    const table = formatMeasurementTable([m], ['wasmCloud']).split('\n');
    expect(table[0]).toMatch(/^checkout\s+commit\s+commit date\s+files\s+bytes\s+lines\s+code lines\s+bytes raw\s+Rust %$/);
    expect(table[2]).toMatch(/^wasmCloud\s+aaaaaaaaaaaa\s+2026-01-02T03:04:05\+00:00\s+281\s+3974752\s+104136\s+76981\s+4069623\s+85\.7$/);
    expect(table[0].length).toBe(table[2].length);
  });
});
