/**
 * Builds the full-text search index with Pagefind after `astro build`, so `npm run build`
 * and `npm run build:test` both ship a searchable site. Pages mark what is indexed with
 * `data-pagefind-body` (Base.astro puts it on <main> unless a page opts out) and the
 * project pages add `data-pagefind-meta` for maturity and summary. The index goes to
 * `<outDir>/pagefind/`; the browser loads it from there under the base path only when a
 * reader starts a search (src/client/search-loader.ts).
 */
import { fileURLToPath } from 'node:url';
import { readFile, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { WORD_JOINER, joinSingleLetters } from '../data/views/search-index.ts';
import type { AstroIntegration } from 'astro';

export class SearchIndexError extends Error {
  override name = 'SearchIndexError';
}

export function pagefindIndex(): AstroIntegration {
  return {
    name: 'cncf-rust-catalog:pagefind-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const pagefind = await import('pagefind');
        const site = fileURLToPath(dir);
        try {
          // The joiner counts as a letter, so a single letter with one after it is a word of two (search-index.ts).
          const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en', includeCharacters: WORD_JOINER });
          if (!index) throw new SearchIndexError(`Pagefind could not start: ${errors.join('; ')}`);
          // Each page is read and handed over with its single letters joined to an invisible
          // character, so that no query matches on one letter (src/data/views/search-index.ts).
          const files = (await readdir(site, { recursive: true })).filter(
            (f) => f.endsWith('.html') && !f.startsWith('pagefind'),
          );
          const added = { page_count: 0 };
          for (const file of files.sort()) {
            const content = joinSingleLetters(await readFile(join(site, file), 'utf8'));
            const result = await index.addHTMLFile({ sourcePath: relative(site, join(site, file)), content });
            if (result.errors.length)
              throw new SearchIndexError(`Pagefind could not index ${file}: ${result.errors.join('; ')}`);
            added.page_count += 1;
          }
          const outputPath = join(site, 'pagefind');
          const written = await index.writeFiles({ outputPath });
          if (written.errors.length)
            throw new SearchIndexError(`Pagefind could not write its index: ${written.errors.join('; ')}`);
          // addDirectory counts every HTML file it read; the entry file counts the pages indexed.
          const entry = JSON.parse(await readFile(join(outputPath, 'pagefind-entry.json'), 'utf8')) as {
            languages: Record<string, { page_count: number }>;
          };
          const indexed = Object.values(entry.languages).reduce((sum, l) => sum + l.page_count, 0);
          if (indexed === 0)
            throw new SearchIndexError(`Pagefind indexed no page of ${site}: the search would be empty.`);
          logger.info(`search index: ${indexed} of ${added.page_count} pages`);
        } finally {
          await pagefind.close();
        }
      },
    },
  };
}

export default pagefindIndex;
