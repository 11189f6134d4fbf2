/** Project badges: the stat strip's figures in words, the SVG, the shields.io endpoint and the README snippets. */
import { describe, expect, it } from 'vitest';
import { figuresPhrase, rustFigures } from '../../src/data/views/rust-figures.ts';
import { BADGE_COLOURS, badgeSnippets, projectBadge, shieldsEndpoint } from '../../src/data/exports/badge.ts';
import { badgeSize, badgeSvg, textWidth } from '../../src/og/badge.ts';
import { svgSize } from '../../src/og/svg.ts';
import { measurement, project } from '../helpers/fixtures.ts';

const none = measurement({ files: 0, bytes: 0, lines: 0, codeLines: 0, bytesRaw: 0, rustShare: 0 });
const pure = project('pure', {
  rustRepos: [{ repo: 'p/p', role: 'Main', measurement: measurement({ codeLines: 52_311, programmingBytes: 30_600 }) }],
});
const unmeasured = project('partial', { unmeasuredRepos: [{ repo: 'p/other', reason: 'too large to copy' }] });
const noneFound = project('nothing', {
  rustUsage: 'none-found',
  rustRepos: [{ repo: 'n/n', role: 'Main', measurement: none }],
});

/** WCAG 2 contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, bl] = [1, 3, 5]
      .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
      .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

describe('rustFigures and figuresPhrase', () => {
  it('say the code lines and the share the page shows', () => {
    expect(rustFigures(pure)).toEqual({
      found: true,
      codeLines: 52_311,
      lines: 1_000,
      share: { kind: 'shown', value: pure.rustShare },
    });
    expect(figuresPhrase(rustFigures(pure))).toBe('52,311 code lines · 98.0%');
  });

  it('give no share while some of the code is not measured, as the page says "not given"', () => {
    expect(rustFigures(unmeasured)).toMatchObject({ share: { kind: 'not-given' } });
    expect(figuresPhrase(rustFigures(unmeasured))).toBe('800 code lines');
  });

  it('say "none found" for a project without Rust, and the singular for one line', () => {
    expect(figuresPhrase(rustFigures(noneFound))).toBe('none found');
    const one = project('one', {
      rustRepos: [{ repo: 'o/o', role: 'Main', measurement: measurement({ codeLines: 1, lines: 1 }) }],
    });
    expect(figuresPhrase(rustFigures(one))).toMatch(/^1 code line · /);
  });
});

describe('projectBadge and shieldsEndpoint', () => {
  it('carry the label, the phrase and a colour by whether Rust was found', () => {
    expect(projectBadge(pure)).toMatchObject({
      label: 'Rust',
      message: '52,311 code lines · 98.0%',
      color: BADGE_COLOURS.rust,
    });
    expect(projectBadge(noneFound)).toMatchObject({ message: 'none found', color: BADGE_COLOURS.none });
    expect(projectBadge(pure).title).toBe('Rust in PURE: 52,311 code lines · 98.0% (CNCF Rust Catalog)');
    expect(shieldsEndpoint(projectBadge(unmeasured))).toEqual({
      schemaVersion: 1,
      label: 'Rust',
      message: '800 code lines',
      color: BADGE_COLOURS.rust,
      labelColor: BADGE_COLOURS.label,
    });
  });

  it('keeps white text at 4.5:1 or more on every badge colour (legible on light and dark pages alike)', () => {
    for (const colour of [BADGE_COLOURS.label, BADGE_COLOURS.rust, BADGE_COLOURS.none])
      expect(contrast(BADGE_COLOURS.text, colour), colour).toBeGreaterThanOrEqual(4.5);
  });
});

describe('badgeSvg', () => {
  it('is a small SVG whose size is its layout, with the words as <title> and as text', () => {
    const badge = projectBadge(pure);
    const svg = badgeSvg(badge);
    expect(Buffer.byteLength(svg)).toBeLessThan(800);
    expect(svgSize(svg)).toEqual({ width: badgeSize(badge).width, height: 20 });
    expect(svg).toContain(`<title>${badge.title}</title>`);
    expect(svg).toContain('role="img"');
    expect(svg).toContain('>52,311 code lines · 98.0%</text>');
    expect(svg).toContain(`textLength="${textWidth(badge.message)}"`);
  });

  it('escapes a name that is markup', () => {
    const svg = badgeSvg(projectBadge(project('x', { name: '<b>&"x"</b>' })));
    expect(svg).toContain('<title>Rust in &lt;b&gt;&amp;&quot;x&quot;&lt;/b&gt;: ');
    expect(svg).not.toContain('<b>');
  });

  it('grows with the message', () => {
    expect(badgeSize({ label: 'Rust', message: '1,234,567 code lines · 99.9%' }).width).toBeGreaterThan(
      badgeSize({ label: 'Rust', message: 'none found' }).width,
    );
  });
});

describe('badgeSnippets', () => {
  const urls = {
    page: 'https://example.org/base/projects/pure/',
    svg: 'https://example.org/base/badges/pure.svg',
    endpoint: 'https://example.org/base/badges/pure.json',
  };

  it('link the badge to the project page in Markdown and HTML, and give the shields.io URL', () => {
    const badge = projectBadge(pure);
    const s = badgeSnippets(badge, urls, { width: 180, height: 20 });
    expect(s.markdown).toBe(
      `[![Rust in PURE: 52,311 code lines · 98.0% \\(CNCF Rust Catalog\\)](${urls.svg})](${urls.page})`,
    );
    expect(s.html).toBe(
      `<a href="${urls.page}"><img src="${urls.svg}" alt="${badge.title}" width="180" height="20"></a>`,
    );
    expect(s.shields).toBe(`https://img.shields.io/endpoint?url=${encodeURIComponent(urls.endpoint)}`);
  });

  it('escapes a name in Markdown and HTML', () => {
    const s = badgeSnippets(projectBadge(project('x', { name: 'A [b] "c" <d>' })), urls, { width: 1, height: 20 });
    expect(s.markdown).toContain('Rust in A \\[b\\] "c" \\<d\\>: ');
    expect(s.html).toContain('alt="Rust in A [b] &quot;c&quot; &lt;d&gt;: ');
  });
});
