import { describe, expect, it } from 'vitest';
import { LineCounter, countLines, rustShare } from '../../scripts/lib/line-count.ts';
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

  it('computes the share to one decimal', () => {
    expect(rustShare(155985, 158200)).toBe(98.6);
    expect(rustShare(2, 3)).toBe(66.7);
    expect(rustShare(0, 0)).toBe(0);
    expect(rustShare(5, 5)).toBe(100);
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
