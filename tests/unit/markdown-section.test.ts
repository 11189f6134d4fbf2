import { describe, expect, it } from 'vitest';
import { replaceSection } from '../../scripts/lib/markdown-section.ts';

const doc =
  '# Benchmarks\n\n## Rust code measurement (measure:rust)\n\nOld text.\n\n### Detail\n\nKept with it.\n\n## Other\n\nOther text.\n';

describe('replaceSection', () => {
  it('replaces only the named section, sub-headings included, and keeps the rest', () => {
    const out = replaceSection(doc, 'Rust code measurement (measure:rust)', 'New text.');
    expect(out).toBe(
      '# Benchmarks\n\n## Rust code measurement (measure:rust)\n\nNew text.\n\n## Other\n\nOther text.\n',
    );
  });

  it('appends a section that is not there yet, once', () => {
    const once = replaceSection(doc, 'Page weight', '| a |\n|---|');
    expect(once.endsWith('## Other\n\nOther text.\n\n## Page weight\n\n| a |\n|---|\n')).toBe(true);
    expect(replaceSection(once, 'Page weight', '| b |')).toBe(once.replace('| a |\n|---|', '| b |'));
  });

  it('starts an empty file', () => {
    expect(replaceSection('', 'A', 'x')).toBe('## A\n\nx\n');
  });
});
