import { describe, expect, it } from 'vitest';
import { projectContents } from '../../src/data/views/project-contents.ts';

describe('projectContents', () => {
  const headings = [
    { depth: 2, slug: 'what-it-is', text: 'What it is' },
    { depth: 3, slug: 'detail', text: 'A detail' },
    { depth: 2, slug: 'where-the-rust-is', text: 'Where the Rust is' },
  ];

  it('lists the entry’s sections, then why Rust, crates, safety, history, figures, facts, adopters, sources and the badge', () => {
    expect(
      projectContents({
        headings,
        rationale: true,
        crates: true,
        safety: true,
        history: true,
        adopters: true,
        references: true,
      }),
    ).toEqual([
      { id: 'what-it-is', label: 'What it is' },
      { id: 'where-the-rust-is', label: 'Where the Rust is' },
      { id: 'why', label: 'Why Rust' },
      { id: 'crates', label: 'Crates' },
      { id: 'safety', label: 'Advisories and unsafe code' },
      { id: 'rust-over-time', label: 'Rust over time' },
      { id: 'rust', label: 'Rust code by repository' },
      { id: 'facts', label: 'CNCF facts' },
      { id: 'adopters', label: 'Known adopters' },
      { id: 'references', label: 'References' },
      { id: 'sources', label: 'Sources' },
      { id: 'badge', label: 'Badge' },
    ]);
  });

  it('leaves out the sections a page does not have', () => {
    expect(
      projectContents({
        headings: [],
        rationale: false,
        crates: false,
        safety: false,
        history: false,
        adopters: false,
        references: false,
      }).map((c) => c.id),
    ).toEqual(['rust', 'facts', 'sources', 'badge']);
  });
});
