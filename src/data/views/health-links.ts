/**
 * Links to a project's health dashboards (CLOMonitor, DevStats, LFX Insights), taken from
 * the `extra` of its item in the catalog's copy of CNCF `landscape.yml`. Pure: parsed YAML
 * in, links out; an item without a field gets no link for it.
 */

export interface HealthLink {
  /** The dashboard's name, e.g. "CLOMonitor". */
  label: string;
  url: string;
  /** What the reader finds there, in a few words. */
  what: string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const SLUG = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** The health fields of one landscape item's `extra`, turned into links in a fixed order. */
export function healthLinks(extra: unknown): HealthLink[] {
  if (!isObject(extra)) return [];
  const links: HealthLink[] = [];
  const clomonitor = text(extra.clomonitor_name);
  if (clomonitor && SLUG.test(clomonitor))
    links.push({ label: 'CLOMonitor', url: `https://clomonitor.io/projects/cncf/${clomonitor}`, what: 'repository best-practice checks' });
  const devstats = text(extra.dev_stats_url);
  if (devstats && /^https:\/\//.test(devstats)) links.push({ label: 'DevStats', url: devstats, what: 'contributor and activity statistics' });
  const lfx = text(extra.lfx_slug);
  if (lfx && SLUG.test(lfx)) links.push({ label: 'LFX Insights', url: `https://insights.linuxfoundation.org/project/${lfx}`, what: 'contributors, releases and health scores' });
  return links;
}

/**
 * Health links of every CNCF project item of a parsed `landscape.yml`, by the item's exact
 * name (the `landscapeName` of an entry); the first item wins when a name repeats.
 */
export function healthLinksByName(doc: unknown): Map<string, HealthLink[]> {
  const byName = new Map<string, HealthLink[]>();
  const categories = isObject(doc) && Array.isArray(doc.landscape) ? doc.landscape : [];
  for (const category of categories) {
    const subcategories = isObject(category) && Array.isArray(category.subcategories) ? category.subcategories : [];
    for (const sub of subcategories) {
      const items = isObject(sub) && Array.isArray(sub.items) ? sub.items : [];
      for (const item of items) {
        if (!isObject(item) || typeof item.name !== 'string' || typeof item.project !== 'string') continue;
        if (!byName.has(item.name)) byName.set(item.name, healthLinks(item.extra));
      }
    }
  }
  return byName;
}
