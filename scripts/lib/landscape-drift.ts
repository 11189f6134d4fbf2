/**
 * Compare catalog entries with CNCF landscape items: which landscape-owned fields (maturity,
 * dates, homepage, repository, landscape category) differ, which entries have no item, and
 * which projects the landscape archived while the catalog has not. Pure: data in, data out.
 */
import type { LandscapeProject } from './landscape.ts';
import { indexByName } from './landscape.ts';
import { MATURITY_DATE_KEYS, type MaturityDates } from '../../src/schemas/project.ts';
import { oneLine } from './markdown-fence.ts';

/** The maturity dates, in the order a project reaches them (and the order they are written). */
export const DATE_KEYS = MATURITY_DATE_KEYS;
export type DateKey = keyof MaturityDates;

/** The frontmatter fields the landscape is the authority for, as key paths. */
export const SYNCED_FIELDS = [
  ['maturity'],
  ...DATE_KEYS.map((key) => ['dates', key]),
  ['homepage'],
  ['repository'],
  ['landscape', 'category'],
  ['landscape', 'subcategory'],
] as const satisfies readonly (readonly string[])[];

/** Fields an entry must keep: when the landscape has no value, the entry is left as it is. */
const REQUIRED = new Set([
  'dates.accepted',
  'homepage',
  'repository',
  'landscape.category',
  'landscape.subcategory',
  'maturity',
]);

/** One catalog entry: its file (for the report) and its parsed frontmatter. */
export interface CatalogEntry {
  file: string;
  data: unknown;
}

export interface FieldChange {
  /** Dotted field name, e.g. `dates.incubating`. */
  field: string;
  /** Key path in the frontmatter. */
  path: readonly string[];
  /** The catalog's value; undefined when the key is missing. */
  old?: string;
  /** The landscape's value (https-normalised); undefined when the landscape has none. */
  new?: string;
  /** The landscape wrote this URL with `http://`; `new` is the `https://` form. */
  normalisedFrom?: string;
}

export interface EntryDrift {
  file: string;
  name: string;
  landscapeName: string;
  /** Fields `--write` updates (set, insert or remove). */
  changes: FieldChange[];
  /** Fields the landscape leaves empty that the entry must keep: reported, never written. */
  warnings: FieldChange[];
}

export interface UrlNormalisation {
  file: string;
  field: string;
  from: string;
  to: string;
}

export interface DriftReport {
  /** Entries compared with an item. */
  checked: number;
  /** Entries with at least one change or warning. */
  drifted: EntryDrift[];
  /** Entries whose `landscapeName` names no CNCF project item. */
  notFound: { file: string; landscapeName: string }[];
  /** Entries the landscape archived while the catalog has not (also among `drifted`). */
  newlyArchived: { file: string; name: string; archived?: string }[];
  /** Landscape URLs written with `http://` that were compared as `https://`. */
  normalised: UrlNormalisation[];
}

/** `http://x` → `https://x`; other values unchanged. */
export function toHttps(url: string): string {
  return url.replace(/^http:\/\//i, 'https://');
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A frontmatter value as text: dates may arrive as `Date` from other YAML parsers. */
function asText(value: unknown): string | undefined {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function get(data: Json, path: readonly string[]): unknown {
  let here: unknown = data;
  for (const key of path) here = isObject(here) ? here[key] : undefined;
  return here;
}

function landscapeValue(project: LandscapeProject, field: string): string | undefined {
  switch (field) {
    case 'maturity':
      return project.maturity;
    case 'homepage':
      return project.homepage;
    case 'repository':
      return project.repository;
    case 'landscape.category':
      return project.category;
    case 'landscape.subcategory':
      return project.subcategory;
    default:
      return project.dates[field.slice('dates.'.length) as DateKey];
  }
}

/** Compares every entry with the landscape item its `landscapeName` names. */
export function compareWithLandscape(entries: CatalogEntry[], projects: LandscapeProject[]): DriftReport {
  const byName = indexByName(projects);
  const report: DriftReport = { checked: 0, drifted: [], notFound: [], newlyArchived: [], normalised: [] };
  for (const entry of entries) {
    const data = isObject(entry.data) ? entry.data : {};
    const landscapeName = asText(data.landscapeName) ?? '';
    const name = asText(data.name) ?? landscapeName;
    const project = byName.get(landscapeName);
    if (!project) {
      report.notFound.push({ file: entry.file, landscapeName });
      continue;
    }
    report.checked++;
    const drift: EntryDrift = { file: entry.file, name, landscapeName, changes: [], warnings: [] };
    for (const path of SYNCED_FIELDS) {
      const field = path.join('.');
      const old = asText(get(data, path));
      const raw = landscapeValue(project, field);
      let value = raw;
      if ((field === 'homepage' || field === 'repository') && raw && raw !== toHttps(raw)) {
        value = toHttps(raw);
        report.normalised.push({ file: entry.file, field, from: raw, to: value });
      }
      if (old === value) continue;
      const change: FieldChange = { field, path, old, new: value };
      if (value !== raw) change.normalisedFrom = raw;
      if (value === undefined && REQUIRED.has(field)) drift.warnings.push(change);
      else drift.changes.push(change);
    }
    if (drift.changes.length > 0 || drift.warnings.length > 0) report.drifted.push(drift);
    if (project.maturity === 'archived' && data.maturity !== 'archived')
      report.newlyArchived.push({ file: entry.file, name, archived: project.dates.archived });
  }
  return report;
}

/** True when nothing needs changing: no field differs and every entry has its item. */
export function isInSync(report: DriftReport): boolean {
  return report.notFound.length === 0 && report.drifted.every((d) => d.changes.length === 0);
}

/** A value for the report: landscape values come from outside, so each stays on its line. */
const show = (value: string | undefined) => (value === undefined ? '(none)' : oneLine(value));
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The drift report as text, one block per entry, `old → new` per field. */
export function formatDriftReport(report: DriftReport, options: { written?: boolean } = {}): string {
  const out: string[] = [];
  for (const entry of report.drifted) {
    out.push(`${entry.file} (${show(entry.name)})`);
    for (const c of entry.changes) {
      const note = c.normalisedFrom ? ` (landscape has ${show(c.normalisedFrom)}; compared as https://)` : '';
      const verb = c.new === undefined ? ' (removed from the landscape)' : c.old === undefined ? ' (added)' : '';
      out.push(`  ${c.field}: ${show(c.old)} → ${show(c.new)}${verb}${note}`);
    }
    for (const w of entry.warnings)
      out.push(
        `  ${w.field}: ${show(w.old)} → (none): the landscape has no value; the entry keeps its own (check by hand)`,
      );
  }
  if (report.notFound.length > 0) {
    if (out.length > 0) out.push('');
    out.push('Entries with no CNCF project item of that name in the landscape:');
    for (const n of report.notFound)
      out.push(
        `  ${n.file}: landscapeName "${show(n.landscapeName)}" (fix the name, or the project left the landscape)`,
      );
  }
  if (report.newlyArchived.length > 0) {
    if (out.length > 0) out.push('');
    out.push('Newly archived (archived in the landscape, not in the catalog):');
    for (const a of report.newlyArchived) out.push(`  ${a.file} (${show(a.name)}): archived ${show(a.archived)}`);
  }
  if (report.normalised.length > 0) {
    if (out.length > 0) out.push('');
    out.push('Landscape URLs written with http://, compared as https:// (the catalog allows only https):');
    for (const n of report.normalised) out.push(`  ${n.file} ${n.field}: ${show(n.from)} → ${show(n.to)}`);
  }
  const changes = report.drifted.reduce((sum, d) => sum + d.changes.length, 0);
  const changed = report.drifted.filter((d) => d.changes.length > 0).length;
  const warnings = report.drifted.reduce((sum, d) => sum + d.warnings.length, 0);
  if (out.length > 0) out.push('');
  if (isInSync(report)) {
    out.push(`In sync: ${plural(report.checked, 'entry', 'entries')} match the landscape.`);
  } else {
    const parts = [];
    if (changes > 0)
      parts.push(
        `${plural(changes, 'field')} ${options.written ? 'updated' : 'differ'} in ${plural(changed, 'entry', 'entries')}`,
      );
    if (report.notFound.length > 0) parts.push(`${plural(report.notFound.length, 'entry', 'entries')} not found`);
    if (report.newlyArchived.length > 0) parts.push(`${report.newlyArchived.length} newly archived`);
    out.push(
      `Drift: ${parts.join('; ')}.${!options.written && changes > 0 ? ' Run with --write to update the entries.' : ''}`,
    );
  }
  if (warnings > 0) out.push(`${plural(warnings, 'field')} the landscape leaves empty kept as they are (see above).`);
  return out.join('\n');
}
