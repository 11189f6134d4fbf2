/**
 * The counter shared by `measure:rust`, `discover` and the yearly history: the language mix
 * of one commit's tree, read from git objects, and the lines of its Rust files.
 *
 *   const result = await countTree({ gitDir, commit: 'HEAD', cache });
 *
 * Every regular file gets a language from GitHub linguist's table (`languages.ts`), then is
 * kept or left out by `.gitattributes` at the commit and the default path rules
 * (`src/data/linguist-rules.ts`). Bytes come from the tree (`ls-tree --long`); only Rust blobs are
 * read, streamed through the line counter (`line-count.ts`). Rust share = Rust bytes / bytes
 * of every *programming* language. A blob of a counted language that the copy lacks (a
 * partial or size-limited clone) is listed by path in `missing`, never skipped in silence.
 */
import { appendFile, readFile } from 'node:fs/promises';
import {
  BlobReader,
  REGULAR_MODES,
  SUBMODULE_MODE,
  SYMLINK_MODE,
  checkAttributes,
  isPromisor,
  listTree,
  missingObjects,
  resolveCommit,
} from './git-objects.ts';
import type { TreeEntry } from './git-objects.ts';
import { languageByAlias, languageOf, loadLinguistTable } from './languages.ts';
import type { Language, LanguageTable, LanguageType } from './languages.ts';
import type { LineCounts } from './line-count.ts';
import { rustShare } from './line-count.ts';
import { exclusionOf } from '../../src/data/linguist-rules.ts';
import type { AttributeValues, PathRuleKind } from '../../src/data/linguist-rules.ts';

/**
 * Rust line counts by blob id: a blob's counts never change, so one count serves every
 * commit and every repository that holds it. Kept in memory; with a file, loaded from it and
 * appended to by `save()` (one `oid bytes lines codeLines` line per blob).
 */
export class CountCache {
  readonly #map = new Map<string, LineCounts>();
  readonly #added: string[] = [];
  readonly file: string | undefined;
  hits = 0;

  constructor(file?: string) {
    this.file = file;
  }

  /** A cache backed by `file` (created on the first save when it does not exist). */
  static async load(file: string): Promise<CountCache> {
    const cache = new CountCache(file);
    let text = '';
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    for (const line of text.split('\n')) {
      const m = /^([0-9a-f]{40,64}) (\d+) (\d+) (\d+)$/.exec(line);
      if (m) cache.#map.set(m[1], { bytes: Number(m[2]), lines: Number(m[3]), codeLines: Number(m[4]) });
    }
    return cache;
  }

  get size(): number {
    return this.#map.size;
  }

  get(oid: string): LineCounts | undefined {
    const hit = this.#map.get(oid);
    if (hit) this.hits++;
    return hit;
  }

  set(oid: string, counts: LineCounts): void {
    if (this.#map.has(oid)) return;
    this.#map.set(oid, counts);
    this.#added.push(oid);
  }

  /** Appends the counts added since the last save to the file (no-op without a file). */
  async save(): Promise<void> {
    if (!this.file || this.#added.length === 0) return;
    const lines = this.#added.map((oid) => {
      const c = this.#map.get(oid)!;
      return `${oid} ${c.bytes} ${c.lines} ${c.codeLines}\n`;
    });
    this.#added.length = 0;
    await appendFile(this.file, lines.join(''));
  }
}

export interface RustCounts {
  files: number;
  bytes: number;
  lines: number;
  codeLines: number;
}

export interface LanguageBytes {
  name: string;
  type: LanguageType;
  files: number;
  bytes: number;
}

export interface ExcludedGroup {
  kind: PathRuleKind;
  /** The rule: `vendor/`, `top-level docs/`, `.gitattributes linguist-generated`, … */
  label: string;
  files: number;
  bytes: number;
  /** Rust files among them. */
  rustFiles: number;
}

export interface TreeCount {
  commit: string;
  /** Committer date of the commit. */
  commitDate: string;
  /** Counted Rust files (after exclusions). */
  rust: RustCounts;
  /** Every Rust file, exclusions ignored. */
  rustRaw: RustCounts;
  /** Bytes of every counted file of a programming language: the share's denominator. */
  programmingBytes: number;
  /** rust.bytes / programmingBytes × 100, one decimal. */
  rustShare: number;
  /** Every counted language (all linguist types), most bytes first. */
  languages: LanguageBytes[];
  /** Files of a known language left out, by rule. */
  excluded: ExcludedGroup[];
  /** Regular files in the tree. */
  files: number;
  /** Symbolic links (mode 120000): not followed. */
  symlinks: number;
  /** Submodules (mode 160000): their content is another repository; not counted. */
  submodules: string[];
  /**
   * Files of a known language whose blob the copy lacks: not counted, listed here;
   * `leftOut` names the rule when the file would have been left out anyway.
   */
  missing: { path: string; language: string; leftOut?: string }[];
  /** Missing blobs of files the counter did not need (no known language). */
  missingOther: number;
  /** The `.gitattributes` files at the commit. */
  gitattributes: string[];
}

export interface CountTreeOptions {
  /** A bare repository or a checkout's git directory (see `openRepository`). */
  gitDir: string;
  /** A revision (default HEAD). */
  commit?: string;
  /** Rust counts by blob id, shared across calls. */
  cache?: CountCache;
  /** A blob reader for this repository, kept open across calls (history); else one per call. */
  reader?: BlobReader;
  /** A language table (tests); default linguist's. */
  table?: LanguageTable;
  /** Called with every counted Rust file (not left out by a rule), for splits by path. */
  onRustFile?: (path: string, counts: LineCounts) => void;
}

const isGitattributes = (p: string) => p === '.gitattributes' || p.endsWith('/.gitattributes');

/** Counts one commit's tree. Throws GitError when the repository or the commit cannot be read. */
export async function countTree(options: CountTreeOptions): Promise<TreeCount> {
  const { gitDir } = options;
  const table = options.table ?? (await loadLinguistTable());
  const cache = options.cache ?? new CountCache();
  const { commit, commitDate } = await resolveCommit(gitDir, options.commit ?? 'HEAD');
  // A partial clone: list what it lacks first, since asking git for it would start a fetch.
  const lacking = (await isPromisor(gitDir)) ? await missingObjects(gitDir, commit) : new Set<string>();
  const entries = await listTree(gitDir, commit, lacking.size === 0);

  const result: TreeCount = {
    commit,
    commitDate,
    rust: { files: 0, bytes: 0, lines: 0, codeLines: 0 },
    rustRaw: { files: 0, bytes: 0, lines: 0, codeLines: 0 },
    programmingBytes: 0,
    rustShare: 0,
    languages: [],
    excluded: [],
    files: 0,
    symlinks: 0,
    submodules: [],
    missing: [],
    missingOther: 0,
    gitattributes: [],
  };

  const blobs: TreeEntry[] = [];
  for (const e of entries) {
    if (e.mode === SUBMODULE_MODE) result.submodules.push(e.path);
    else if (e.mode === SYMLINK_MODE) result.symlinks++;
    else if (REGULAR_MODES.has(e.mode) && e.type === 'blob') {
      blobs.push(e);
      if (lacking.has(e.oid)) e.size = null;
      if (isGitattributes(e.path)) result.gitattributes.push(e.path);
    }
  }
  result.files = blobs.length;
  const attributes: AttributeValues[] =
    result.gitattributes.length > 0
      ? await checkAttributes(
          gitDir,
          commit,
          blobs.map((b) => b.raw),
        )
      : [];

  const reader = options.reader ?? new BlobReader(gitDir);
  const languages = new Map<string, LanguageBytes>();
  const excluded = new Map<string, ExcludedGroup>();
  const work: Promise<void>[] = [];
  try {
    blobs.forEach((blob, i) => {
      const attrs = attributes[i] ?? {};
      const forced = attrs['linguist-language'] ? languageByAlias(attrs['linguist-language'], table) : undefined;
      const language: Language | undefined = forced ?? languageOf(blob.path, table);
      if (!language) {
        if (blob.size === null) result.missingOther++;
        return;
      }
      const isRust = language.name === 'Rust';
      const exclusion = exclusionOf(blob.path, attrs);
      const missing = (): void =>
        void result.missing.push({
          path: blob.path,
          language: language.name,
          ...(exclusion ? { leftOut: exclusion.label } : {}),
        });
      if (blob.size === null) return missing();
      const add = (bytes: number, counts?: LineCounts): void => {
        if (isRust && counts) {
          if (!exclusion) options.onRustFile?.(blob.path, counts);
          for (const target of exclusion ? [result.rustRaw] : [result.rustRaw, result.rust]) {
            target.files++;
            target.bytes += counts.bytes;
            target.lines += counts.lines;
            target.codeLines += counts.codeLines;
          }
        }
        if (exclusion) {
          const group = excluded.get(exclusion.label) ?? { ...exclusion, files: 0, bytes: 0, rustFiles: 0 };
          group.files++;
          group.bytes += bytes;
          if (isRust) group.rustFiles++;
          excluded.set(exclusion.label, group);
          return;
        }
        const lang = languages.get(language.name) ?? { name: language.name, type: language.type, files: 0, bytes: 0 };
        lang.files++;
        lang.bytes += bytes;
        languages.set(language.name, lang);
        if (language.type === 'programming') result.programmingBytes += bytes;
      };
      if (isRust) {
        const hit = cache.get(blob.oid);
        if (hit) return add(hit.bytes, hit);
        work.push(
          reader.count(blob.oid).then((counts): void => {
            if (!counts) return missing();
            cache.set(blob.oid, counts);
            add(counts.bytes, counts);
          }),
        );
      } else if (typeof blob.size === 'number') add(blob.size);
      else work.push(reader.size(blob.oid).then((size): void => (size === null ? missing() : add(size))));
    });
    await Promise.all(work);
  } finally {
    if (!options.reader) await reader.close();
  }

  result.languages = [...languages.values()].sort((a, b) => b.bytes - a.bytes || (a.name < b.name ? -1 : 1));
  result.excluded = [...excluded.values()].sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  result.submodules.sort();
  result.missing.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  result.rustShare = rustShare(result.rust.bytes, result.programmingBytes);
  return result;
}

/** The programming languages of a count, most bytes first, with their share (one decimal). */
export function programmingMix(
  count: Pick<TreeCount, 'languages' | 'programmingBytes'>,
  top = Infinity,
): { name: string; bytes: number; share: number }[] {
  return count.languages
    .filter((l) => l.type === 'programming')
    .slice(0, top)
    .map((l) => ({ name: l.name, bytes: l.bytes, share: rustShare(l.bytes, count.programmingBytes) }));
}
