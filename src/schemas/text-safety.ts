/**
 * Characters and hosts no catalog value may hold, shared by every schema (names, adopters,
 * summaries, URLs): they reach HTML, JSON, CSV, RSS and share images as they are.
 */

/** C0 and C1 control characters (NUL and tab included), other than the line feed. */
// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's job
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
/** Bidirectional overrides and isolates: they reorder what a reader sees ("Trojan Source"). */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
/**
 * Zero-width and invisible characters: two names that look the same would differ. Unicode's
 * Default_Ignorable_Code_Point covers the Hangul fillers (U+115F, U+1160, U+3164, U+FFA0), the
 * tag characters (U+E0000–U+E007F) and the variation selectors besides the zero-width spaces;
 * `Ti\u3164KV` was accepted as a second TiKV.
 */
// eslint-disable-next-line no-misleading-character-class -- U+034F (combining grapheme joiner) is listed on its own, to be found
const INVISIBLE = /[\u00ad\u034f\u180e\u200b-\u200d\u2060-\u2064\ufeff]|\p{Default_Ignorable_Code_Point}/u;

/** What is wrong with the characters of `text`, or undefined. */
export function unsafeCharacters(text: string): string | undefined {
  const hex = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  let m = CONTROL.exec(text);
  if (m) return `a control character (${hex(m[0])})`;
  m = BIDI.exec(text);
  if (m) return `a bidirectional override (${hex(m[0])})`;
  m = INVISIBLE.exec(text);
  if (m) return `an invisible character (${hex(m[0])})`;
  return undefined;
}

/**
 * Common homoglyphs of Latin letters, from Cyrillic and Greek (after NFKC). Enough to catch a
 * second "TiKV" written with a Cyrillic "К"; not the whole Unicode confusables table.
 */
const HOMOGLYPHS: Record<string, string> = {
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  ѕ: 's',
  і: 'i',
  ї: 'i',
  ј: 'j',
  ԛ: 'q',
  ԝ: 'w',
  ɡ: 'g',
  ӏ: 'l',
  α: 'a',
  β: 'b',
  ε: 'e',
  η: 'n',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  γ: 'y',
  ω: 'w',
  ϲ: 'c',
  ϳ: 'j',
  ı: 'i',
  ł: 'l',
  ø: 'o',
  '0': 'o',
  '1': 'l',
  '|': 'l',
};

/**
 * The skeleton two names are compared by: NFKC, case folded, homoglyphs mapped to Latin,
 * marks, spaces, punctuation and invisible characters removed. "TiKV", "ТiКV" (Cyrillic),
 * "Ti KV" and "Ti\u3164KV" (a Hangul filler) share one.
 */
export function nameSkeleton(name: string): string {
  return [...name.normalize('NFKC').toLowerCase().normalize('NFD').replace(/\p{M}/gu, '')]
    .map((c) => HOMOGLYPHS[c] ?? c)
    .join('')
    .replace(/[\s\p{P}\p{S}\p{Cf}\p{Default_Ignorable_Code_Point}]/gu, '')
    .replace(/i/g, 'l'); // "I" and "l" look alike in many fonts
}

/** Host names that lead to the machine opening the link or its network, never to a project. */
export function privateHost(hostname: string): boolean {
  const host = hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
  if (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    /\.(local|internal|lan|home|corp|intranet|test|example|invalid)$/.test(host)
  )
    return true;
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host)?.slice(1).map(Number);
  if (v4) {
    const [a, b] = v4;
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127) ||
      a >= 224
    );
  }
  if (host.includes(':')) return true; // IPv6 literals: a project links by name
  return false;
}

/** Longest URL accepted. */
export const MAX_URL_LENGTH = 2048;

/** What is wrong with an https URL beyond its scheme, or undefined. */
export function urlProblem(value: string): string | undefined {
  if (value.length > MAX_URL_LENGTH) return `a URL of ${value.length} characters (expected at most ${MAX_URL_LENGTH})`;
  // eslint-disable-next-line no-control-regex -- finding control characters is this pattern's job
  if (/[\s\u0000-\u001f\u007f]/.test(value))
    return 'white space or a control character in the URL (expected none; encode a space as %20)';
  const chars = unsafeCharacters(value);
  if (chars) return `${chars} in the URL`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'not a URL';
  }
  if (url.username || url.password) return 'a user name or password in the URL (expected none)';
  if (privateHost(url.hostname)) return `the host ${url.hostname} is local or private (expected a public host name)`;
  return undefined;
}
