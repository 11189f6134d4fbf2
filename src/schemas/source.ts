import { z } from 'astro/zod';
import { httpsUrlSchema, lineSchema, publicationDateSchema, slugSchema } from './common.ts';

/**
 * One entry of `content/sources.yaml`: a document or data set the catalog cites.
 * Entries refer to sources by `id`, so a source is described once.
 */
export const sourceSchema = z.strictObject({
  /** Stable identifier used in entries' `sources`, e.g. `cncf-landscape`. */
  id: slugSchema,
  /** Title of the document or data set. */
  title: lineSchema('a title', 200),
  /** Who published it. */
  publisher: lineSchema('a publisher', 120),
  /** When it was published, or the as-of date of a data snapshot (YYYY-MM when the day is unknown). */
  date: publicationDateSchema,
  /** Where to read it, when it is online. */
  url: httpsUrlSchema.optional(),
  /** What kind of source: primary data, a report, an article or the project's own material. */
  kind: z.enum(['data', 'report', 'article', 'project'], {
    error: 'expected one of data, report, article, project',
  }),
  /** A short note on how reliable it is or what it is used for. */
  note: lineSchema('a note', 600).optional(),
});
export type Source = z.infer<typeof sourceSchema>;
