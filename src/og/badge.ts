/**
 * The project badge as an SVG of a few hundred bytes, in the flat style READMEs know from
 * shields.io: a grey label, a coloured message, white text in Verdana (DejaVu Sans where it is
 * missing). Widths come from Verdana's advance widths at 11 px, and each text carries them as
 * `textLength`, so a fallback font is fitted to the same box instead of overflowing it.
 */
import { BADGE_COLOURS, type BadgeContent } from '../data/exports/badge.ts';
import { escapeXml } from './svg.ts';

export const BADGE_HEIGHT = 20;
const PAD = 6;

/** Verdana's advance widths at 11 px for the characters badges use; others count as a wide letter. */
const WIDTHS: Record<string, number> = {
  ' ': 3.9,
  ',': 4.0,
  '.': 4.0,
  '·': 4.0,
  '%': 11.9,
  '—': 11.0,
  '(': 5.0,
  ')': 5.0,
  '-': 4.6,
  '0': 7.0,
  '1': 7.0,
  '2': 7.0,
  '3': 7.0,
  '4': 7.0,
  '5': 7.0,
  '6': 7.0,
  '7': 7.0,
  '8': 7.0,
  '9': 7.0,
  R: 7.6,
  a: 6.7,
  c: 5.8,
  d: 6.9,
  e: 6.6,
  f: 3.9,
  i: 3.0,
  l: 3.0,
  n: 7.0,
  o: 6.7,
  s: 5.7,
  t: 4.3,
  u: 7.0,
};

/** Width of a text at 11 px Verdana, rounded up to a whole pixel. */
export function textWidth(text: string): number {
  return Math.ceil([...text].reduce((sum, ch) => sum + (WIDTHS[ch] ?? 7.6), 0));
}

/** The badge's box: label and message widths with their padding. */
export function badgeSize(badge: Pick<BadgeContent, 'label' | 'message'>): {
  width: number;
  height: number;
  label: number;
  message: number;
} {
  const label = textWidth(badge.label) + 2 * PAD;
  const message = textWidth(badge.message) + 2 * PAD;
  return { width: label + message, height: BADGE_HEIGHT, label, message };
}

export function badgeSvg(badge: BadgeContent): string {
  const { width, height, label, message } = badgeSize(badge);
  const text = (x: number, value: string) =>
    `<text x="${x}" y="14" textLength="${textWidth(value)}" lengthAdjust="spacingAndGlyphs">${escapeXml(value)}</text>`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">` +
    `<title>${escapeXml(badge.title)}</title>` +
    `<rect width="${width}" height="${height}" rx="3" fill="${badge.color}"/>` +
    `<rect width="${label}" height="${height}" rx="3" fill="${badge.labelColor}"/>` +
    `<rect x="${label - 3}" width="3" height="${height}" fill="${badge.labelColor}"/>` +
    `<g fill="${BADGE_COLOURS.text}" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11" text-anchor="middle">` +
    text(label / 2, badge.label) +
    text(label + message / 2, badge.message) +
    `</g></svg>\n`
  );
}
