/**
 * A project's badge as data: the words and colours of `/badges/<slug>.svg`, the shields.io
 * endpoint file `/badges/<slug>.json` (https://shields.io/badges/endpoint-badge) and the
 * Markdown and HTML a project copies into its README. The words are the stat strip's
 * (views/rust-figures.ts): a badge never says more than the project's page.
 */
import type { CatalogProject } from '../model/project.ts';
import { figuresPhrase, rustFigures } from '../views/rust-figures.ts';

/** Colours of the badge; white text on each has a contrast of 4.5:1 or more (WCAG AA), on light and dark pages alike. */
export const BADGE_COLOURS = {
  label: '#555555',
  /** A rust orange, for a project with Rust. */
  rust: '#a8400e',
  /** Grey, for a project in which no Rust was found. */
  none: '#767676',
  text: '#ffffff',
} as const;

export const BADGE_LABEL = 'Rust';

export interface BadgeContent {
  label: string;
  /** The stat strip's figures: "52,311 code lines · 98.2%", or "52,311 code lines", or "none found". */
  message: string;
  color: string;
  labelColor: string;
  /** What the badge says in words, for its <title> and an image's alt text. */
  title: string;
}

export function projectBadge(p: Pick<CatalogProject, 'name' | 'countsAsRust' | 'totals' | 'rustShare' | 'shareCoverage'>): BadgeContent {
  const figures = rustFigures(p);
  const message = figuresPhrase(figures);
  return {
    label: BADGE_LABEL,
    message,
    color: figures.found ? BADGE_COLOURS.rust : BADGE_COLOURS.none,
    labelColor: BADGE_COLOURS.label,
    title: `${BADGE_LABEL} in ${p.name}: ${message} (CNCF Rust Catalog)`,
  };
}

/** The shields.io endpoint document: shields draws the same words in the style a project asks for. */
export function shieldsEndpoint(badge: BadgeContent) {
  return { schemaVersion: 1 as const, label: badge.label, message: badge.message, color: badge.color, labelColor: badge.labelColor };
}

/** Absolute URLs a snippet links: the project's page, the SVG badge and the endpoint file. */
export interface BadgeUrls {
  page: string;
  svg: string;
  endpoint: string;
}

/** HTML attribute text: `&`, `<`, `>` and `"` escaped. */
const attr = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Markdown link text or image alt: the characters that would end or start markup escaped. */
const markdownText = (text: string) => text.replace(/([\\[\]()*_`<>!])/g, '\\$1');

/**
 * What a project pastes into its README: the badge as Markdown and as HTML (with its size, so
 * the page does not jump), each linking the project's page; and the shields.io image URL.
 */
export function badgeSnippets(badge: BadgeContent, urls: BadgeUrls, size: { width: number; height: number }) {
  return {
    markdown: `[![${markdownText(badge.title)}](${urls.svg})](${urls.page})`,
    html: `<a href="${attr(urls.page)}"><img src="${attr(urls.svg)}" alt="${attr(badge.title)}" width="${size.width}" height="${size.height}"></a>`,
    shields: `https://img.shields.io/endpoint?url=${encodeURIComponent(urls.endpoint)}`,
  };
}
