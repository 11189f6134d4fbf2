/**
 * Which language a file is, from GitHub linguist's language table (the npm package
 * `linguist-languages`): by exact file name first, then by extension (longest first, matched
 * without regard to case, as linguist does). Pure apart from loading the table once.
 *
 * Linguist settles an extension that several languages claim with heuristics that read the
 * file. The counter reads only Rust files, so it settles them by the table below
 * (`AMBIGUOUS_EXTENSIONS`), and otherwise by a fixed rule: the languages whose first
 * (primary) extension it is, then programming before markup, data and prose, then by name.
 * Interpreter lines (`#!/usr/bin/env python`) are not read: a file without a known name or
 * extension has no language.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AMBIGUOUS_EXTENSIONS } from '../../src/data/rules/linguist-rules.ts';

export { AMBIGUOUS_EXTENSIONS };

export type LanguageType = 'programming' | 'markup' | 'data' | 'prose';

export interface Language {
  name: string;
  type: LanguageType;
}

interface LinguistEntry {
  name: string;
  type: LanguageType;
  extensions?: readonly string[];
  filenames?: readonly string[];
  aliases?: readonly string[];
}

const TYPE_ORDER: Record<LanguageType, number> = { programming: 0, markup: 1, data: 2, prose: 3 };

export interface LanguageTable {
  byFilename: Map<string, Language>;
  byExtension: Map<string, Language>;
  /** Lower-cased names and aliases (linguist-language=… values). */
  byAlias: Map<string, Language>;
  /** Extensions more than one language claims, with the language chosen (null: none). */
  ambiguous: Map<string, { chosen: string | null; candidates: string[] }>;
}

/** Builds the lookup maps from linguist's entries (exported for tests with small tables). */
export function buildLanguageTable(entries: readonly LinguistEntry[]): LanguageTable {
  const byFilename = new Map<string, Language>();
  const byExtension = new Map<string, Language>();
  const byAlias = new Map<string, Language>();
  const ambiguous = new Map<string, { chosen: string | null; candidates: string[] }>();
  const claims = new Map<string, { lang: Language; primary: boolean }[]>();
  const sorted = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of sorted) {
    const lang: Language = { name: entry.name, type: entry.type };
    for (const name of entry.filenames ?? []) if (!byFilename.has(name)) byFilename.set(name, lang);
    (entry.extensions ?? []).forEach((ext, i) => {
      const key = ext.toLowerCase();
      const list = claims.get(key) ?? [];
      if (!list.some((c) => c.lang.name === lang.name)) list.push({ lang, primary: i === 0 });
      claims.set(key, list);
    });
    for (const alias of [entry.name, entry.name.replaceAll(' ', '-'), ...(entry.aliases ?? [])]) {
      const key = alias.toLowerCase();
      if (!byAlias.has(key)) byAlias.set(key, lang);
    }
  }
  const byName = new Map(sorted.map((e) => [e.name, { name: e.name, type: e.type } as Language]));
  for (const [ext, list] of claims) {
    if (list.length === 1) {
      byExtension.set(ext, list[0].lang);
      continue;
    }
    const fixed = Object.hasOwn(AMBIGUOUS_EXTENSIONS, ext) ? AMBIGUOUS_EXTENSIONS[ext] : undefined;
    let chosen: Language | null;
    if (fixed) chosen = fixed.language === null ? null : (byName.get(fixed.language) ?? null);
    else {
      const ranked = [...list].sort(
        (a, b) =>
          Number(b.primary) - Number(a.primary) ||
          TYPE_ORDER[a.lang.type] - TYPE_ORDER[b.lang.type] ||
          (a.lang.name < b.lang.name ? -1 : a.lang.name > b.lang.name ? 1 : 0),
      );
      chosen = ranked[0].lang;
    }
    if (chosen) byExtension.set(ext, chosen);
    ambiguous.set(ext, { chosen: chosen?.name ?? null, candidates: list.map((c) => c.lang.name) });
  }
  return { byFilename, byExtension, byAlias, ambiguous };
}

let linguist: LanguageTable | undefined;

/**
 * Loads linguist's table once per process. The package is 833 small modules (about 0.4 s of
 * CPU to import), so the fields the counter uses are kept in one JSON file per package
 * version under node_modules/.cache/ and read from there on later runs.
 */
export async function loadLinguistTable(): Promise<LanguageTable> {
  if (linguist) return linguist;
  const index = fileURLToPath(import.meta.resolve('linguist-languages'));
  const pkgDir = path.dirname(index);
  const { version } = JSON.parse(await readFile(path.join(pkgDir, 'package.json'), 'utf8')) as { version: string };
  const cacheFile = path.join(pkgDir, '..', '.cache', `linguist-languages-${version}-v1.json`);
  let entries: LinguistEntry[] | undefined;
  try {
    entries = JSON.parse(await readFile(cacheFile, 'utf8')) as LinguistEntry[];
  } catch {
    const table = (await import('linguist-languages')) as Record<string, LinguistEntry>;
    entries = Object.values(table)
      .filter((l) => typeof l === 'object' && l !== null && typeof l.name === 'string')
      .map(({ name, type, extensions, filenames, aliases }) => ({ name, type, extensions, filenames, aliases }));
    try {
      await mkdir(path.dirname(cacheFile), { recursive: true });
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      await writeFile(tmp, JSON.stringify(entries));
      await rename(tmp, cacheFile);
    } catch {
      /* a read-only node_modules: import again next time */
    }
  }
  linguist = buildLanguageTable(entries);
  return linguist;
}

/** The table loaded by `loadLinguistTable()` (call that first). */
export function linguistTable(): LanguageTable {
  if (!linguist) throw new Error('linguist table not loaded: await loadLinguistTable() first');
  return linguist;
}

/** The language of a repository path (`/`-separated) by its name, or undefined. */
export function languageOf(path: string, t: LanguageTable = linguistTable()): Language | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const exact = t.byFilename.get(name);
  if (exact) return exact;
  const lower = name.toLowerCase();
  // Every suffix starting at a dot, longest first (`.d.ts` before `.ts`); a leading dot is
  // part of the name (`.rs` alone is a dot file, not a Rust file).
  for (let dot = lower.indexOf('.', 1); dot !== -1; dot = lower.indexOf('.', dot + 1)) {
    const lang = t.byExtension.get(lower.slice(dot));
    if (lang) return lang;
  }
  return undefined;
}

/** The language a `linguist-language=<value>` attribute names (name or alias, any case). */
export function languageByAlias(value: string, t: LanguageTable = linguistTable()): Language | undefined {
  return t.byAlias.get(value.toLowerCase()) ?? t.byAlias.get(value.toLowerCase().replaceAll('-', ' '));
}
