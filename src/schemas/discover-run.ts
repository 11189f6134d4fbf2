import { z } from 'astro/zod';
import { commitSchema } from './common.ts';

/**
 * The data file `npm run discover -- --write data/discover-run.json` writes: every repository
 * of every CNCF project (and entry) the run looked at, with or without Rust. Only the fields
 * the site reads are checked; the rest of the report passes through.
 */
const measurementSchema = z.looseObject({
  commit: commitSchema,
  commitDate: z.string().min(1),
  rustFiles: z.number().int().nonnegative(),
  rustCodeLines: z.number().int().nonnegative(),
  rustBytes: z.number().int().nonnegative(),
  rustShare: z.number().min(0).max(100),
});

export const discoverRunSchema = z.looseObject({
  /** The day of the run, YYYY-MM-DD. */
  runDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected the run date as YYYY-MM-DD' }),
  rule: z.looseObject({ minCodeLines: z.number().int().positive(), pureShare: z.number().min(0).max(100) }),
  /** Projects looked at (landscape items and entries). */
  projects: z.number().int().nonnegative(),
  repositories: z.array(
    z.looseObject({
      project: z.string().min(1),
      entry: z.string().optional(),
      repo: z.string().min(1),
      state: z.enum(['measured', 'screened', 'not-looked-at']),
      measurement: measurementSchema.optional(),
      reason: z.string().optional(),
    }),
  ),
});
export type DiscoverRun = z.infer<typeof discoverRunSchema>;
