/** Reading a Content-Security-Policy back, for the tests on pages and budgets. */
/** Parses a policy into directive name → source list (names lower-cased). */
export function parsePolicy(text: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of text.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name && !map.has(name.toLowerCase())) map.set(name.toLowerCase(), sources);
  }
  return map;
}

/** The sources that govern scripts: script-src, or default-src when there is none. */
export function scriptSources(policy: Map<string, string[]>): string[] {
  return policy.get('script-src') ?? policy.get('default-src') ?? [];
}
