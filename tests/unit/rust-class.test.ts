import { describe, expect, it } from 'vitest';
import { MIN_CODE_LINES, PURE_SHARE, classify } from '../../src/data/rules/rust-class.ts';

const repo = (
  kind: 'main' | 'component' | 'sdk' | 'tooling' | undefined,
  codeLines: number,
  rustBytes: number,
  programmingBytes: number,
) => ({ kind, codeLines, rustBytes, programmingBytes });

describe('classify', () => {
  it('admits a project from the code lines of the repositories it ships', () => {
    expect(classify([repo('main', MIN_CODE_LINES, 100, 100)])).toMatchObject({ admitted: true, usage: 'pure' });
    expect(classify([repo('main', MIN_CODE_LINES - 1, 100, 100)])).toEqual({
      admitted: false,
      shippedCodeLines: MIN_CODE_LINES - 1,
      share: 100,
    });
    // Tooling does not count towards admission, but its bytes stay in the share.
    expect(classify([repo('tooling', 50_000, 100, 100), repo('sdk', 10, 1, 1)])).toMatchObject({
      admitted: false,
      shippedCodeLines: 10,
    });
  });

  it('is pure from the share threshold up when the main deliverable is Rust', () => {
    expect(classify([repo('main', 2000, PURE_SHARE, 100)])).toMatchObject({ usage: 'pure', share: PURE_SHARE });
    expect(classify([repo('main', 2000, PURE_SHARE - 1, 100)])).toMatchObject({ usage: 'component' });
    // The share is over every measured repository, whatever its kind.
    expect(classify([repo('main', 2000, 60, 100), repo('tooling', 0, 0, 100)])).toMatchObject({
      usage: 'component',
      share: 30,
    });
  });

  it("judges pure on the share of the project's code, its repositories without Rust included", () => {
    expect(classify([repo('main', 2000, 100, 100)], [{ programmingBytes: 100 }])).toMatchObject({
      usage: 'pure',
      share: 50,
    });
    expect(classify([repo('main', 2000, 100, 100)], [{ programmingBytes: 101 }])).toMatchObject({ usage: 'component' });
    // Other code never admits a project or changes the code lines.
    expect(classify([repo('sdk', 10, 1, 1)], [{ programmingBytes: 5 }])).toMatchObject({
      admitted: false,
      shippedCodeLines: 10,
    });
  });

  it('is a component when a shipped part is Rust, an sdk when only a library for users is', () => {
    expect(classify([repo('component', 5000, 100, 100)])).toMatchObject({ usage: 'component' });
    expect(classify([repo('sdk', 5000, 100, 100)])).toMatchObject({ usage: 'sdk' });
    expect(classify([repo('sdk', 5000, 100, 100), repo('component', 10, 1, 1000)])).toMatchObject({
      usage: 'component',
    });
  });

  it('gives the share and the admission but no class when a kind is unknown', () => {
    expect(classify([repo(undefined, 3000, 25, 100), repo('main', 0, 0, 0)])).toEqual({
      shippedCodeLines: 3000,
      share: 25,
      admitted: true,
    });
    expect(classify([])).toEqual({ shippedCodeLines: 0, share: 0, admitted: false });
  });
});
