import { z } from 'astro/zod';
import { unsafeCharacters, urlProblem } from './text-safety.ts';

/**
 * The day the Linux Foundation announced the Cloud Native Computing Foundation (21 July 2015):
 * no project can have reached a CNCF maturity level before it.
 */
export const CNCF_FOUNDED = '2015-07-21';

/** Today (UTC) as YYYY-MM-DD, plus a day of slack for time zones. */
export const latestDate = (now = new Date()): string => new Date(now.getTime() + 86_400_000).toISOString().slice(0, 10);

/** Lower-case kebab-case identifier used in URLs and references, e.g. `chaos-mesh`. */
export const slugSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
  error: 'expected a lower-case kebab-case identifier such as "chaos-mesh"',
});

/** A full git commit hash: 40 lower-case hexadecimal characters, as `git rev-parse` prints it. */
const COMMIT_HASH = /^[0-9a-f]{40}$/;
export const isCommitHash = (text: unknown): text is string => typeof text === 'string' && COMMIT_HASH.test(text);
export const commitSchema = z
  .string({ error: 'expected a 40-character git commit hash' })
  .regex(COMMIT_HASH, { error: 'expected a 40-character git commit hash' });

/** Returns true when `text` is a real calendar day written as YYYY-MM-DD. */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const parsed = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === text;
}

/**
 * A calendar date, kept as the string `YYYY-MM-DD`.
 * Astro's YAML parser turns unquoted dates into `Date` objects while js-yaml 5 keeps
 * strings; both are normalised here so the site and the scripts see the same value.
 */
export const isoDateSchema = z.preprocess(
  (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value),
  z.string({ error: 'expected a date written as YYYY-MM-DD' }).refine(isCalendarDate, {
    error: 'expected a real calendar date written as YYYY-MM-DD',
  }),
);

/**
 * A date of the CNCF's own history (a project accepted, graduated...): a real calendar date,
 * not before the CNCF existed (CNCF_FOUNDED) and not in the future.
 */
export const cncfDateSchema = isoDateSchema
  .refine((text) => typeof text !== 'string' || text >= CNCF_FOUNDED, {
    error: `expected a date on or after ${CNCF_FOUNDED}, when the CNCF was announced`,
  })
  .refine((text) => typeof text !== 'string' || text <= latestDate(), {
    error: 'expected a date that is not in the future',
  });

/** A date something was done (an entry reviewed): a real calendar date, not in the future. */
export const pastDateSchema = isoDateSchema.refine((text) => typeof text !== 'string' || text <= latestDate(), {
  error: 'expected a date that is not in the future',
});

/** A timestamp with time zone, ISO 8601, e.g. `2026-08-21T17:29:49+00:00`. */
export const isoDateTimeSchema = z.preprocess(
  (value) => (value instanceof Date ? value.toISOString() : value),
  z
    .string({ error: 'expected an ISO 8601 timestamp such as 2026-08-21T17:29:49+00:00' })
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/, {
      error: 'expected an ISO 8601 timestamp such as 2026-08-21T17:29:49+00:00',
    })
    .refine(isRealTimestamp, {
      error:
        'expected a real date and time (hours 00-23, minutes and seconds 00-59, a real calendar day, offset at most ±14:00)',
    })
    .refine((text) => new Date(text).getTime() <= Date.now() + 86_400_000, {
      error: 'expected a time that is not in the future',
    }),
);

/** Whether an ISO 8601 timestamp (already matching the pattern) names a real moment. */
export function isRealTimestamp(text: string): boolean {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|[+-](\d{2}):(\d{2}))$/.exec(text);
  if (!m || !isCalendarDate(m[1])) return false;
  const [h, min, sec, oh, om] = [m[2], m[3], m[4], m[5] ?? '0', m[6] ?? '0'].map(Number);
  return h <= 23 && min <= 59 && sec <= 59 && oh <= 14 && om <= 59 && !Number.isNaN(new Date(text).getTime());
}

/** An absolute `https://` URL. Plain `http://` is refused: the site links only to secure origins. */
export const httpsUrlSchema = z
  .string({ error: 'expected an https:// URL' })
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return url.protocol === 'https:' && url.hostname.includes('.');
      } catch {
        return false;
      }
    },
    { error: 'expected an absolute https:// URL' },
  )
  .superRefine((value, ctx) => {
    const problem = urlProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: `${problem} (expected a public https:// URL)` });
  });

/** One non-empty line of prose without leading or trailing spaces. */
export const lineSchema = (what: string, max: number) =>
  z
    .string({ error: `expected ${what} as text` })
    .trim()
    .min(1, { error: `expected ${what}, got an empty string` })
    .max(max, { error: `expected ${what} of at most ${max} characters` })
    .refine((value) => !/[\r\n]/.test(value), { error: `expected ${what} on one line` })
    .superRefine((value, ctx) => {
      const bad = unsafeCharacters(value);
      if (bad)
        ctx.addIssue({
          code: 'custom',
          message: `${what} holds ${bad} (expected printable text without control, bidirectional or invisible characters)`,
        });
    });

/**
 * A publication date as precise as it is known: `YYYY-MM-DD`, or `YYYY-MM` when only the
 * month is known (better than inventing a day).
 */
export const publicationDateSchema = z.preprocess(
  (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value),
  z
    .string({ error: 'expected a date written as YYYY-MM-DD, or YYYY-MM when the day is unknown' })
    .refine((text) => isCalendarDate(text) || (/^\d{4}-\d{2}$/.test(text) && isCalendarDate(`${text}-01`)), {
      error: 'expected a real date written as YYYY-MM-DD, or YYYY-MM when the day is unknown',
    }),
);
