/** The search page's own ordering of the first results, after Pagefind's: pure functions of a result's metadata. */
import { describe, expect, it } from 'vitest';
import { exactCrate, exactTitle, phraseInSummary } from '../../src/client/search-ui.ts';
import { WORD_JOINER } from '../../src/data/views/search-index.ts';

describe('search ranking helpers', () => {
  it('finds a page titled exactly what was typed, and a crate page by its name', () => {
    expect(exactTitle({ meta: { title: `Spin` } }, ' spin ')).toBe(true);
    expect(exactTitle({ meta: { title: 'SpinKube' } }, 'spin')).toBe(false);
    expect(exactCrate({ meta: { crate: 'tokio' } }, 'Tokio')).toBe(true);
  });

  it('finds a phrase of two or more words in a project’s summary or roles, across punctuation and joiners', () => {
    const kube = { meta: { roles: `Kubernetes client${WORD_JOINER}, runtime and derive macros for Rust · Examples` } };
    const kruise = {
      meta: {
        summary: 'Controllers that extend Kubernetes workload and application management; its Rust client, client-rust',
      },
    };
    expect(phraseInSummary(kube, 'kubernetes client')).toBe(true);
    expect(phraseInSummary(kube, 'Kubernetes  Client')).toBe(true);
    expect(phraseInSummary(kruise, 'kubernetes client')).toBe(false);
    expect(phraseInSummary(kruise, 'rust client')).toBe(true);
    // One word is not a phrase: Pagefind's own ranking decides.
    expect(phraseInSummary(kube, 'kubernetes')).toBe(false);
  });
});
