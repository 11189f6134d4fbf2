/**
 * The catalog's history by year: when each project was accepted into the CNCF, moved to
 * incubating, graduated and was archived, from the dates in its entry (landscape.yml's).
 */
import { byName, type CatalogProject } from '../model/project.ts';
import type { Maturity } from '../../schemas/taxonomy.ts';
import { MATURITY_DATE_KEYS, type MaturityDates } from '../../schemas/project.ts';

/** The kinds of milestone: the maturity date keys of an entry, in order. */
export const MILESTONE_KINDS = MATURITY_DATE_KEYS;
export type MilestoneKind = keyof MaturityDates;

/** Headings of the timeline's lists, one per kind. */
export const MILESTONE_LABELS: Record<MilestoneKind, string> = {
  accepted: 'Accepted into the CNCF',
  incubating: 'Moved to incubating',
  graduated: 'Graduated',
  archived: 'Archived',
};

/** Short forms of the same, for table columns. */
export const MILESTONE_SHORT_LABELS: Record<MilestoneKind, string> = {
  accepted: 'Accepted',
  incubating: 'To incubating',
  graduated: 'Graduated',
  archived: 'Archived',
};

export interface Milestone {
  kind: MilestoneKind;
  /** YYYY-MM-DD. */
  date: string;
  slug: string;
  name: string;
  /**
   * Set on `accepted` when the project entered straight at incubating (both dates equal):
   * it then has this one milestone, not two on the same day. Otherwise the landscape does
   * not say at which level a project entered, so neither does the timeline.
   */
  enteredAt?: Extract<Maturity, 'incubating'>;
}

export interface TimelineYear {
  year: number;
  /** Every milestone of the year, by date, then kind, then project name. */
  milestones: Milestone[];
  /** The year's milestones of each kind, in the same order. */
  byKind: Record<MilestoneKind, Milestone[]>;
}

type Dated = Pick<CatalogProject, 'slug' | 'name' | 'dates'>;

const kindOrder = (k: MilestoneKind) => MILESTONE_KINDS.indexOf(k);

export function compareMilestones(a: Milestone, b: Milestone): number {
  return (
    a.date.localeCompare(b.date) ||
    kindOrder(a.kind) - kindOrder(b.kind) ||
    byName(a, b)
  );
}

/** Every dated milestone of the projects, oldest first. */
export function milestones(projects: readonly Dated[]): Milestone[] {
  return projects
    .flatMap((p): Milestone[] => {
      const { accepted, incubating, graduated, archived } = p.dates;
      const straightToIncubating = incubating !== undefined && incubating === accepted;
      const base = { slug: p.slug, name: p.name };
      return [
        { ...base, kind: 'accepted', date: accepted, ...(straightToIncubating ? { enteredAt: 'incubating' as const } : {}) },
        ...(incubating && !straightToIncubating ? [{ ...base, kind: 'incubating' as const, date: incubating }] : []),
        ...(graduated ? [{ ...base, kind: 'graduated' as const, date: graduated }] : []),
        ...(archived ? [{ ...base, kind: 'archived' as const, date: archived }] : []),
      ];
    })
    .sort(compareMilestones);
}

/** Milestones grouped by calendar year; only years with a milestone, newest year first unless `order` is 'oldest-first'. */
export function timelineByYear(projects: readonly Dated[], order: 'newest-first' | 'oldest-first' = 'newest-first'): TimelineYear[] {
  const years = new Map<number, Milestone[]>();
  for (const m of milestones(projects)) {
    const year = Number(m.date.slice(0, 4));
    years.set(year, [...(years.get(year) ?? []), m]);
  }
  return [...years.entries()]
    .sort(([a], [b]) => (order === 'newest-first' ? b - a : a - b))
    .map(([year, list]) => ({
      year,
      milestones: list,
      byKind: Object.fromEntries(MILESTONE_KINDS.map((k) => [k, list.filter((m) => m.kind === k)])) as Record<MilestoneKind, Milestone[]>,
    }));
}

/** A project's Rust on the day of a CNCF move, as the history counted it. */
export type RustThatDay =
  /** Code lines over the project's Rust repositories at their last commit that day. */
  | { codeLines: number }
  /** None of its Rust repositories had a commit yet. */
  | { codeLines: null }
  /** The catalog has no history for the project. */
  | undefined;

/**
 * The Rust of a milestone's project on its day: the history's point for the move of the same
 * kind (an entry straight into incubating has one point, its acceptance).
 */
export function rustThatDay(
  milestone: Pick<Milestone, 'slug' | 'kind'>,
  eventsOf: (slug: string) => readonly { event: string; codeLines: number; repos: readonly { point: unknown }[] }[] | undefined,
): RustThatDay {
  const event = eventsOf(milestone.slug)?.find((e) => e.event === milestone.kind);
  if (!event) return undefined;
  return { codeLines: event.repos.every((r) => r.point === null) ? null : event.codeLines };
}
