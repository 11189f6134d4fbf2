/**
 * The contents list of a project page, in the page's order: what readers ask first (what it
 * is and where its Rust is, from the entry's own headings; why Rust), then its crates, its
 * advisories and unsafe code, its Rust over time, the figures per repository, the CNCF facts, adopters, references and sources, and last the badge to embed. Only the
 * sections the page has are listed. Pure.
 */

export interface ContentsItem {
  /** The section's id on the page. */
  id: string;
  label: string;
}

export interface ProjectSections {
  /** The entry body's headings (as Astro's `render` gives them). */
  headings: readonly { depth: number; slug: string; text: string }[];
  rationale: boolean;
  crates: boolean;
  /** Advisories, unsafe code, editions and toolchains (a section only when all three are known). */
  safety: boolean;
  history: boolean;
  adopters: boolean;
  /** The numbered evidence behind the citation marks of the body and of "Why Rust". */
  references: boolean;
}

export function projectContents(page: ProjectSections): ContentsItem[] {
  return [
    ...page.headings.filter((h) => h.depth === 2).map((h) => ({ id: h.slug, label: h.text })),
    ...(page.rationale ? [{ id: 'why', label: 'Why Rust' }] : []),
    ...(page.crates ? [{ id: 'crates', label: 'Crates' }] : []),
    ...(page.safety ? [{ id: 'safety', label: 'Advisories and unsafe code' }] : []),
    ...(page.history ? [{ id: 'rust-over-time', label: 'Rust over time' }] : []),
    { id: 'rust', label: 'Rust code by repository' },
    { id: 'facts', label: 'CNCF facts' },
    ...(page.adopters ? [{ id: 'adopters', label: 'Known adopters' }] : []),
    ...(page.references ? [{ id: 'references', label: 'References' }] : []),
    { id: 'sources', label: 'Sources' },
    { id: 'badge', label: 'Badge' },
  ];
}
