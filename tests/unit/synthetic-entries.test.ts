import { describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readEntries } from '../../scripts/lib/entries.ts';
import { syntheticEntries, type EntryFile } from '../../scripts/lib/synthetic-entries.ts';
import { validateContent } from '../../src/validation/index.ts';

const realEntries = (): EntryFile[] => readEntries('content').map(({ slug, text }) => ({ slug, text }));

describe('syntheticEntries', () => {
  it('cycles through the templates with unique slugs, names and landscape names', () => {
    const out = syntheticEntries(
      [
        { slug: 'b', text: "---\nname: Bee\nlandscapeName: 'Bee'\n---\n" },
        { slug: 'a', text: '---\nname: Ay\nlandscapeName: Ay\n---\nname: body\n' },
      ],
      3,
    );
    expect(out).toEqual([
      { slug: 'a-s0', text: '---\nname: "Ay 0"\nlandscapeName: "Ay (synthetic 0)"\n---\nname: body\n' },
      { slug: 'b-s1', text: '---\nname: "Bee 1"\nlandscapeName: "Bee (synthetic 1)"\n---\n' },
      { slug: 'a-s2', text: '---\nname: "Ay 2"\nlandscapeName: "Ay (synthetic 2)"\n---\nname: body\n' },
    ]);
  });

  it('fails clearly on a template without a name', () => {
    expect(() => syntheticEntries([{ slug: 'x', text: '---\nsummary: s\n---\n' }], 1)).toThrow(
      /no top-level "name:" line/,
    );
    expect(() => syntheticEntries([{ slug: 'x', text: 'name: x\n' }], 1)).toThrow(
      /x: expected an entry with --- fenced frontmatter/,
    );
  });

  it('makes a content tree that npm run validate accepts, at more than twice the real size', () => {
    const real = realEntries();
    const root = mkdtempSync(path.join(tmpdir(), 'synthetic-'));
    try {
      cpSync('content', path.join(root, 'content'), {
        recursive: true,
        filter: (src) => !src.includes(`${path.sep}projects`),
      });
      mkdirSync(path.join(root, 'content/projects'));
      const entries = syntheticEntries(real, real.length * 2 + 5);
      for (const e of entries) writeFileSync(path.join(root, 'content/projects', `${e.slug}.mdx`), e.text);
      const report = validateContent({
        contentDir: path.join(root, 'content'),
        publicDir: 'public',
        dataDir: 'data',
        cwd: root,
      });
      expect(report.problems).toEqual([]);
      expect(report.entries).toBe(real.length * 2 + 5);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
