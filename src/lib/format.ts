/** Formatting of figures for display: one locale everywhere, so pages agree with each other. */
const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** 1234567 → "1,234,567". */
export function formatInt(value: number): string {
  return integer.format(value);
}

/** Short form for headlines and charts: 1234567 → "1.2M", 45321 → "45.3k", 812 → "812". */
export function formatCompact(value: number): string {
  if (Math.abs(value) >= 1_000_000) return `${oneDecimal.format(value / 1_000_000)}M`;
  if (Math.abs(value) >= 10_000) return `${oneDecimal.format(value / 1_000)}k`;
  return integer.format(value);
}

/** Bytes in decimal megabytes as GitHub and the measurement notes use them: 26193262 → "26.2 MB". */
export function formatMegabytes(bytes: number): string {
  return `${oneDecimal.format(bytes / 1_000_000)} MB`;
}

/** A percentage with one decimal: 98.2 → "98.2%". */
export function formatPercent(value: number): string {
  return `${oneDecimal.format(value)}%`;
}

const longDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

const monthYear = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/**
 * "2018-08-28" → "28 Aug 2018"; "2021-08" → "Aug 2021" (month precision). Accepts a full
 * ISO timestamp too (its calendar date is shown).
 */
export function formatDate(iso: string): string {
  if (/^\d{4}-\d{2}$/.test(iso)) return monthYear.format(new Date(`${iso}-01T00:00:00Z`));
  const day = iso.slice(0, 10);
  return longDate.format(new Date(`${day}T00:00:00Z`));
}

/** The first 7 characters of a commit hash, as git shows it. */
export function shortCommit(commit: string): string {
  return commit.slice(0, 7);
}

/** "1 project" / "3 projects". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatInt(count)} ${count === 1 ? one : many}`;
}
