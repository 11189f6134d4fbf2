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
import * as table from 'linguist-languages';

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

/**
 * Extensions several linguist languages claim, settled for the code CNCF repositories hold.
 * `null`: not counted (no language), because no single reading is right often enough.
 */
export const AMBIGUOUS_EXTENSIONS: Readonly<Record<string, { language: string | null; why: string }>> = {
  '.rs': { language: 'Rust', why: 'RenderScript (also .rs) was deprecated by Android in 2021' },
  '.h': { language: 'C', why: 'linguist picks C, C++ or Objective-C from the content; the counter does not read C headers' },
  '.inc': { language: null, why: 'claimed by a dozen languages (C++, PHP, Pascal, assembly, SQL …)' },
  '.d': { language: null, why: 'D sources, DTrace scripts and make dependency files share it' },
  '.m': { language: 'Objective-C', why: 'rather than MATLAB, Mercury, Limbo …' },
  '.mm': { language: 'Objective-C++', why: 'rather than XML' },
  '.pl': { language: 'Perl', why: 'rather than Prolog or Raku' },
  '.pm': { language: 'Perl', why: 'rather than Raku or X PixMap' },
  '.t': { language: 'Perl', why: 'Perl test files, rather than Raku, Terra or Turing' },
  '.cs': { language: 'C#', why: 'rather than Smalltalk' },
  '.fs': { language: 'F#', why: 'rather than Forth, GLSL or Filterscript' },
  '.s': { language: 'Unix Assembly', why: 'rather than other assemblers' },
  '.asm': { language: 'Assembly', why: 'rather than Motorola 68K Assembly' },
  '.v': { language: 'Verilog', why: 'rather than V or the Rocq prover' },
  '.r': { language: 'R', why: 'rather than Rebol or Rez' },
  '.ml': { language: 'OCaml', why: 'rather than Standard ML' },
  '.l': { language: 'Lex', why: 'rather than Common Lisp, PicoLisp or Roff' },
  '.cl': { language: 'OpenCL', why: 'rather than Common Lisp or Cool' },
  '.es': { language: 'JavaScript', why: 'rather than Erlang' },
  '.md': { language: 'Markdown', why: 'rather than GCC machine descriptions' },
  '.txt': { language: 'Text', why: 'rather than Adblock filter lists or Vim help' },
  '.tpl': { language: 'Go Template', why: 'Helm chart templates, rather than Smarty' },
  '.sql': { language: 'SQL', why: 'rather than a vendor dialect' },
  '.yml': { language: 'YAML', why: 'rather than OpenAPI or MiniYAML variants' },
  '.yaml': { language: 'YAML', why: 'rather than OpenAPI or MiniYAML variants' },
  '.json': { language: 'JSON', why: 'rather than OpenAPI variants' },
  '.k': { language: 'KCL', why: 'rather than the K framework' },
  '.cue': { language: 'CUE', why: 'rather than cue sheets' },
  '.pro': { language: 'QMake', why: 'rather than IDL, Prolog or ProGuard' },
  '.cfg': { language: 'INI', why: 'rather than HAProxy' },
  '.spec': { language: 'RPM Spec', why: 'rather than Python or Ruby' },
  '.x': { language: 'RPC', why: 'rather than linker scripts, DirectX or Logos' },
  '.mod': { language: null, why: 'Modula-2, AMPL, NMODL, XML and kernel modules share it' },
  '.cgi': { language: null, why: 'any scripting language' },
  '.fcgi': { language: null, why: 'any scripting language' },
};

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
/** The table of the installed `linguist-languages` package (built once). */
export function linguistTable(): LanguageTable {
  linguist ??= buildLanguageTable(Object.values(table) as unknown as LinguistEntry[]);
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
