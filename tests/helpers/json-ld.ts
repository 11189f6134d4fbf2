/**
 * Reading JSON-LD as a JSON-LD processor does (jsonld.js, the W3C reference implementation):
 * `expand` resolves every term to its IRI and rejects malformed JSON-LD. The schema.org
 * context is served from here (tests reach no network): its vocabulary rule, every term a
 * schema.org IRI, is all the catalog's structured data relies on.
 */
import jsonld from 'jsonld';

export const SCHEMA = 'https://schema.org/';

const documentLoader = async (url: string) => {
  if (url.replace(/\/$/, '') !== 'https://schema.org') throw new Error(`no network in tests: ${url}`);
  return { contextUrl: undefined, documentUrl: url, document: { '@context': { '@vocab': SCHEMA } } };
};

export type ExpandedNode = Record<string, { '@value'?: unknown; '@id'?: string; '@type'?: string[] }[] | string[]>;

/** The expanded form: one node object per top-level item, properties as full IRIs. */
export async function expand(doc: object): Promise<ExpandedNode[]> {
  return (await jsonld.expand(
    doc as jsonld.JsonLdDocument,
    { documentLoader } as jsonld.Options.Expand,
  )) as unknown as ExpandedNode[];
}

/** The plain values of a schema.org property of an expanded node. */
export function values(node: ExpandedNode, property: string): unknown[] {
  const list = (node[`${SCHEMA}${property}`] ?? []) as { '@value'?: unknown; '@id'?: string }[];
  return list.map((v) => v['@value'] ?? v['@id'] ?? v);
}

/** The text of every `<script type="application/ld+json">` of a page, read as an HTML parser ends it (at the first `</script`). */
export function jsonLdBlocks(html: string): string[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script/gi)].map((m) => m[1]);
}
