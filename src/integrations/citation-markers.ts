/**
 * The `[^id]` markers of an entry body become small numbered links to their evidence while the
 * MDX is compiled: a Sätteri HAST plugin (Astro 7's MDX runs Sätteri, not remark/rehype), fed
 * the entry's `citations` from the frontmatter the MDX integration hands every plugin. The page
 * renders the rationale's markers and the "References" list from the same `references()`, so
 * a number means the same citation everywhere on the page.
 */
import { readFileSync } from 'node:fs';
import { defineHastPlugin, type HastPluginEntry } from 'satteri';
import {
  references,
  splitMarkers,
  type CitationData,
  type CitedSource,
  type Reference,
} from '../data/rules/citations.ts';
import { joinBase, routes } from '../data/site/paths.ts';
import { loadYaml } from '../validation/safe-yaml.ts';
import { fromRepoRoot } from '../data/site/repo-root.ts';

/** A HAST node as the plugin builds it. */
export type CiteNode =
  | { type: 'text'; value: string }
  | { type: 'element'; tagName: string; properties: Record<string, string | string[]>; children: CiteNode[] };

/**
 * The marker of one reference: `<sup class="cite">[<a href aria-label>3</a>]</sup>`. The
 * brackets stand outside the link so its visible text, the number, is inside its
 * accessible name; the search index leaves the numbers out.
 */
export function markerNode(ref: Pick<Reference, 'number' | 'href' | 'label'>): CiteNode {
  return {
    type: 'element',
    tagName: 'sup',
    properties: { className: ['cite'], 'data-pagefind-ignore': '' },
    children: [
      { type: 'text', value: '[' },
      {
        type: 'element',
        tagName: 'a',
        properties: { href: ref.href, 'aria-label': ref.label },
        children: [{ type: 'text', value: String(ref.number) }],
      },
      { type: 'text', value: ']' },
    ],
  };
}

/**
 * Text with its markers replaced by marker nodes; markers naming no reference stay as text
 * (validation refuses them before a build). Undefined when the text has no marker to replace.
 */
export function markText(text: string, byId: ReadonlyMap<string, Reference>): CiteNode[] | undefined {
  const parts = splitMarkers(text);
  if (!parts.some((p) => p.kind === 'marker' && byId.has(p.id))) return undefined;
  return parts.map((p) => {
    if (p.kind === 'text') return { type: 'text', value: p.text };
    const ref = byId.get(p.id);
    return ref ? markerNode(ref) : { type: 'text', value: `[^${p.id}]` };
  });
}

/** `content/sources.yaml` by id; empty when it cannot be read (validation reports why). */
export function readSources(file = fromRepoRoot('content/sources.yaml')): Map<string, CitedSource> {
  try {
    const list = loadYaml(readFileSync(file, 'utf8'));
    if (!Array.isArray(list)) return new Map();
    return new Map(
      list
        .filter((s): s is CitedSource => typeof s?.id === 'string' && typeof s.title === 'string')
        .map((s) => [s.id, { ...s, date: String(s.date) }]),
    );
  } catch {
    return new Map();
  }
}

/** Elements whose text is not prose: code stays literal, and a link cannot hold a link. */
const LITERAL = new Set(['code', 'pre', 'a', 'script', 'style']);

export interface CitationMarkerOptions {
  /** The site's base path (`/` or `/cncf-rust-catalog/`): source citations link the bibliography page. */
  base: string;
  /** The sources by id; read for every document, so `astro dev` sees edits. */
  sources?: () => ReadonlyMap<string, CitedSource>;
}

/** The HAST plugin for `satteri({ hastPlugins: [citationMarkers({ base })] })`. */
export function citationMarkers(options: CitationMarkerOptions): HastPluginEntry {
  return (factory) => {
    const frontmatter = (factory.data as { astro?: { frontmatter?: { citations?: unknown } } }).astro?.frontmatter;
    const citations = Array.isArray(frontmatter?.citations) ? (frontmatter.citations as CitationData[]) : [];
    // An entry without citations, or a body without markers, is left as it is.
    if (citations.length === 0 || !factory.source.includes('[^')) return null;
    const refs = references(citations, (options.sources ?? readSources)(), (id) =>
      joinBase(options.base, routes.source(id)),
    );
    const byId = new Map(refs.map((r) => [r.id, r]));
    return defineHastPlugin({
      name: 'cncf-rust-catalog:citation-markers',
      text(node, ctx) {
        if (!node.value.includes('[^')) return;
        let up: Readonly<{ type: string; tagName?: string }> | undefined = ctx.parent(node);
        while (up) {
          if (up.type === 'element' && LITERAL.has(up.tagName ?? '')) return;
          up = ctx.parent(up as Parameters<typeof ctx.parent>[0]);
        }
        const replaced = markText(node.value, byId);
        if (replaced) ctx.replaceNode(node, replaced as Parameters<typeof ctx.replaceNode>[1]);
      },
    });
  };
}
