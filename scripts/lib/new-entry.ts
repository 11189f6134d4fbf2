/**
 * The text of a new `content/projects/<slug>.mdx`, prefilled from the project's
 * `landscape.yml` item when there is one. The result validates as written: facts that
 * could not be looked up get neutral placeholders marked `# FILL IN`, Rust usage starts
 * as `none-found` with no repositories until `npm run measure:rust` has counted some, and
 * the summary and prose say plainly that they are still to be written. Pure: data in, text out.
 */
import { dump } from 'js-yaml';
import type { LandscapeProject } from './landscape.ts';
import { escapeXml } from '../../src/og/svg.ts';

export interface ScaffoldInput {
  slug: string;
  /** Display name; defaults to the landscape item's name, else the slug in title case. */
  name?: string;
  /** The project's landscape item, when one was found. */
  item?: LandscapeProject;
  /** A category id from `content/categories.yaml`. */
  categoryId: string;
  /** Source ids from `content/sources.yaml`, e.g. `cncf-landscape`. */
  sourceIds: readonly string[];
  /** Today, as YYYY-MM-DD. */
  today: string;
}

const FILL = '# FILL IN';

/** `http://` links from the landscape are upgraded: the catalog links only to https. */
export function toHttps(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const upgraded = url.trim().replace(/^http:\/\//i, 'https://');
  return /^https:\/\/[^/\s]+\.[^/\s]+/.test(upgraded) ? upgraded : undefined;
}

export function titleFromSlug(slug: string): string {
  return slug
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

/** A YAML scalar, quoted the way js-yaml would need it (dates stay strings). */
function scalar(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? `'${value}'` : dump(value, { lineWidth: -1 }).trimEnd();
}

/** Find the landscape item for `name`, else for the slug (`chaos-mesh` finds "Chaos Mesh"). */
export function findLandscapeItem(
  projects: readonly LandscapeProject[],
  slug: string,
  name?: string,
): LandscapeProject | undefined {
  const squash = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '');
  if (name) return projects.find((p) => p.name === name) ?? projects.find((p) => squash(p.name) === squash(name));
  return projects.find((p) => squash(p.name) === squash(slug));
}

/** The display name a new entry gets. */
export const entryName = (input: Pick<ScaffoldInput, 'slug' | 'name' | 'item'>): string =>
  input.name ?? input.item?.name ?? titleFromSlug(input.slug);

export function scaffoldEntry(input: ScaffoldInput): string {
  const { slug, item, today } = input;
  const name = entryName(input);
  const note = (known: unknown) => (known ? '' : `  ${FILL}: not found in landscape.yml`);
  const dates = item?.dates ?? {};
  const lines = [
    '---',
    `name: ${scalar(name)}`,
    `landscapeName: ${scalar(item?.name ?? name)}${note(item)}`,
    `summary: ${scalar(`Summary still to be written: what ${name} does, in one sentence.`)}  ${FILL}`,
    `maturity: ${item?.maturity ?? 'sandbox'}${note(item)}`,
    'dates:',
    `  accepted: ${scalar(dates.accepted ?? today)}${note(dates.accepted)}`,
    ...(['incubating', 'graduated', 'archived'] as const)
      .filter((level) => dates[level])
      .map((level) => `  ${level}: ${scalar(dates[level] as string)}`),
    'landscape:',
    `  category: ${scalar(item?.category ?? 'Unknown')}${note(item)}`,
    `  subcategory: ${scalar(item?.subcategory ?? 'Unknown')}${note(item)}`,
    `homepage: ${scalar(toHttps(item?.homepage) ?? 'https://landscape.cncf.io/')}${note(toHttps(item?.homepage))}`,
    `repository: ${scalar(toHttps(item?.repository) ?? 'https://github.com/')}${note(toHttps(item?.repository))}`,
    `logo: ${slug}.svg`,
    '# none-found until `npm run measure:rust` has counted Rust in the repositories below.',
    'rustUsage: none-found',
    'categories:',
    `  - ${input.categoryId}  ${FILL}: one to three ids from content/categories.yaml`,
    'rustRepos: []',
    'sources:',
    ...input.sourceIds.map((id) => `  - ${id}${item ? '' : `  ${FILL}: ids from content/sources.yaml`}`),
    `updated: ${scalar(today)}`,
    '---',
    '',
    `Prose still to be written: what ${name} does, which parts of it are written in Rust and`,
    'why, with every fact backed by a source listed in `sources`. See CONTRIBUTING.md.',
    '',
  ];
  return lines.join('\n');
}

/** A neutral monogram so a new entry builds before its real logo is added. */
export function placeholderLogo(name: string): string {
  const initials =
    name
      .split(/[^A-Za-z0-9]+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((word) => word[0].toUpperCase())
      .join('') || '?';
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" role="img">',
    `<title>Placeholder logo for ${escapeXml(name)}</title>`,
    '<rect width="100" height="100" rx="12" fill="#57606a"/>',
    `<text x="50" y="50" dy=".35em" text-anchor="middle" font-family="system-ui,sans-serif" font-size="40" fill="#fff">${escapeXml(initials)}</text>`,
    '</svg>',
    '',
  ].join('\n');
}
