/**
 * RustSec advisories read and matched against locked packages. Pure: the git side is in
 * `database.ts`.
 *
 * An advisory file opens with a fenced TOML block (`[advisory]`, `[versions]`, optional
 * `[affected]`) followed by Markdown whose first heading is the title. Its `patched` and
 * `unaffected` lists hold Cargo version requirements; a version is affected when it meets
 * none of them (the database's own rule). The requirements are read with npm's `semver`
 * after turning Cargo's syntax into npm's: a comma joins comparators (npm uses a space) and a
 * bare version means `^version` (npm reads it as `=version`). Pre-releases are compared by
 * their place in semver order (`includePrerelease`), so `1.0.0-rc.1` meets `>= 0.9` as
 * RustSec's OSV export ranges say, instead of meeting nothing and so counting as affected.
 */
import semver from 'semver';
import type { Advisory, AdvisoryKind, AdvisoryMatch } from '../../../src/schemas/advisories.ts';
import type { LockedPackage } from '../../../src/schemas/crates.ts';
import { ManifestError, parseToml, type Table } from '../crates/manifest.ts';

/** An advisory as read from its file, before withdrawn ones are left out. */
export interface ParsedAdvisory extends Advisory {
  id: string;
  /** The day it was withdrawn, when it was. */
  withdrawn?: string;
}

export class AdvisoryError extends Error {}

const RANGE_OPTIONS = { includePrerelease: true } as const;

const isTable = (value: unknown): value is Table =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

/** A Cargo comparator without an operator is a caret requirement; `==` is not Cargo's. */
function npmComparator(comparator: string, requirement: string): string {
  const m = /^(>=|<=|>|<|=|\^|~)?\s*(\S+)$/.exec(comparator);
  if (!m) throw new AdvisoryError(`"${requirement}" is not a Cargo version requirement`);
  const [, op, version] = m;
  if (version === '*') return '*';
  return `${op ?? '^'}${version}`;
}

/**
 * A Cargo version requirement (`>= 1.2.3, < 1.3`, `^0.7.1`, `0.54.2`, `= 0.2.0`, `< 0.12`,
 * `> 0`, `1.*`) as an npm semver range; throws on anything Cargo would not accept.
 */
export function cargoRange(requirement: string): semver.Range {
  let range = ranges.get(requirement);
  if (!range) ranges.set(requirement, (range = readCargoRange(requirement)));
  return range;
}

/** Requirements already read: the same few hundred recur across thousands of locked packages. */
const ranges = new Map<string, semver.Range>();

function readCargoRange(requirement: string): semver.Range {
  const comparators = requirement.split(',').map((c) => c.trim());
  if (comparators.some((c) => c === '')) throw new AdvisoryError(`"${requirement}" has an empty comparator`);
  const npm = comparators.map((c) => npmComparator(c, requirement)).join(' ');
  try {
    return new semver.Range(npm, RANGE_OPTIONS);
  } catch {
    throw new AdvisoryError(`"${requirement}" is not a Cargo version requirement`);
  }
}

/** Whether a locked version is one the advisory affects: it meets no `patched` and no `unaffected` requirement. */
export function isAffected(version: string, versions: Pick<Advisory, 'patched' | 'unaffected'>): boolean {
  const parsed = semver.parse(version);
  if (!parsed) throw new AdvisoryError(`locked version "${version}" is not a semantic version`);
  const meets = (requirement: string) => cargoRange(requirement).test(parsed);
  return !versions.patched.some(meets) && !(versions.unaffected ?? []).some(meets);
}

const INFORMATIONAL: Record<string, AdvisoryKind> = {
  unsound: 'unsound',
  unmaintained: 'unmaintained',
  notice: 'notice',
};

function stringList(table: Table, key: string, file: string): string[] | undefined {
  const value = table[key];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
    throw new AdvisoryError(`${file}: expected ${key} to be a list of strings`);
  return value as string[];
}

function dateOf(value: unknown, key: string, file: string): string {
  // TOML may give a bare date (a Date for smol-toml) or a quoted one.
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : value;
  if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(text))
    throw new AdvisoryError(`${file}: expected advisory.${key} as YYYY-MM-DD, got ${JSON.stringify(value)}`);
  return text;
}

/** One advisory file: its TOML front matter and the title of its Markdown. */
export function parseAdvisory(file: string, text: string): ParsedAdvisory {
  const body = text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  const fence = /^```toml\n([\s\S]*?)\n```[ \t]*(?:\n|$)/.exec(body);
  if (!fence) throw new AdvisoryError(`${file}: does not open with a \`\`\`toml block`);
  let toml: Table;
  try {
    toml = parseToml(file, fence[1]);
  } catch (error) {
    throw new AdvisoryError((error as ManifestError).message);
  }
  const advisory = toml.advisory;
  if (!isTable(advisory)) throw new AdvisoryError(`${file}: no [advisory] table`);
  const { id, package: pkg, informational } = advisory;
  if (typeof id !== 'string' || !/^RUSTSEC-\d{4}-\d{4,}$/.test(id))
    throw new AdvisoryError(`${file}: expected advisory.id as RUSTSEC-YYYY-NNNN, got ${JSON.stringify(id)}`);
  if (typeof pkg !== 'string' || pkg === '') throw new AdvisoryError(`${file}: advisory.package is missing`);
  let kind: AdvisoryKind = 'vulnerability';
  if (informational !== undefined) {
    const known = typeof informational === 'string' ? INFORMATIONAL[informational.trim()] : undefined;
    if (!known)
      throw new AdvisoryError(
        `${file}: advisory.informational should be unsound, unmaintained or notice, got ${JSON.stringify(informational)}`,
      );
    kind = known;
  }
  const versions = toml.versions;
  if (!isTable(versions)) throw new AdvisoryError(`${file}: no [versions] table`);
  const patched = stringList(versions, 'patched', file);
  if (!patched) throw new AdvisoryError(`${file}: versions.patched is missing (write [] when there is no fix)`);
  const unaffected = stringList(versions, 'unaffected', file);
  for (const requirement of [...patched, ...(unaffected ?? [])])
    try {
      cargoRange(requirement);
    } catch (error) {
      throw new AdvisoryError(`${file}: ${(error as Error).message}`);
    }
  const affected = toml.affected;
  if (affected !== undefined && !isTable(affected))
    throw new AdvisoryError(`${file}: expected [affected] to be a table`);
  const os = affected && stringList(affected, 'os', file);
  const arch = affected && stringList(affected, 'arch', file);
  const functions = affected && isTable(affected.functions) ? Object.keys(affected.functions).length : undefined;
  const aliases = stringList(advisory, 'aliases', file);
  const after = body.slice(fence[0].length);
  const title = /^#[ \t]+(.+?)[ \t#]*$/m.exec(after)?.[1].trim();
  if (!title) throw new AdvisoryError(`${file}: no "# title" line after the TOML block`);
  return {
    id,
    package: pkg,
    date: dateOf(advisory.date, 'date', file),
    kind,
    title,
    ...(aliases?.length ? { aliases } : {}),
    patched,
    ...(unaffected?.length ? { unaffected } : {}),
    ...(os?.length ? { os } : {}),
    ...(arch?.length ? { arch } : {}),
    ...(functions ? { functions } : {}),
    ...(advisory.withdrawn !== undefined ? { withdrawn: dateOf(advisory.withdrawn, 'withdrawn', file) } : {}),
  };
}

/**
 * The advisories a repository's locked packages resolve to: only packages from the
 * crates.io registry (an advisory names a crates.io crate; a git or other-registry package
 * of the same name is another crate), and never a withdrawn advisory. Each (advisory,
 * version) once, sorted by advisory id, then version.
 */
export function matchAdvisories(
  advisories: readonly ParsedAdvisory[],
  locked: readonly LockedPackage[],
): AdvisoryMatch[] {
  const byCrate = new Map<string, ParsedAdvisory[]>();
  for (const a of advisories) if (!a.withdrawn) byCrate.set(a.package, [...(byCrate.get(a.package) ?? []), a]);
  const found = new Map<string, AdvisoryMatch>();
  for (const p of locked) {
    if (p.source !== 'registry' || p.registry !== undefined) continue;
    for (const a of byCrate.get(p.name) ?? [])
      if (isAffected(p.version, a))
        found.set(`${a.id}\0${p.version}`, { advisory: a.id, crate: p.name, version: p.version });
  }
  const collator = new Intl.Collator('en', { numeric: true });
  return [...found.values()].sort((a, b) =>
    a.advisory < b.advisory ? -1 : a.advisory > b.advisory ? 1 : collator.compare(a.version, b.version),
  );
}
