/**
 * The counter shared by `measure:rust`, `discover` and the yearly history: the language mix
 * of one commit's tree, read from git objects, and the lines of its Rust files.
 *
 *   const result = await countTree({ gitDir, commit: 'HEAD', cache });
 *
 * Every regular file gets a language from GitHub linguist's table (`languages.ts`), then is
 * kept or left out by `.gitattributes` at the commit and the default path rules
 * (`src/data/rules/linguist-rules.ts`). Bytes come from the tree (`ls-tree --long`); only Rust blobs are
 * read, streamed through the line counter (`line-count.ts`). Rust share = Rust bytes / bytes
 * of every *programming* language. A blob of a counted language that the copy lacks (a
 * partial or size-limited clone) is listed by path in `missing`, never skipped in silence.
 */
import { existsSync } from 'node:fs';
import { appendFile, writeFile } from 'node:fs/promises';
import { readBounded } from './bounded.ts';
import {
  BlobReader,
  GitError,
  REGULAR_MODES,
  SUBMODULE_MODE,
  SYMLINK_MODE,
  checkAttributesOf,
  displayPath,
  isPromisor,
  missingObjects,
  parseTree,
  resolveCommit,
} from './git-objects.ts';
import type { TreeEntry } from './git-objects.ts';
import { languageByAlias, languageOf, loadLinguistTable } from './languages.ts';
import type { Language, LanguageTable, LanguageType } from './languages.ts';
import type { LineCounts } from './line-count.ts';
import { rustShare } from './line-count.ts';
import { exclusionOf } from '../../src/data/rules/linguist-rules.ts';
import type { AttributeValues, PathRuleKind } from '../../src/data/rules/linguist-rules.ts';

/**
 * The first line of a cache file: the counts below it follow these line rules. A file
 * written under other rules (or none) is started afresh, never mixed.
 */
export const CACHE_HEADER = '# blob counts: bytes lines codeLines; code lines by the Rust lexer v1';

/**
 * Rust line counts by blob id: a blob's counts never change, so one count serves every
 * commit and every repository that holds it. Kept in memory; with a file, loaded from it and
 * appended to by `save()` (one `oid bytes lines codeLines` line per blob, under
 * `CACHE_HEADER`). The sizes of other blobs are kept in memory only (git answers them fast).
 */
/** Largest blob-count cache read. */
const MAX_CACHE_BYTES = 512 * 1024 * 1024;

export class CountCache {
  readonly #map = new Map<string, LineCounts>();
  readonly #sizes = new Map<string, number>();
  readonly #added: string[] = [];
  readonly file: string | undefined;
  /** The file must be rewritten whole (absent, or written under other rules). */
  #rewrite = true;
  hits = 0;

  constructor(file?: string) {
    this.file = file;
  }

  /** A cache backed by `file` (created on the first save when it does not exist). */
  static async load(file: string): Promise<CountCache> {
    const cache = new CountCache(file);
    // A cache of a few million blobs is about 200 MB; anything larger is not this cache.
    const text = existsSync(file) ? await readBounded(file, MAX_CACHE_BYTES) : '';
    if (!text.startsWith(`${CACHE_HEADER}\n`)) return cache;
    cache.#rewrite = false;
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

  /** A blob's size seen before (any language), or undefined. */
  sizeOf(oid: string): number | undefined {
    return this.#sizes.get(oid);
  }

  setSize(oid: string, size: number): void {
    this.#sizes.set(oid, size);
  }

  /** Writes the counts added since the last save to the file (no-op without a file). */
  async save(): Promise<void> {
    if (!this.file || (this.#added.length === 0 && !this.#rewrite)) return;
    const line = (oid: string) => {
      const c = this.#map.get(oid)!;
      return `${oid} ${c.bytes} ${c.lines} ${c.codeLines}\n`;
    };
    if (this.#rewrite) {
      await writeFile(this.file, `${CACHE_HEADER}\n${[...this.#map.keys()].map(line).join('')}`);
      this.#rewrite = false;
    } else await appendFile(this.file, this.#added.map(line).join(''));
    this.#added.length = 0;
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
  /** Subtree summaries by tree id, shared across calls (history); else one per call. */
  trees?: TreeCache;
  /** A language table (tests); default linguist's. */
  table?: LanguageTable;
  /**
   * Called with every counted Rust file (not left out by a rule), for splits by path. Every
   * file of the commit is then visited: no subtree is answered from a tree cache.
   */
  onRustFile?: (path: string, counts: LineCounts) => void;
}

type Missing = TreeCount['missing'][number];

/** What a subtree contributes to a count: every additive part of `TreeCount`. Never mutated once cached. */
interface Summary {
  rust: RustCounts;
  rustRaw: RustCounts;
  programmingBytes: number;
  languages: Map<string, LanguageBytes>;
  excluded: Map<string, ExcludedGroup>;
  files: number;
  symlinks: number;
  submodules: string[];
  missing: Missing[];
  missingOther: number;
  gitattributes: string[];
}

const emptySummary = (): Summary => ({
  rust: { files: 0, bytes: 0, lines: 0, codeLines: 0 },
  rustRaw: { files: 0, bytes: 0, lines: 0, codeLines: 0 },
  programmingBytes: 0,
  languages: new Map(),
  excluded: new Map(),
  files: 0,
  symlinks: 0,
  submodules: [],
  missing: [],
  missingOther: 0,
  gitattributes: [],
});

function addCounts(to: RustCounts, from: RustCounts): void {
  to.files += from.files;
  to.bytes += from.bytes;
  to.lines += from.lines;
  to.codeLines += from.codeLines;
}

/** Adds a child's summary into a parent's (copying what it shares, so cached summaries stay as they are). */
function merge(to: Summary, from: Summary): void {
  addCounts(to.rust, from.rust);
  addCounts(to.rustRaw, from.rustRaw);
  to.programmingBytes += from.programmingBytes;
  for (const [name, l] of from.languages) {
    const mine = to.languages.get(name);
    if (mine) {
      mine.files += l.files;
      mine.bytes += l.bytes;
    } else to.languages.set(name, { ...l });
  }
  for (const [label, g] of from.excluded) {
    const mine = to.excluded.get(label);
    if (mine) {
      mine.files += g.files;
      mine.bytes += g.bytes;
      mine.rustFiles += g.rustFiles;
    } else to.excluded.set(label, { ...g });
  }
  to.files += from.files;
  to.symlinks += from.symlinks;
  to.missingOther += from.missingOther;
  if (from.submodules.length > 0) to.submodules.push(...from.submodules);
  if (from.missing.length > 0) to.missing.push(...from.missing);
  if (from.gitattributes.length > 0) to.gitattributes.push(...from.gitattributes);
}

/**
 * What one counter remembers of trees: the summary of every subtree it walked, by tree id,
 * path and the `.gitattributes` above it (the three things a subtree's figures depend on),
 * and whether each repository is a partial clone. A history's commits share most of their
 * trees: each is walked once.
 */
export class TreeCache {
  readonly summaries = new Map<string, Summary>();
  readonly promisor = new Map<string, Promise<boolean>>();
  /** Trees read from git, and trees answered from the cache, since creation. */
  walked = 0;
  reused = 0;
}

/** A tree as walked: its own entries, its subtrees, or its cached summary. */
interface Walked {
  key: string;
  cached?: Summary;
  blobs: TreeEntry[];
  symlinks: number;
  submodules: string[];
  children: Walked[];
  /** `.gitattributes` in this tree or above it: its blobs need `git check-attr`. */
  attributed: boolean;
  gitattributes?: TreeEntry;
}

/** `committer Name <email> 1700000000 +0200` → `2023-11-14T23:13:20+02:00` (git's `%cI`). */
export function committerDate(commitText: string): string | undefined {
  const m = /^committer .* (-?\d+) ([+-])(\d\d)(\d\d)$/m.exec(commitText);
  if (!m) return undefined;
  const offset = (m[2] === '-' ? -1 : 1) * (Number(m[3]) * 3600 + Number(m[4]) * 60);
  const local = new Date((Number(m[1]) + offset) * 1000).toISOString().slice(0, 19);
  return `${local}${m[2]}${m[3]}:${m[4]}`;
}

/** Counts one commit's tree. Throws GitError when the repository or the commit cannot be read. */
export async function countTree(options: CountTreeOptions): Promise<TreeCount> {
  const { gitDir } = options;
  const rev = options.commit ?? 'HEAD';
  const trees = options.onRustFile ? new TreeCache() : (options.trees ?? new TreeCache());
  let promisor = trees.promisor.get(gitDir);
  if (!promisor) trees.promisor.set(gitDir, (promisor = isPromisor(gitDir)));
  const reader = options.reader ?? new BlobReader(gitDir);
  try {
    const [table, named] = await Promise.all([
      options.table ?? loadLinguistTable(),
      reader.object(`${rev}^{commit}`).catch(() => null),
    ]);
    const cache = options.cache ?? new CountCache();
    let commitObject = named;
    if (!commitObject?.content) {
      // Not a name the batch protocol takes (a revision with spaces), a bad revision or a bad
      // repository: git itself resolves it or says which.
      const { commit: resolved } = await resolveCommit(gitDir, rev);
      commitObject = await reader.object(resolved);
    }
    const text = commitObject?.content?.toString('utf8') ?? '';
    const tree = /^tree ([0-9a-f]{40,64})$/m.exec(text);
    const commitDate = committerDate(text);
    if (!commitObject || !tree || !commitDate) throw new GitError(`${gitDir}: could not read commit ${rev}`);
    const commit = commitObject.oid;
    // A partial clone: list what it lacks first, since asking git for it would start a fetch.
    const lacking = (await promisor) ? await missingObjects(gitDir, commit) : new Set<string>();
    const oidBytes = commit.length / 2;

    // 1. Walk the trees not seen before (their entries only); a known subtree is not read again.
    const walk = async (oid: string, raw: Buffer, above: string): Promise<Walked> => {
      const key = `${oid}\0${raw.toString('latin1')}\0${above}`;
      const cached = trees.summaries.get(key);
      if (cached) {
        trees.reused++;
        return { key, cached, blobs: [], symlinks: 0, submodules: [], children: [], attributed: false };
      }
      trees.walked++;
      const object = lacking.has(oid) ? null : await reader.object(oid);
      if (!object?.content || object.type !== 'tree')
        throw new GitError(
          `${gitDir}: the copy lacks tree ${oid}${raw.length ? ` (${displayPath(raw)})` : ''} of ${commit}`,
        );
      const node: Walked = { key, blobs: [], symlinks: 0, submodules: [], children: [], attributed: above !== '' };
      const subtrees: TreeEntry[] = [];
      for (const e of parseTree(object.content, raw, oidBytes)) {
        if (e.type === 'tree') subtrees.push(e);
        else if (e.mode === SUBMODULE_MODE) node.submodules.push(e.path);
        else if (e.mode === SYMLINK_MODE) node.symlinks++;
        else if (REGULAR_MODES.has(e.mode)) {
          node.blobs.push(e);
          if (lacking.has(e.oid)) e.size = null;
          if (e.name === '.gitattributes') node.gitattributes = e;
        }
      }
      if (node.gitattributes) node.attributed = true;
      const below = node.gitattributes ? `${above}|${raw.toString('latin1')}:${node.gitattributes.oid}` : above;
      node.children = await Promise.all(subtrees.map((t) => walk(t.oid, t.raw, below)));
      return node;
    };
    const root = await walk(tree[1], Buffer.alloc(0), '');

    // 2. Attributes, from git itself, for the files of walked trees under a `.gitattributes`.
    const walkedNodes: Walked[] = [];
    const collect = (n: Walked): void => {
      if (n.cached) return;
      walkedNodes.push(n);
      n.children.forEach(collect);
    };
    collect(root);
    const asked = walkedNodes.filter((n) => n.attributed).flatMap((n) => n.blobs);
    const attributes = new Map<TreeEntry, AttributeValues>();
    if (asked.length > 0) {
      const files = walkedNodes.flatMap((n) => (n.gitattributes ? [n.gitattributes] : []));
      const values = await checkAttributesOf(
        gitDir,
        files,
        asked.map((b) => b.raw),
      );
      asked.forEach((b, i) => attributes.set(b, values[i]));
    }

    // 3. Summaries, bottom-up: every git request of the walk goes out in one tick.
    const summarize = (node: Walked): Promise<Summary> => {
      if (node.cached) return Promise.resolve(node.cached);
      const s = emptySummary();
      s.files = node.blobs.length;
      s.symlinks = node.symlinks;
      s.submodules.push(...node.submodules);
      if (node.gitattributes) s.gitattributes.push(node.gitattributes.path);
      const work: Promise<void>[] = [];
      for (const blob of node.blobs) {
        const attrs = attributes.get(blob) ?? {};
        const forced = attrs['linguist-language'] ? languageByAlias(attrs['linguist-language'], table) : undefined;
        const language: Language | undefined = forced ?? languageOf(blob.path, table);
        if (!language) {
          if (blob.size === null) s.missingOther++;
          else {
            const known = cache.sizeOf(blob.oid);
            if (known === undefined)
              work.push(
                reader.size(blob.oid).then((size): void => {
                  if (size === null) s.missingOther++;
                  else cache.setSize(blob.oid, size);
                }),
              );
          }
          continue;
        }
        const isRust = language.name === 'Rust';
        const exclusion = exclusionOf(blob.path, attrs);
        const missing = (): void =>
          void s.missing.push({
            path: blob.path,
            language: language.name,
            ...(exclusion ? { leftOut: exclusion.label } : {}),
          });
        if (blob.size === null) {
          missing();
          continue;
        }
        const add = (bytes: number, counts?: LineCounts): void => {
          if (isRust && counts) {
            if (!exclusion) options.onRustFile?.(blob.path, counts);
            for (const target of exclusion ? [s.rustRaw] : [s.rustRaw, s.rust]) {
              target.files++;
              target.bytes += counts.bytes;
              target.lines += counts.lines;
              target.codeLines += counts.codeLines;
            }
          }
          if (exclusion) {
            const group = s.excluded.get(exclusion.label) ?? { ...exclusion, files: 0, bytes: 0, rustFiles: 0 };
            group.files++;
            group.bytes += bytes;
            if (isRust) group.rustFiles++;
            s.excluded.set(exclusion.label, group);
            return;
          }
          const lang = s.languages.get(language.name) ?? {
            name: language.name,
            type: language.type,
            files: 0,
            bytes: 0,
          };
          lang.files++;
          lang.bytes += bytes;
          s.languages.set(language.name, lang);
          if (language.type === 'programming') s.programmingBytes += bytes;
        };
        if (isRust) {
          const hit = cache.get(blob.oid);
          if (hit) add(hit.bytes, hit);
          else
            work.push(
              reader.count(blob.oid).then((counts): void => {
                if (!counts) return missing();
                cache.set(blob.oid, counts);
                add(counts.bytes, counts);
              }),
            );
          continue;
        }
        const known = cache.sizeOf(blob.oid);
        if (known !== undefined) add(known);
        else
          work.push(
            reader.size(blob.oid).then((size): void => {
              if (size === null) return missing();
              cache.setSize(blob.oid, size);
              add(size);
            }),
          );
      }
      const children = node.children.map(summarize);
      return Promise.all([Promise.all(work), Promise.all(children)]).then(([, sums]) => {
        for (const child of sums) merge(s, child);
        trees.summaries.set(node.key, s);
        return s;
      });
    };
    const total = await summarize(root);

    const sortBy =
      <T>(key: (x: T) => string) =>
      (a: T, b: T) =>
        key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
    const result: TreeCount = {
      commit,
      commitDate,
      rust: { ...total.rust },
      rustRaw: { ...total.rustRaw },
      programmingBytes: total.programmingBytes,
      rustShare: rustShare(total.rust.bytes, total.programmingBytes),
      languages: [...total.languages.values()]
        .map((l) => ({ ...l }))
        .sort((a, b) => b.bytes - a.bytes || (a.name < b.name ? -1 : 1)),
      excluded: [...total.excluded.values()].map((g) => ({ ...g })).sort(sortBy((g) => g.label)),
      files: total.files,
      symlinks: total.symlinks,
      submodules: [...total.submodules].sort(),
      missing: [...total.missing].sort(sortBy((m) => m.path)),
      missingOther: total.missingOther,
      gitattributes: [...total.gitattributes].sort(),
    };
    return result;
  } finally {
    if (!options.reader) await reader.close();
  }
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
