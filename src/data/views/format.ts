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

/** A percentage with one decimal: 98.2 → "98.2%". */
export function formatPercent(value: number): string {
  return `${oneDecimal.format(value)}%`;
}

/** Three-letter month names, fixed here rather than by the ICU data of the machine ("Sept" in en-GB). */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * "2018-08-28" → "28 Aug 2018"; "2021-08" → "Aug 2021" (month precision). Accepts a full
 * ISO timestamp too (its calendar date, as written, is shown).
 */
export function formatDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(iso);
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined;
  if (!match || !month || (match[3] !== undefined && (Number(match[3]) < 1 || Number(match[3]) > 31))) throw new RangeError(`expected an ISO date (YYYY-MM-DD or YYYY-MM), got "${iso}"`);
  return match[3] === undefined ? `${month} ${match[1]}` : `${Number(match[3])} ${month} ${match[1]}`;
}

/** The first 7 characters of a commit hash, as git shows it. */
export function shortCommit(commit: string): string {
  return commit.slice(0, 7);
}

/** "1 project" / "3 projects". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatInt(count)} ${count === 1 ? one : many}`;
}

/** The phrase with its first letter capitalised, to open a sentence: "no project" → "No project". */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
