/**
 * A project's Rust in the figures a reader sees first: its code lines and its share, or that
 * no Rust was found. The stat strip under a project's title and its badge both show these, so
 * the two cannot disagree: a share the page does not give ("not given" while some of the
 * project's code is not measured, "—" with nothing to divide by) is on neither.
 */
import type { CatalogProject } from '../model/project.ts';
import { formatInt, formatPercent } from './format.ts';

/** What the share cell says: a percentage, "not given" (some code unmeasured), or nothing to say. */
export type ShownShare = { kind: 'shown'; value: number } | { kind: 'not-given' } | { kind: 'none' };

export type RustFigures = { found: false } | { found: true; codeLines: number; lines: number; share: ShownShare };

export function rustFigures(p: Pick<CatalogProject, 'countsAsRust' | 'totals' | 'rustShare' | 'shareCoverage'>): RustFigures {
  if (!p.countsAsRust) return { found: false };
  const share: ShownShare =
    p.shareCoverage.unmeasured.length > 0
      ? { kind: 'not-given' }
      : p.rustShare === undefined
        ? { kind: 'none' }
        : { kind: 'shown', value: p.rustShare };
  return { found: true, codeLines: p.totals.codeLines, lines: p.totals.lines, share };
}

/**
 * The figures in one short phrase, as the stat strip writes them: "52,311 code lines · 98.2%",
 * "52,311 code lines" when the page gives no share, "none found" without Rust.
 */
export function figuresPhrase(figures: RustFigures): string {
  if (!figures.found) return 'none found';
  const lines = `${formatInt(figures.codeLines)} code ${figures.codeLines === 1 ? 'line' : 'lines'}`;
  return figures.share.kind === 'shown' ? `${lines} · ${formatPercent(figures.share.value)}` : lines;
}
