/**
 * What the search index reads, beyond the page text: the words a reader may look a project up
 * by (aliases), and the page text with single letters taken out of the index.
 */

/**
 * Other names readers use for what a category is about: a project in the category can be
 * found by any of them (and ranks first for them when it is the only match of its name).
 */
export const CATEGORY_ALIASES: Readonly<Record<string, readonly string[]>> = {
  webassembly: ['WebAssembly', 'Wasm', 'WASI'],
  ebpf: ['eBPF', 'BPF'],
};

/** Search words for one project: its name's variants, its landscape name and its categories' aliases, each once. */
export function searchAliases(project: { name: string; landscapeName: string; slug: string; categories: readonly string[] }): string[] {
  const words = [
    project.landscapeName,
    project.slug.replace(/-/g, ' '),
    project.name.replace(/[-_.]/g, ' '),
    ...project.categories.flatMap((c) => CATEGORY_ALIASES[c] ?? []),
  ];
  const seen = new Set([project.name.toLowerCase()]);
  return words.filter((w) => {
    const key = w.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The page's HTML as the search index should read it: single letters and the C family's names
 * ("C", "C++", "C#", "C/C++") are wrapped in `data-pagefind-ignore` spans, so that no query
 * can match on one letter (Pagefind falls back to the longest prefix of an unknown word that
 * is in its index: "cedar" found every page naming C). Only text between tags changes;
 * tags, attributes and the contents of <script> and <style> stay as they are.
 */
export function withoutSingleLetters(html: string): string {
  const parts = html.split(/(<script\b[\s\S]*?<\/script>|<style\b[\s\S]*?<\/style>|<[^>]*>)/i);
  return parts
    .map((part, i) => (i % 2 === 1 ? part : part.replace(SINGLE_LETTER, '<span data-pagefind-ignore>$1</span>')))
    .join('');
}
const SINGLE_LETTER = /(?<![\p{L}\p{N}_+#/.'’&;-])(C\/C\+\+|C\+\+|C#|\p{L})(?![\p{L}\p{N}_+#/'’-])/gu;
