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
 * What each of a project's repositories is (their roles), as one search field: a meta value
 * cannot hold a comma (Pagefind separates metadata with commas), so commas become " · "; and
 * its single letters are joined like the page text's ("C++ and Python"), since Pagefind
 * indexes metadata too.
 */
export function searchRoles(project: { rustRepos: readonly { role: string }[] }): string {
  return joinSingleLetters(project.rustRepos.map((r) => r.role.replace(/\s*,\s*/g, ' · ')).join(' · '));
}

/**
 * An invisible character the search index counts as part of a word (Pagefind's
 * `includeCharacters`): WORD JOINER, which a browser draws as nothing and never breaks at.
 */
export const WORD_JOINER = '\u2060';

/**
 * The page's HTML as the search index should read it: each single letter and each of the C
 * family's names ("C", "C++", "C#", "C/C++") gets a WORD JOINER after its letters, so the index
 * holds it as a word of two characters that no query can reach (Pagefind falls back to the
 * longest word of the index that starts a query it cannot find: with a bare "c" indexed,
 * "cedr" found every page naming C). The letters stay in the text, so excerpts keep every
 * word ("written in C++", "a Rust client"); the search UI drops the joiners when it shows them.
 * Only text between tags changes; tags, attributes and the contents of <script> and <style>
 * stay as they are.
 */
export function joinSingleLetters(html: string): string {
  const parts = html.split(/(<script\b[\s\S]*?<\/script>|<style\b[\s\S]*?<\/style>|<[^>]*>)/i);
  return parts
    .map((part, i) =>
      i % 2 === 1 ? part : part.replace(SINGLE_LETTER, (word) => word.replace(/\p{L}/gu, `$&${WORD_JOINER}`)),
    )
    .join('');
}
// An underscore does not make a letter part of a word for the index, which splits at it
// ("pravega_client_c" holds the word "c"); nor does the end of an entity (`extern &quot;C&quot;`).
const SINGLE_LETTER = /(?<![\p{L}\p{N}+#/.'’&-])(?<!&#39;|&#x27;|&apos;|&rsquo;|&#8217;)([Cc]\/[Cc]\+\+|[Cc]\+\+|[Cc]#|\p{L})(?![\p{L}\p{N}+#/'’-])/gu;

/** Text from the index as a reader should see it: without the joiners `joinSingleLetters` added. */
export const withoutJoiners = (text: string): string => text.replaceAll(WORD_JOINER, '');
