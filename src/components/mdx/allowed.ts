/**
 * The components an entry's MDX body may use, and the props each takes. Plain data with no
 * `.astro` imports, so the validator (plain Node) and the build read the same list;
 * `index.ts` maps the same names to the real components.
 */

/** Kinds of `Callout`, from least to most urgent. */
export const CALLOUT_TYPES = ['note', 'warning'] as const;
export type CalloutType = (typeof CALLOUT_TYPES)[number];

/** What a prop's string value must be. */
export type PropKind =
  /** Any one-line text. */
  | { kind: 'text' }
  /** A root-relative path of a file in `public/`, e.g. `/figures/tikv-layers.svg`. */
  | { kind: 'site-path' }
  /** An `id` from `content/sources.yaml`. */
  | { kind: 'source-id' }
  /** One of a fixed list. */
  | { kind: 'one-of'; values: readonly string[] };

export interface PropSpec {
  required: boolean;
  value: PropKind;
  /** One line for CONTRIBUTING.md. */
  doc: string;
}

export interface ComponentSpec {
  /** Whether the component wraps content (`<Callout>…</Callout>`) or stands alone (`<Figure />`). */
  children: 'required' | 'none';
  doc: string;
  props: Record<string, PropSpec>;
  /** A short, valid example, also used by the tests. */
  example: string;
}

export const COMPONENT_SPECS = {
  Callout: {
    children: 'required',
    doc: 'A highlighted aside: background a reader needs, or a caveat about the data.',
    props: {
      type: {
        required: false,
        value: { kind: 'one-of', values: CALLOUT_TYPES },
        doc: '`note` (the default) or `warning`.',
      },
    },
    example: '<Callout type="warning">\nThe 2025 report gives bytes, not lines, for this project.\n</Callout>',
  },
  Figure: {
    children: 'none',
    doc: 'An image from `public/` with a text alternative and an optional caption.',
    props: {
      src: { required: true, value: { kind: 'site-path' }, doc: 'Path of a file in `public/`, starting with `/` (the base path is added for you).' },
      alt: { required: true, value: { kind: 'text' }, doc: 'What the image shows, for readers who cannot see it.' },
      caption: { required: false, value: { kind: 'text' }, doc: 'A visible caption under the image.' },
    },
    example: '<Figure src="/logos/tikv.svg" alt="The TiKV logo" caption="TiKV, a distributed key-value store" />',
  },
  Quote: {
    children: 'required',
    doc: 'A short quotation from a cited source.',
    props: {
      cite: { required: true, value: { kind: 'source-id' }, doc: 'The `id` of the quoted document in `content/sources.yaml`.' },
      author: { required: false, value: { kind: 'text' }, doc: 'Who said or wrote it.' },
    },
    example: '<Quote cite="cncf-blog-rust-2020" author="A maintainer">\nA short quotation, copied exactly.\n</Quote>',
  },
} as const satisfies Record<string, ComponentSpec>;

export type AllowedComponent = keyof typeof COMPONENT_SPECS;

/** Names of the only capitalised tags an entry may use. */
export const ALLOWED_COMPONENTS = Object.keys(COMPONENT_SPECS) as AllowedComponent[];
