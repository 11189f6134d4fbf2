import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  OG_HEIGHT,
  OG_WIDTH,
  cardAlt,
  fitFontSize,
  iconSvg,
  projectCard,
  projectCardSvg,
  siteCardSvg,
  textWidth,
  wrapText,
} from '../../src/og/og-image.ts';
import { escapeXml } from '../../src/og/svg.ts';
import { fontFiles, renderPng } from '../../src/og/render-png.ts';
import { pngSize } from '../helpers/png.ts';
import { measurement, project } from '../helpers/fixtures.ts';

const labels = {
  maturity: new Map([['graduated', 'Graduated']]),
  usage: new Map([
    ['component', 'Rust component'],
    ['none-found', 'No Rust found'],
  ]),
};

describe('text helpers', () => {
  it('escapes the five XML specials', () => {
    expect(escapeXml(`<a href="x">Tom & Jerry's</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;',
    );
  });
  it('wraps at spaces within the line length', () => {
    expect(wrapText('one two three four five', 9, 5)).toEqual(['one two', 'three', 'four five']);
    for (const line of wrapText('a b c d e f g h i j k l m n o p', 7, 10)) expect(line.length).toBeLessThanOrEqual(7);
  });
  it('ends the last line with an ellipsis when words are left over', () => {
    expect(wrapText('one two three four five six', 9, 2)).toEqual(['one two', 'three…']);
    const lines = wrapText('alpha beta gamma delta epsilon', 12, 1);
    expect(lines).toHaveLength(1);
    expect(lines[0].endsWith('…')).toBe(true);
    expect([...lines[0]].length).toBeLessThanOrEqual(12);
  });
  it('cuts a word longer than a line', () => {
    expect(wrapText('supercalifragilistic', 8, 2)).toEqual(['superca…']);
  });
  it('refuses impossible sizes', () => {
    expect(() => wrapText('x', 1, 1)).toThrow(RangeError);
    expect(() => wrapText('x', 5, 0)).toThrow(RangeError);
  });
  it('shrinks a font until the text fits, down to a floor', () => {
    const size = fitFontSize('Confidential Containers', 600, 84, 36, true);
    expect(size).toBeLessThan(84);
    expect(textWidth('Confidential Containers', size, true)).toBeLessThanOrEqual(600);
    expect(fitFontSize('TiKV', 600, 84, 36, true)).toBe(84);
    expect(fitFontSize('x'.repeat(200), 600, 84, 36)).toBe(36);
  });
});

describe('projectCard', () => {
  it('says the name, maturity label, usage label and lines of Rust', () => {
    const p = project('linkerd', {
      name: 'Linkerd',
      maturity: 'graduated',
      rustUsage: 'component',
      rustRepos: [{ repo: 'l/l', role: 'Proxy', measurement: measurement({ lines: 146060 }) }],
    });
    expect(projectCard(p, labels, '<svg/>')).toEqual({
      name: 'Linkerd',
      summary: 'linkerd does things.',
      maturity: 'graduated',
      maturityLabel: 'Graduated',
      usageLabel: 'Rust component',
      rustLine: '146,060 lines of Rust',
      logoSvg: '<svg/>',
    });
  });
  it('has a one-line text alternative saying the same', () => {
    const p = project('tikv', {
      name: 'TiKV',
      maturity: 'graduated',
      rustRepos: [{ repo: 't/t', role: 'Main', measurement: measurement({ lines: 669829 }) }],
    });
    expect(cardAlt(projectCard(p, { ...labels, usage: new Map([['pure', 'Pure Rust']]) }))).toBe(
      'TiKV: Graduated, Pure Rust, 669,829 lines of Rust',
    );
  });
  it('says 0 lines measured for none-found projects (their usage label says no Rust was found) and leaves out a missing logo', () => {
    const p = project('paralus', {
      rustUsage: 'none-found',
      rustRepos: [
        {
          repo: 'p/p',
          role: 'Main',
          measurement: measurement({ files: 0, bytes: 0, lines: 0, codeLines: 0, bytesRaw: 0, rustShare: 0 }),
        },
      ],
    });
    const card = projectCard(p, labels);
    expect(card.rustLine).toBe('0 lines of Rust measured');
    expect(card.usageLabel).toBe('No Rust found');
    expect(card).not.toHaveProperty('logoSvg');
    expect(card.maturityLabel).toBe('sandbox');
  });
});

describe('card SVG', () => {
  const card = {
    name: 'A & B <Mesh>',
    summary: 'Does things with "quotes" & ampersands.',
    maturity: 'graduated',
    maturityLabel: 'Graduated',
    usageLabel: 'Rust component',
    rustLine: '1,234 lines of Rust',
    logoSvg:
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="red"/></svg>',
  };
  it('is a 1200×630 SVG with every text escaped and the logo nested in its box', () => {
    const svg = projectCardSvg(card);
    expect(svg).toMatch(new RegExp(`^<svg [^>]*width="${OG_WIDTH}" height="${OG_HEIGHT}"`));
    expect(svg).toContain('A &amp; B &lt;Mesh&gt;');
    expect(svg).toContain('&quot;quotes&quot; &amp; ampersands.');
    expect(svg).toContain('1,234 lines of Rust');
    expect(svg).toContain('Graduated');
    expect(svg).toContain(
      '<svg x="884" y="114" width="212" height="212" viewBox="0 0 10 10" preserveAspectRatio="xMidYMid meet" xmlns="http://www.w3.org/2000/svg"><rect width="10" height="10" fill="red"/></svg>',
    );
    expect(svg).not.toContain('<Mesh>');
  });
  it('leaves room for no logo when there is none', () => {
    const { logoSvg: _omit, ...noLogo } = card;
    expect(projectCardSvg(noLogo).match(/<svg\b/g)).toHaveLength(1);
  });
  it('draws the site card with its title and figures', () => {
    const svg = siteCardSvg({
      title: 'CNCF Rust Catalog',
      tagline: 'Tagline here.',
      figures: ['31 projects with Rust', '3.0M lines of Rust'],
    });
    expect(svg).toContain('31 projects with Rust');
    expect(svg).toContain('3.0M lines of Rust');
  });
  it('puts an icon on an opaque square', () => {
    const svg = iconSvg(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="15"/></svg>',
      180,
    );
    expect(svg).toContain('width="180" height="180"');
    expect(svg).toContain('fill="#ffffff"');
    expect(svg).toContain('<svg x="14" y="14" width="152" height="152" viewBox="0 0 32 32"');
  });
});

describe('renderPng', () => {
  it('loads its fonts from the npm package', () => {
    for (const file of fontFiles()) expect(readFileSync(file).subarray(0, 4)).toEqual(Buffer.from([0, 1, 0, 0]));
  });
  it('renders a card to a 1200×630 PNG, and an icon at the asked width', () => {
    const png = renderPng(projectCardSvg({ ...card() }));
    expect(pngSize(png)).toEqual({ width: OG_WIDTH, height: OG_HEIGHT });
    expect(
      pngSize(
        renderPng(
          iconSvg(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="15"/></svg>',
            180,
          ),
        ),
      ),
    ).toEqual({ width: 180, height: 180 });
    expect(
      pngSize(
        renderPng(
          '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="15"/></svg>',
          { width: 32 },
        ),
      ),
    ).toEqual({ width: 32, height: 32 });
  });
  it('draws the text (a card with a name differs from one without)', () => {
    const withName = renderPng(projectCardSvg({ ...card(), name: 'Visible' }));
    const withoutName = renderPng(projectCardSvg({ ...card(), name: '' }));
    expect(Buffer.from(withName).equals(Buffer.from(withoutName))).toBe(false);
  });
  it('refuses bytes that are not a PNG', () => {
    expect(() => pngSize(new Uint8Array(30))).toThrow(/PNG/);
  });
  function card() {
    return {
      name: 'TiKV',
      summary: 'A distributed key-value store.',
      maturity: 'graduated',
      maturityLabel: 'Graduated',
      usageLabel: 'Pure Rust',
      rustLine: '669,829 lines of Rust',
    };
  }
});
