/**
 * Share images (OpenGraph / Twitter cards, 1200×630) as SVG text: the project's name, maturity,
 * lines of Rust and logo, or the catalog's headline figures for the default image. Pure: the
 * build renders the SVG to PNG with resvg (`render-png.ts`), with fonts shipped in npm.
 */
import { formatInt } from '../data/views/format.ts';
import { escapeXml, nestSvg } from './svg.ts';

export const OG_WIDTH = 1200;
export const OG_HEIGHT = 630;
/** The family of the TTF files the renderer loads; measured widths below assume it. */
export const OG_FONT_FAMILY = 'DejaVu Sans';

/** The cards' page colour: opaque, so renderers can skip checking for transparency. */
export const OG_BACKGROUND = '#ffffff';

/** Light-theme colours of global.css, so the images look like the site. */
const colours = {
  bg: OG_BACKGROUND,
  fg: '#1b1f24',
  muted: '#57606a',
  panel: '#f6f8fa',
  line: '#d0d7de',
  accent: '#b7410e',
  maturity: { sandbox: '#5b4b8a', incubating: '#8a5a00', graduated: '#1a7f37', archived: '#57606a' } as Record<
    string,
    string
  >,
};

/** Rough advance of a DejaVu Sans character, in ems: enough to keep text inside its box. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  return [...text].length * fontSize * (bold ? 0.62 : 0.56);
}

/** The largest font size up to `max` at which `text` fits in `width` on one line (never below `min`). */
export function fitFontSize(text: string, width: number, max: number, min: number, bold = false): number {
  let size = max;
  while (size > min && textWidth(text, size, bold) > width) size -= 2;
  return Math.max(size, min);
}

/**
 * Splits text into at most `maxLines` lines of at most `maxChars` characters at spaces; if
 * words are left over, the last line ends with an ellipsis. A word longer than a line is cut.
 */
export function wrapText(text: string, maxChars: number, maxLines: number): string[] {
  if (maxChars < 2 || maxLines < 1) throw new RangeError('expected at least 2 characters and 1 line');
  const words = text.trim().split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let current = '';
  let i = 0;
  for (; i < words.length; i++) {
    const word = [...words[i]].length > maxChars ? [...words[i]].slice(0, maxChars - 1).join('') + '…' : words[i];
    const candidate = current ? `${current} ${word}` : word;
    if ([...candidate].length <= maxChars) {
      current = candidate;
      continue;
    }
    lines.push(current);
    current = word;
    if (lines.length === maxLines) break;
  }
  if (lines.length < maxLines && current) {
    lines.push(current);
    current = '';
  }
  const truncated = i < words.length || current !== '';
  if (truncated && lines.length) {
    const last = lines[lines.length - 1];
    const room = maxChars - 1;
    lines[lines.length - 1] =
      ([...last].length > room
        ? [...last]
            .slice(0, room)
            .join('')
            .replace(/\s+\S*$/, '')
        : last
      ).replace(/[\s,;:.]+$/, '') + '…';
  }
  return lines;
}

export interface ProjectCard {
  name: string;
  summary: string;
  maturity: string;
  maturityLabel: string;
  /** e.g. "100,161 lines of Rust", or "0 lines of Rust measured" (the usage label says "No Rust found"). */
  rustLine: string;
  /** e.g. "Component in Rust". */
  usageLabel: string;
  /** The logo's SVG text, embedded as an image, or undefined to leave it out. */
  logoSvg?: string;
}

const svgOpen = `<svg xmlns="http://www.w3.org/2000/svg" width="${OG_WIDTH}" height="${OG_HEIGHT}" viewBox="0 0 ${OG_WIDTH} ${OG_HEIGHT}" font-family="${OG_FONT_FAMILY}">`;

function frame(): string {
  return [
    `<rect width="${OG_WIDTH}" height="${OG_HEIGHT}" fill="${colours.bg}"/>`,
    `<rect width="24" height="${OG_HEIGHT}" fill="${colours.accent}"/>`,
    `<rect x="24" y="${OG_HEIGHT - 84}" width="${OG_WIDTH - 24}" height="84" fill="${colours.panel}"/>`,
    `<line x1="24" y1="${OG_HEIGHT - 84}" x2="${OG_WIDTH}" y2="${OG_HEIGHT - 84}" stroke="${colours.line}" stroke-width="2"/>`,
    `<circle cx="104" cy="${OG_HEIGHT - 42}" r="20" fill="${colours.accent}"/>`,
    `<path d="M96 ${OG_HEIGHT - 32}v-20h12a6 6 0 0 1 0 12h-6l8 8" fill="none" stroke="#fff" stroke-width="4" stroke-linecap="round" stroke-linejoin="round" transform="translate(-2 0)"/>`,
    `<text x="140" y="${OG_HEIGHT - 32}" font-size="30" font-weight="bold" fill="${colours.fg}">CNCF Rust Catalog</text>`,
  ].join('');
}

const text = (x: number, y: number, size: number, fill: string, content: string, extra = '') =>
  `<text x="${x}" y="${y}" font-size="${size}" fill="${fill}"${extra}>${escapeXml(content)}</text>`;

/** The share image of one project, as SVG text. */
export function projectCardSvg(card: ProjectCard): string {
  const left = 84;
  const logoBox = 260;
  const logoX = OG_WIDTH - 80 - logoBox;
  const textRight = card.logoSvg ? logoX - 40 : OG_WIDTH - 80;
  const width = textRight - left;
  const nameSize = fitFontSize(card.name, width, 84, 36, true);
  const pillColour = colours.maturity[card.maturity] ?? colours.muted;
  const pillText = card.maturityLabel;
  const pillWidth = Math.round(textWidth(pillText, 30, true) + 48);
  const summarySize = 30;
  const summaryLines = wrapText(card.summary, Math.floor(width / (summarySize * 0.56)), 3);
  const parts = [svgOpen, frame()];
  if (card.logoSvg) {
    parts.push(
      `<rect x="${logoX}" y="90" width="${logoBox}" height="${logoBox}" rx="24" fill="#ffffff" stroke="${colours.line}" stroke-width="2"/>`,
    );
    parts.push(nestSvg(card.logoSvg, { x: logoX + 24, y: 114, width: logoBox - 48, height: logoBox - 48 }));
  }
  parts.push(text(left, 80 + nameSize, nameSize, colours.fg, card.name, ' font-weight="bold"'));
  const pillY = 120 + nameSize;
  parts.push(
    `<rect x="${left}" y="${pillY}" width="${pillWidth}" height="52" rx="26" fill="none" stroke="${pillColour}" stroke-width="3"/>`,
  );
  parts.push(text(left + 24, pillY + 37, 30, pillColour, pillText, ' font-weight="bold"'));
  parts.push(text(left + pillWidth + 24, pillY + 37, 30, colours.muted, card.usageLabel));
  const rustY = pillY + 120;
  parts.push(text(left, rustY, 46, colours.accent, card.rustLine, ' font-weight="bold"'));
  summaryLines.forEach((line, i) => parts.push(text(left, rustY + 60 + i * 42, summarySize, colours.muted, line)));
  parts.push('</svg>');
  return parts.join('');
}

export interface SiteCard {
  title: string;
  tagline: string;
  /** Short figures, e.g. ["31 projects with Rust", "3.2M lines of Rust"]. */
  figures: string[];
}

/** The catalog's default share image, as SVG text. */
export function siteCardSvg(card: SiteCard): string {
  const left = 84;
  const width = OG_WIDTH - 2 * 80;
  const titleSize = fitFontSize(card.title, width, 88, 48, true);
  const tagline = wrapText(card.tagline, Math.floor(width / (36 * 0.56)), 2);
  const parts = [svgOpen, frame()];
  parts.push(text(left, 90 + titleSize, titleSize, colours.fg, card.title, ' font-weight="bold"'));
  tagline.forEach((line, i) => parts.push(text(left, 170 + titleSize + i * 48, 36, colours.muted, line)));
  card.figures
    .slice(0, 3)
    .forEach((figure, i) => parts.push(text(left, 400 + i * 56, 44, colours.accent, figure, ' font-weight="bold"')));
  parts.push('</svg>');
  return parts.join('');
}

/**
 * A square icon from the site's favicon SVG, on an opaque background: iOS paints a
 * transparent apple-touch-icon black.
 */
export function iconSvg(faviconSvg: string, size: number, background = '#ffffff'): string {
  const pad = Math.round(size * 0.08);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">` +
    `<rect width="${size}" height="${size}" fill="${escapeXml(background)}"/>` +
    nestSvg(faviconSvg, { x: pad, y: pad, width: size - 2 * pad, height: size - 2 * pad }) +
    '</svg>'
  );
}

export interface CardProject {
  name: string;
  summary: string;
  maturity: string;
  rustUsage: string;
  countsAsRust: boolean;
  totals: { lines: number };
}

/** What a project's share image says, from its catalog data and the taxonomy's labels. */
export function projectCard(
  p: CardProject,
  labels: { maturity: ReadonlyMap<string, string>; usage: ReadonlyMap<string, string> },
  logoSvg?: string,
): ProjectCard {
  return {
    name: p.name,
    summary: p.summary,
    maturity: p.maturity,
    maturityLabel: labels.maturity.get(p.maturity) ?? p.maturity,
    usageLabel: labels.usage.get(p.rustUsage) ?? p.rustUsage,
    rustLine: p.countsAsRust ? `${formatInt(p.totals.lines)} lines of Rust` : '0 lines of Rust measured',
    ...(logoSvg ? { logoSvg } : {}),
  };
}

/** Text alternative of a project's share image: what the image says, in one line. */
export function cardAlt(card: ProjectCard): string {
  return `${card.name}: ${card.maturityLabel}, ${card.usageLabel}, ${card.rustLine}`;
}
