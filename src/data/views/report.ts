/**
 * Reconciling the December 2025 report with the catalog: every contradiction on the data
 * notes page is computed here from the entries' `reported` fields, the landscape data and
 * the measurements.
 */
import { rustTotals, type CatalogProject, type RustTotals } from '../model/project.ts';
import type { ReportedFigure, RustRepo } from '../../schemas/project.ts';
import type { Maturity, RustUsage } from '../../schemas/taxonomy.ts';

/**
 * The number a printed figure stands for: "24.8M" → 24800000, "949k" → 949000,
 * "~200,000" → 200000, "24,814,809" → 24814809. Figures in other units ("122 crates") → undefined.
 */
export function parseFigure(text: string): number | undefined {
  const match = /^~?\s*([\d,]+(?:\.\d+)?)\s*([kKmM])?(?:\s*LOC)?$/.exec(text.trim());
  if (!match) return undefined;
  const value = Number(match[1].replace(/,/g, ''));
  const scale = match[2]?.toLowerCase() === 'm' ? 1_000_000 : match[2]?.toLowerCase() === 'k' ? 1_000 : 1;
  return Number.isFinite(value) ? value * scale : undefined;
}

const near = (a: number, b: number, tolerance: number) => Math.abs(a - b) <= tolerance * Math.max(a, b);

/**
 * Figures of one project that no other figure confirms. A figure is confirmed when another
 * figure is within 5% of it (a rounded copy), or when it is a part of, or the total of, a
 * set of figures whose parts add up to the total (per-repository breakdowns).
 */
export function unconfirmedFigures(figures: readonly ReportedFigure[], tolerance = 0.05): ReportedFigure[] {
  const numeric = figures.map((f) => ({ f, v: parseFigure(f.text) })).filter((x): x is { f: ReportedFigure; v: number } => x.v !== undefined);
  // A lone figure has nothing to agree or disagree with.
  if (numeric.length < 2) return [];
  const confirmed = new Set<ReportedFigure>();
  for (const a of numeric) for (const b of numeric) if (a !== b && near(a.v, b.v, tolerance)) confirmed.add(a.f);
  for (const total of numeric) {
    const parts = numeric.filter((x) => x !== total && !near(x.v, total.v, tolerance));
    const sum = parts.reduce((s, x) => s + x.v, 0);
    if (parts.length >= 2 && near(sum, total.v, tolerance)) {
      confirmed.add(total.f);
      parts.forEach((x) => confirmed.add(x.f));
    }
  }
  return numeric.filter((x) => !confirmed.has(x.f)).map((x) => x.f);
}

export interface StaleMaturity {
  project: CatalogProject;
  reported: Maturity;
}

/** Projects whose maturity in the report is not the landscape's. */
export function staleMaturities(projects: readonly CatalogProject[]): StaleMaturity[] {
  return projects.flatMap((p) => (p.reported && p.reported.maturity !== p.maturity ? [{ project: p, reported: p.reported.maturity }] : []));
}

export interface DateDifference {
  project: CatalogProject;
  field: 'accepted' | 'graduated';
  reported: string;
  landscape: string | undefined;
}

/** Dates the report gives that differ from the landscape's. */
export function dateDifferences(projects: readonly CatalogProject[]): DateDifference[] {
  return projects.flatMap((p) =>
    (['accepted', 'graduated'] as const).flatMap((field) => {
      const reported = p.reported?.dates?.[field];
      const landscape = p.dates[field];
      return reported && reported !== landscape ? [{ project: p, field, reported, landscape }] : [];
    }),
  );
}

const USAGE_OF_REPORT_TYPE: Record<'pure' | 'component' | 'implementation', RustUsage[]> = {
  pure: ['pure'],
  component: ['component', 'sdk'],
  implementation: ['sdk'],
};

export interface ClassificationConflict {
  project: CatalogProject;
  reported: ('pure' | 'component' | 'implementation')[];
  /** The report itself gives two classifications. */
  selfContradictory: boolean;
  /** None of the report's classifications matches the catalog's Rust usage. */
  disagreesWithCatalog: boolean;
}

/** Projects the report classifies in two ways, or differently from the measurements. */
export function classificationConflicts(projects: readonly CatalogProject[]): ClassificationConflict[] {
  return projects.flatMap((p) => {
    if (!p.reported) return [];
    const types = p.reported.type;
    const selfContradictory = new Set(types).size > 1;
    const disagreesWithCatalog = !types.some((t) => USAGE_OF_REPORT_TYPE[t].includes(p.rustUsage));
    return selfContradictory || disagreesWithCatalog ? [{ project: p, reported: types, selfContradictory, disagreesWithCatalog }] : [];
  });
}

export interface FigureReading {
  project: CatalogProject;
  figure: ReportedFigure & { bytes: number };
  /** The measured repositories the figure covers: those it names, otherwise all of them. */
  repos: RustRepo[];
  /** Today's measurement of those repositories. */
  measured: RustTotals;
  /** Reported "LOC" divided by the bytes measured now in those repositories. */
  bytesRatio: number;
  /** Reported "LOC" divided by the lines measured now in those repositories. */
  linesRatio: number;
}

/** The entry's repositories a report figure covers: the ones it names, or all of them. */
export function coveredRepos(project: Pick<CatalogProject, 'rustRepos'>, figure: ReportedFigure): RustRepo[] {
  if (!figure.repos) return [...project.rustRepos];
  const named = new Set(figure.repos.map((r) => r.toLowerCase()));
  return project.rustRepos.filter((r) => named.has(r.repo.toLowerCase()));
}

/**
 * For each report figure read as bytes, how it compares with today's measured bytes and
 * lines of the repositories it covers: a ratio near 1 for bytes and ~25-40 for lines shows
 * the "LOC" were bytes.
 */
export function figureReadings(projects: readonly CatalogProject[]): FigureReading[] {
  return projects.flatMap((p) => {
    const figures: readonly ReportedFigure[] = p.reported?.figures ?? [];
    return figures
      .filter((f): f is ReportedFigure & { bytes: number } => f.bytes !== undefined)
      .flatMap((figure) => {
        const repos = coveredRepos(p, figure);
        const measured = rustTotals(repos);
        if (measured.bytes === 0 || measured.lines === 0) return [];
        return [{ project: p, figure, repos, measured, bytesRatio: figure.bytes / measured.bytes, linesRatio: figure.bytes / measured.lines }];
      });
  });
}

/** How the report's own lists add up: projects it covers, by first-listed classification. */
export function reportCoverage(projects: readonly CatalogProject[]) {
  const covered = projects.filter((p) => p.reported);
  return {
    covered: covered.length,
    firstListedPure: covered.filter((p) => p.reported!.type[0] === 'pure').length,
    firstListedOther: covered.filter((p) => p.reported!.type[0] !== 'pure').length,
    notCovered: projects.filter((p) => !p.reported),
  };
}

/** Projects the report's own dates say were accepted in `year`, oldest first. */
export function reportedAcceptances(projects: readonly CatalogProject[], year: number): { project: CatalogProject; accepted: string }[] {
  return projects
    .flatMap((p) => {
      const accepted = p.reported?.dates?.accepted;
      return accepted?.startsWith(`${year}-`) ? [{ project: p, accepted }] : [];
    })
    .sort((a, b) => a.accepted.localeCompare(b.accepted) || a.project.slug.localeCompare(b.project.slug));
}
