/**
 * The one place `npm run history` meets the shared counter (`countTree` of
 * scripts/lib/tree-count.ts, the counter of `measure:rust` and `discover`): counts the tree of
 * a commit and returns the figures a history point records. Blob counts are kept by object id
 * in one `CountCache` for every commit and repository, and in a file across runs; subtree
 * figures by tree id in one `TreeCache`, so a tree unchanged between two points is walked once.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { BlobReader } from '../git-objects.ts';
import { CountCache, TreeCache, countTree } from '../tree-count.ts';

/** What one history point records of a tree. */
export interface TreeFigures {
  files: number;
  bytes: number;
  lines: number;
  codeLines: number;
  rustShare: number;
}

export interface TreeCounter {
  count(gitDir: string, commit: string): Promise<TreeFigures>;
  /** Rust blobs read from git so far (the others came from the cache). */
  readonly blobsRead: number;
  /** Trees read from git so far (the others' figures came from the cache). */
  readonly treesWalked: number;
  /** Writes the new counts to the cache file (when there is one) and stops the blob readers. */
  flush(): Promise<void>;
  /**
   * Facts of a commit that never change (its first-parent log, its first Rust commit), kept for
   * the counter's life so that counting a history again asks git nothing it already answered.
   */
  remember<T>(key: string, find: () => Promise<T>): Promise<T>;
  /** Called when a copy lacks blobs of other languages (their bytes are left out of the share). */
  onIncomplete?: (message: string) => void;
}

export class IncompleteCopyError extends Error {}

/** A counter over one blob cache; with `cacheFile`, loaded from it and saved by `flush()`. */
export async function createTreeCounter(options: { cacheFile?: string } = {}): Promise<TreeCounter> {
  if (options.cacheFile) await mkdir(path.dirname(options.cacheFile), { recursive: true });
  const cache = options.cacheFile ? await CountCache.load(options.cacheFile) : new CountCache();
  const loaded = cache.size;
  const readers = new Map<string, BlobReader>();
  const trees = new TreeCache();
  const facts = new Map<string, Promise<unknown>>();
  const counter: TreeCounter = {
    remember<T>(key: string, find: () => Promise<T>): Promise<T> {
      let fact = facts.get(key) as Promise<T> | undefined;
      if (!fact) {
        fact = find();
        facts.set(key, fact);
        fact.catch(() => facts.delete(key));
      }
      return fact;
    },
    get blobsRead() {
      return cache.size - loaded;
    },
    get treesWalked() {
      return trees.walked;
    },
    async flush() {
      await Promise.all([...readers.values()].map((r) => r.close()));
      readers.clear();
      await cache.save();
    },
    async count(gitDir, commit) {
      let reader = readers.get(gitDir);
      if (!reader) readers.set(gitDir, (reader = new BlobReader(gitDir)));
      const result = await countTree({ gitDir, commit, cache, reader, trees });
      const list = (m: { path: string }[]) =>
        `${m
          .slice(0, 3)
          .map((x) => x.path)
          .join(', ')}${m.length > 3 ? ', …' : ''}`;
      // Rust figures must be whole; a missing blob of another language only touches the share,
      // as in measure:rust (snapshots here lack files of 4 MiB and more).
      const rust = result.missing.filter((m) => m.language === 'Rust');
      if (rust.length > 0)
        throw new IncompleteCopyError(
          `the copy in ${gitDir} lacks ${rust.length} Rust blob(s) at ${commit}: ${list(rust)}`,
        );
      if (result.missing.length > 0)
        counter.onIncomplete?.(
          `${gitDir} at ${commit.slice(0, 7)} lacks ${result.missing.length} blob(s) of other languages, left out of the share: ${list(result.missing)}`,
        );
      return { ...result.rust, rustShare: result.rustShare };
    },
  };
  return counter;
}
