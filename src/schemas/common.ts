import { z } from 'astro/zod';

/** Lower-case kebab-case identifier used in URLs and references, e.g. `chaos-mesh`. */
export const slugSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
    error: 'expected a lower-case kebab-case identifier such as "chaos-mesh"',
  });

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

/** A timestamp with time zone, ISO 8601, e.g. `2026-08-21T17:29:49+00:00`. */
export const isoDateTimeSchema = z.preprocess(
  (value) => (value instanceof Date ? value.toISOString() : value),
  z
    .string({ error: 'expected an ISO 8601 timestamp such as 2026-08-21T17:29:49+00:00' })
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/, {
      error: 'expected an ISO 8601 timestamp such as 2026-08-21T17:29:49+00:00',
    }),
);

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
  );

/** One non-empty line of prose without leading or trailing spaces. */
export const lineSchema = (what: string, max: number) =>
  z
    .string({ error: `expected ${what} as text` })
    .trim()
    .min(1, { error: `expected ${what}, got an empty string` })
    .max(max, { error: `expected ${what} of at most ${max} characters` })
    .refine((value) => !/[\r\n]/.test(value), { error: `expected ${what} on one line` });

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
