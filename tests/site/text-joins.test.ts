/**
 * The text of the built site without layout, as copy and paste, screen readers' text and the
 * search index read it: no two blocks run together ("request.Sandbox", "2026.Crates"), on any
 * page or in any search excerpt, and the excerpts keep every word of the text they come from
 * ("written in C++", "a Rust client").
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIST, assertBuilt, htmlFiles, readPage } from '../helpers/dist.ts';
import { readCatalog } from '../helpers/content.ts';
import { findJoins, textWithoutLayout, vocabulary } from '../helpers/text-joins.ts';
import { withoutJoiners } from '../../src/data/views/search-index.ts';

const { entries } = readCatalog();
beforeAll(assertBuilt);

/** The catalog's own spellings: what a page may print that looks like a join but is not. */
const known = vocabulary(['content', 'src', 'data']);

/** Every page record of the search index: its URL and the text its excerpts are cut from. */
function indexRecords(): { url: string; content: string }[] {
  const dir = join(DIST, 'pagefind', 'fragment');
  return readdirSync(dir).map((name) => {
    // A fragment is gzip of "pagefind_dcd" and the page's JSON record.
    const raw = gunzipSync(readFileSync(join(dir, name))).toString('utf8');
    return JSON.parse(raw.slice(raw.indexOf('{'))) as { url: string; content: string };
  });
}

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('text without layout', () => {
  it('finds the joins it looks for in a text, and lets the catalog’s own spellings be', () => {
    const joins = findJoins('pods can request.SandboxPure RustEdge and 2 Dec 2026.Crates across; 49projects', known);
    expect(joins.map((j) => j.token.match(/request\.Sandbox|RustEdge|2026\.Crates|49projects/)?.[0])).toEqual([
      'request.Sandbox',
      'RustEdge',
      '2026.Crates',
      '49projects',
    ]);
    expect(findJoins('TiKV, WasmEdge and OpenTelemetry build on x86_64; see README.md and kube.rs.', known)).toEqual(
      [],
    );
    expect(
      findJoins('library exposing `SyncClient` interfaces, see docs/03.Advanced-Cookbook/3.07.WasmHost.md', known),
    ).toEqual([]);
    // A citation mark ends its sentence; code a citation quotes is spelt as its source spells it.
    expect(
      findJoins('written in TypeScript.[10] Almost all of it; let t = client.get::<DataFrame>(id)?;', known),
    ).toEqual([]);
    expect(findJoins('written in TypeScript.[10]Almost all of it', known).map((j) => j.token)).toEqual([
      'TypeScript.[10]Almost',
    ]);
  });

  it('keeps every block apart on every built page', () => {
    const found: string[] = [];
    for (const file of htmlFiles())
      for (const join of findJoins(textWithoutLayout(readPage(file)), known)) found.push(`${file}: …${join.context}…`);
    expect(found).toEqual([]);
  });

  it('keeps every block apart in the search index', () => {
    const records = indexRecords();
    expect(records.length).toBeGreaterThan(entries.length);
    const found = records.flatMap((r) =>
      findJoins(withoutJoiners(r.content), known).map((j) => `${r.url}: …${j.context}…`),
    );
    expect(found).toEqual([]);
  });

  it('gives search excerpts every word of the text, single letters and C++ included', () => {
    const records = indexRecords();
    for (const e of entries) {
      const record = records.find((r) => r.url.endsWith(`/projects/${e.slug}/`));
      expect(record, e.slug).toBeDefined();
      expect(collapse(withoutJoiners(record!.content)), e.slug).toContain(collapse(e.data.summary));
    }
  });
});
