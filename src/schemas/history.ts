/**
 * Rust through time: what `npm run history` writes to `data/history.json`, one record per
 * catalog entry, each repository counted at yearly points and at the entry's CNCF dates.
 */
import { z } from 'astro/zod';
import { isoDateSchema, isoDateTimeSchema, slugSchema } from './common.ts';

const count = (what: string) =>
  z
    .number({ error: `expected ${what} as a whole number` })
    .int({ error: `expected ${what} as a whole number` })
    .nonnegative({ error: `expected ${what} of 0 or more` });

const commitSchema = z.string().regex(/^[0-9a-f]{40}$/, { error: 'expected a 40-character git commit hash' });

/** The CNCF moves of an entry, in the order they happen. */
export const CNCF_EVENTS = ['accepted', 'incubating', 'graduated', 'archived'] as const;
export type CncfEvent = (typeof CNCF_EVENTS)[number];

/** The Rust counted in one repository at one commit (the method of the data-notes page). */
export const historyPointSchema = z
  .strictObject({
    /** The commit the tree was read at. */
    commit: commitSchema,
    /** Its committer date. */
    commitDate: isoDateTimeSchema,
    /** Counted `.rs` files. */
    files: count('a file count'),
    /** Bytes of the counted `.rs` files. */
    bytes: count('a byte count'),
    /** Newline characters in them. */
    lines: count('a line count'),
    /** Lines that hold code: not blank and not only comments (`//` and doc comments, `/* … *\/` blocks, which nest). */
    codeLines: count('a code line count'),
    /** Rust bytes as a percentage of the counted source bytes, one decimal. */
    rustShare: z
      .number()
      .min(0, { error: 'expected a percentage between 0 and 100' })
      .max(100, { error: 'expected a percentage between 0 and 100' }),
  })
  .superRefine((p, ctx) => {
    if (p.codeLines > p.lines)
      ctx.addIssue({
        code: 'custom',
        path: ['codeLines'],
        message: `expected code lines (${p.codeLines}) to be at most lines (${p.lines})`,
      });
    if (p.lines > p.bytes)
      ctx.addIssue({
        code: 'custom',
        path: ['lines'],
        message: `expected lines (${p.lines}) to be at most bytes (${p.bytes})`,
      });
  });
export type HistoryPoint = z.infer<typeof historyPointSchema>;

/** The repository at the end of one year: the last commit of the year on its default branch. */
export const yearPointSchema = z.strictObject({
  /** Calendar year (UTC). The last year's point is the entry's measured commit. */
  year: z.number().int().min(2000).max(2100),
  point: historyPointSchema,
});
export type YearPoint = z.infer<typeof yearPointSchema>;

/** The repository on the day of one CNCF move of the entry. */
export const eventPointSchema = z.strictObject({
  event: z.enum(CNCF_EVENTS, { error: `expected one of ${CNCF_EVENTS.join(', ')}` }),
  /** The date of the move, from the entry's `dates`. */
  date: isoDateSchema,
  /** The last commit at or before the end of that day (UTC); null when the repository had no commit yet. */
  point: historyPointSchema.nullable(),
});
export type EventPoint = z.infer<typeof eventPointSchema>;

/** One repository's history, read along the first-parent line of its measured commit. */
export const repoHistorySchema = z
  .strictObject({
    /** GitHub `owner/name`, as in the entry's `rustRepos`. */
    repo: z
      .string()
      .regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, { error: 'expected a GitHub repository as owner/name' }),
    /** The entry's measured commit: where the history ends. */
    measuredCommit: commitSchema,
    /** The first commit on that line that added a `.rs` file; null when none did. */
    firstRust: z.strictObject({ commit: commitSchema, commitDate: isoDateTimeSchema }).nullable(),
    /**
     * Yearly points, oldest first, from the year of `firstRust` (the measured commit's year
     * when there is none) to the measured commit's year; a year without commits repeats the
     * commit of the year before.
     */
    years: z.array(yearPointSchema).min(1, { error: 'expected at least the point of the measured commit' }),
    /** One point per CNCF date of the entry, in the order of `CNCF_EVENTS`. */
    events: z.array(eventPointSchema),
  })
  .superRefine((r, ctx) => {
    r.years.forEach((y, i) => {
      if (i > 0 && y.year !== r.years[i - 1].year + 1)
        ctx.addIssue({
          code: 'custom',
          path: ['years', i, 'year'],
          message: `expected consecutive years, got ${r.years[i - 1].year} then ${y.year}`,
        });
    });
    const last = r.years.at(-1);
    if (last && last.point.commit !== r.measuredCommit)
      ctx.addIssue({
        code: 'custom',
        path: ['years', r.years.length - 1],
        message: 'expected the last yearly point at the measured commit',
      });
  });
export type RepoHistory = z.infer<typeof repoHistorySchema>;

/** One catalog entry: its Rust repositories' histories (file() loader id = the entry's slug). */
export const projectHistorySchema = z.strictObject({
  /** The entry's slug. */
  id: slugSchema,
  repos: z.array(repoHistorySchema),
});
export type ProjectHistory = z.infer<typeof projectHistorySchema>;

/** The whole file `data/history.json`. */
export const historyFileSchema = z.array(projectHistorySchema).superRefine((list, ctx) => {
  const seen = new Set<string>();
  list.forEach((p, i) => {
    if (seen.has(p.id))
      ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `expected each entry once; ${p.id} is listed twice` });
    seen.add(p.id);
  });
});
