/**
 * The one place `npm run history` meets the shared counter: counts the tree of a commit and
 * returns the figures a history point records.
 *
 * PROVISIONAL: until the shared git-blob counter lands (issue 9), this reads the tree with
 * `git ls-tree` and the `.rs` blobs with `git cat-file --batch`, applying the rules of
 * src/lib/rust-count.ts, and caches each blob's counts by object id in memory.
 */
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { LineCounter, exclusionOf, rustShare, sourceKindOf, type LineCounts } from '../../../src/lib/rust-count.ts';

const run = promisify(execFile);

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
  /** Blobs read from git so far (the rest came from the cache). */
  readonly blobsRead: number;
  /** Writes the on-disk cache, when there is one. */
  flush(): Promise<void>;
}

interface Blob {
  oid: string;
  size: number;
  path: string;
}

async function lsTree(gitDir: string, commit: string): Promise<Blob[]> {
  const { stdout } = await run('git', [`--git-dir=${gitDir}`, 'ls-tree', '-r', '-l', '-z', '--full-tree', commit], { maxBuffer: 512 * 1024 * 1024 });
  const blobs: Blob[] = [];
  for (const record of stdout.split('\0')) {
    const match = /^(\d{6}) blob ([0-9a-f]+) +(\d+)\t(.+)$/s.exec(record);
    if (match && (match[1] === '100644' || match[1] === '100755')) blobs.push({ oid: match[2], size: Number(match[3]), path: match[4] });
  }
  return blobs;
}

/** Reads blobs through one `git cat-file --batch` process and counts each. */
async function countBlobs(gitDir: string, oids: string[]): Promise<Map<string, LineCounts>> {
  const counts = new Map<string, LineCounts>();
  if (oids.length === 0) return counts;
  const child = spawn('git', [`--git-dir=${gitDir}`, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdin.end(oids.join('\n') + '\n');
  let pending = Buffer.alloc(0);
  let index = 0;
  let remaining = -1; // bytes of the current blob still to read; -1 while reading a header
  let counter = new LineCounter();
  for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    while (pending.length > 0) {
      if (remaining < 0) {
        const nl = pending.indexOf(0x0a);
        if (nl === -1) break;
        const header = pending.toString('utf8', 0, nl);
        const size = /^[0-9a-f]+ blob (\d+)$/.exec(header);
        if (!size) throw new Error(`git cat-file: unexpected header ${JSON.stringify(header)} for ${oids[index]} in ${gitDir}`);
        remaining = Number(size[1]);
        counter = new LineCounter();
        pending = pending.subarray(nl + 1);
      } else if (remaining > 0) {
        const take = Math.min(remaining, pending.length);
        counter.push(pending.subarray(0, take));
        remaining -= take;
        pending = pending.subarray(take);
      } else {
        if (pending[0] !== 0x0a) throw new Error(`git cat-file: expected a newline after blob ${oids[index]}`);
        counts.set(oids[index++], counter.result());
        remaining = -1;
        pending = pending.subarray(1);
      }
    }
  }
  if (remaining === 0 && pending.length === 0 && index === oids.length - 1) counts.set(oids[index++], counter.result());
  const code = await new Promise<number>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.on('close', (c) => resolve(c ?? 1))));
  if (code !== 0 || index !== oids.length) throw new Error(`git cat-file --batch failed in ${gitDir}: ${stderr.trim() || `read ${index} of ${oids.length} blobs`}`);
  return counts;
}

/** A counter whose blob counts are kept by object id for every commit it is asked about. */
export function createTreeCounter(_options: { cacheDir?: string } = {}): TreeCounter {
  const cache = new Map<string, LineCounts>();
  let blobsRead = 0;
  return {
    get blobsRead() {
      return blobsRead;
    },
    async flush() {},
    async count(gitDir, commit) {
      const blobs = (await lsTree(gitDir, commit)).filter((b) => !exclusionOf(b.path));
      const rust = blobs.filter((b) => sourceKindOf(b.path) === 'rs');
      const missing = [...new Set(rust.map((b) => b.oid).filter((oid) => !cache.has(oid)))];
      for (const [oid, counts] of await countBlobs(gitDir, missing)) cache.set(oid, counts);
      blobsRead += missing.length;
      const figures = { files: rust.length, bytes: 0, lines: 0, codeLines: 0 };
      for (const b of rust) {
        const c = cache.get(b.oid)!;
        figures.bytes += c.bytes;
        figures.lines += c.lines;
        figures.codeLines += c.codeLines;
      }
      const sourceBytes = blobs.filter((b) => sourceKindOf(b.path)).reduce((sum, b) => sum + b.size, 0);
      return { ...figures, rustShare: rustShare(figures.bytes, sourceBytes) };
    },
  };
}
