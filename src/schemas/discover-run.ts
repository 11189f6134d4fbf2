import { z } from 'astro/zod';
import { commitSchema } from './common.ts';

/**
 * The data file `npm run discover -- --write data/discover-run.json` writes: every
 * organisation and every repository of every CNCF project (and entry) the run looked at, with
 * or without Rust. Only the fields the site reads are checked; the rest passes through.
 */
const measurementSchema = z.looseObject({
  commit: commitSchema,
  commitDate: z.string().min(1),
  rustFiles: z.number().int().nonnegative(),
  rustCodeLines: z.number().int().nonnegative(),
  rustBytes: z.number().int().nonnegative(),
  rustShare: z.number().min(0).max(100),
});

const named = z.array(z.looseObject({ name: z.string().min(1) })).optional();

export const discoverRunSchema = z.looseObject({
  /** The day of the run, YYYY-MM-DD. */
  runDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected the run date as YYYY-MM-DD' }),
  rule: z.looseObject({ minCodeLines: z.number().int().positive(), pureShare: z.number().min(0).max(100) }),
  /** Projects looked at (landscape items and entries). */
  projects: z.number().int().nonnegative(),
  /** The file listings the run read: their names, how they were made, and when. */
  listing: z
    .looseObject({
      files: z.array(z.string()),
      via: z.array(z.string()),
      checkedAt: z.looseObject({ first: z.string(), last: z.string() }).nullable(),
    })
    .optional(),
  /** The GitHub organisations screened: which projects they belong to, how many repositories were listed, from where. */
  organisations: z
    .array(
      z.looseObject({
        owner: z.string().min(1),
        projects: z.array(z.string()),
        /** Repositories listed; null when no source listed the organisation. */
        listed: z.number().int().nonnegative().nullable(),
        sources: z.array(z.string()),
      }),
    )
    .optional(),
  repositories: z.array(
    z.looseObject({
      project: z.string().min(1),
      entry: z.string().optional(),
      repo: z.string().min(1),
      /** Named by the landscape or the entry, or found in one of the project's organisations. */
      via: z.enum(['landscape', 'entry', 'organisation']).optional(),
      /** Why a repository an organisation holds is not the project's code (a fork, a mirror, archived). */
      notProjectCode: z.string().optional(),
      state: z.enum(['measured', 'screened', 'not-looked-at']),
      measurement: measurementSchema.optional(),
      reason: z.string().optional(),
    }),
  ),
  report: z
    .looseObject({
      missingEntries: named,
      belowRule: named,
      unmeasuredRust: named,
      staleEntries: named,
    })
    .optional(),
});
export type DiscoverRun = z.infer<typeof discoverRunSchema>;
