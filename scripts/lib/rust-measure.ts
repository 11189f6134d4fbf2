/**
 * Measures the Rust code of a local checkout with the method of `data/rust-code/METHOD.md`.
 * Streaming: the file list comes from `git ls-files -s -z` as it is produced, and each `.rs`
 * file is read through a stream, so memory stays flat however large the tree is.
 */
import { execFile, spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { lstat, opendir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { LineCounter, SOURCE_KINDS, exclusionOf, rustShare, sourceKindOf } from './rust-count.ts';
import type { SourceKind } from './rust-count.ts';

const run = promisify(execFile);

export class MeasureError extends Error {}

/** One entry of the tree: a repository-relative `/`-separated path and its git mode. */
export interface TreeEntry {
  path: string;
  /** `100644`/`100755` regular file, `120000` symlink, `160000` submodule. */
  mode: string;
}

export const REGULAR_MODES = new Set(['100644', '100755']);
export const SYMLINK_MODE = '120000';
export const SUBMODULE_MODE = '160000';

/** Parses one `git ls-files -s` record: `<mode> <object> <stage>\t<path>`. */
export function parseLsFilesRecord(record: string): TreeEntry {
  const match = /^(\d{6}) [0-9a-f]+ \d\t(.+)$/s.exec(record);
  if (!match) throw new MeasureError(`unexpected "git ls-files -s" output: ${JSON.stringify(record.slice(0, 80))}`);
  return { mode: match[1], path: match[2] };
}

/** The index of a checkout, streamed from `git ls-files -s -z` (each path once). */
export async function* gitTreeEntries(dir: string): AsyncGenerator<TreeEntry> {
  const child = spawn('git', ['-C', dir, 'ls-files', '-s', '-z'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<{ code: number; error?: Error }>((resolve) => {
    child.on('error', (error) => resolve({ code: 1, error }));
    child.on('close', (code) => resolve({ code: code ?? 1 }));
  });
  let pending: Buffer = Buffer.alloc(0);
  let previous = '';
  let finished = false;
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      pending = pending.length > 0 ? Buffer.concat([pending, chunk]) : chunk;
      let from = 0;
      for (let nul = pending.indexOf(0, from); nul !== -1; nul = pending.indexOf(0, from)) {
        const entry = parseLsFilesRecord(pending.toString('utf8', from, nul));
        from = nul + 1;
        // An unmerged path is listed once per stage; count it once.
        if (entry.path === previous) continue;
        previous = entry.path;
        yield entry;
      }
      pending = pending.subarray(from);
    }
    finished = true;
  } finally {
    // The consumer may stop early (an error): do not leave git running.
    if (!finished && child.exitCode === null) child.kill();
  }
  const { code, error } = await exited;
  if (error) throw new MeasureError(`could not run git: ${error.message}`);
  if (code !== 0) throw new MeasureError(`git ls-files failed in ${dir}: ${stderr.trim() || `exit ${code}`}`);
}

/** The files of a plain directory (no git), walked lazily; `.git` directories are skipped. */
export async function* workingTreeEntries(dir: string, prefix = ''): AsyncGenerator<TreeEntry> {
  const names: { name: string; kind: 'dir' | 'file' | 'link' | 'other' }[] = [];
  for await (const d of await opendir(path.join(dir, prefix))) {
    names.push({ name: d.name, kind: d.isSymbolicLink() ? 'link' : d.isDirectory() ? 'dir' : d.isFile() ? 'file' : 'other' });
  }
  names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const { name, kind } of names) {
    const rel = prefix ? `${prefix}/${name}` : name;
    if (kind === 'dir') {
      if (name !== '.git') yield* workingTreeEntries(dir, rel);
    } else if (kind === 'link') yield { path: rel, mode: SYMLINK_MODE };
    else if (kind === 'file') yield { path: rel, mode: '100644' };
  }
}

export interface CheckoutMeasurement {
  /** The checkout measured (absolute). */
  path: string;
  /** Whether the file list came from git (false: a plain directory walk). */
  git: boolean;
  /** HEAD commit and its committer date, when the checkout is a git repository with commits. */
  commit?: string;
  commitDate?: string;
  /** Counted `.rs` files and their bytes, newlines and code lines. */
  files: number;
  bytes: number;
  lines: number;
  codeLines: number;
  /** Bytes of every `.rs` file, exclusions ignored. */
  bytesRaw: number;
  /** Counted Rust bytes / counted source bytes × 100, one decimal. */
  rustShare: number;
  /** The same figures with no exclusions. */
  raw: { files: number; lines: number; codeLines: number };
  /** Bytes per source kind (exclusions applied). */
  sourceBytes: Record<SourceKind, number>;
  /** `.rs` files left out, by excluded directory (`examples/`, `vendor/`, …). */
  excluded: Record<string, number>;
  /** What was not followed or could not be read. */
  skipped: { symlinks: number; submodules: string[]; missing: string[] };
}

export interface MeasureOptions {
  /** Files read at the same time (default 8). */
  concurrency?: number;
}

async function gitTop(dir: string): Promise<string | undefined> {
  try {
    const { stdout } = await run('git', ['-C', dir, 'rev-parse', '--show-toplevel']);
    return stdout.trim();
  } catch {
    return undefined;
  }
}

/** HEAD's hash and committer date (`git log -1 --format=%H%n%cI`), or undefined with no commits. */
export async function headCommit(dir: string): Promise<{ commit: string; commitDate: string } | undefined> {
  try {
    const { stdout } = await run('git', ['-C', dir, 'log', '-1', '--format=%H%n%cI']);
    const [commit, commitDate] = stdout.trim().split('\n');
    return commit && commitDate ? { commit, commitDate } : undefined;
  } catch {
    return undefined;
  }
}

/** `owner/name` of the `origin` remote when it is a GitHub-style URL. */
export async function originRepo(dir: string): Promise<string | undefined> {
  try {
    const { stdout } = await run('git', ['-C', dir, 'remote', 'get-url', 'origin']);
    return repoFromRemoteUrl(stdout.trim());
  } catch {
    return undefined;
  }
}

/** `https://github.com/o/n(.git)`, `git@github.com:o/n.git`, `ssh://git@host/o/n` → `o/n`. */
export function repoFromRemoteUrl(url: string): string | undefined {
  const match = /^(?:[a-z+]+:\/\/(?:[^@/]+@)?[^/]+\/|[^@/\s]+@[^:/\s]+:)([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+?)(?:\.git)?\/?$/.exec(url.trim());
  return match ? `${match[1]}/${match[2]}` : undefined;
}

/** Streams one file through a line counter. */
async function countFile(file: string): Promise<{ bytes: number; lines: number; codeLines: number }> {
  const counter = new LineCounter();
  for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 })) counter.push(chunk as Buffer);
  return counter.result();
}

/** Measures the checkout at `dir` (the top of a git work tree, or a plain directory). */
export async function measureCheckout(dir: string, options: MeasureOptions = {}): Promise<CheckoutMeasurement> {
  let absolute: string;
  try {
    absolute = await realpath(dir);
  } catch {
    throw new MeasureError(`${dir}: no such directory`);
  }
  if (!(await lstat(absolute)).isDirectory()) throw new MeasureError(`${dir}: expected a directory`);
  const top = await gitTop(absolute);
  if (top !== undefined && (await realpath(top)) !== absolute)
    throw new MeasureError(`${dir} is inside the git checkout ${top}: measure the top of the checkout (top-level exclusions are relative to it)`);
  const git = top !== undefined;
  const head = git ? await headCommit(absolute) : undefined;

  const m: CheckoutMeasurement = {
    path: absolute,
    git,
    ...(head ?? {}),
    files: 0,
    bytes: 0,
    lines: 0,
    codeLines: 0,
    bytesRaw: 0,
    rustShare: 0,
    raw: { files: 0, lines: 0, codeLines: 0 },
    sourceBytes: Object.fromEntries(SOURCE_KINDS.map((k) => [k, 0])) as Record<SourceKind, number>,
    excluded: {},
    skipped: { symlinks: 0, submodules: [], missing: [] },
  };

  const handle = async (entry: TreeEntry): Promise<void> => {
    if (entry.mode === SUBMODULE_MODE) return void m.skipped.submodules.push(entry.path);
    if (entry.mode === SYMLINK_MODE) return void m.skipped.symlinks++;
    if (!REGULAR_MODES.has(entry.mode)) return;
    const kind = sourceKindOf(entry.path);
    if (!kind) return;
    const file = path.join(absolute, ...entry.path.split('/'));
    let stat;
    try {
      stat = await lstat(file);
    } catch {
      return void m.skipped.missing.push(entry.path);
    }
    // Read the working tree, but only what is still the regular file the index lists.
    if (!stat.isFile()) return void m.skipped.missing.push(entry.path);
    const excludedBy = exclusionOf(entry.path);
    if (kind !== 'rs') {
      if (!excludedBy) m.sourceBytes[kind] += stat.size;
      return;
    }
    const counts = await countFile(file);
    m.bytesRaw += counts.bytes;
    m.raw.files++;
    m.raw.lines += counts.lines;
    m.raw.codeLines += counts.codeLines;
    if (excludedBy) {
      m.excluded[excludedBy] = (m.excluded[excludedBy] ?? 0) + 1;
      return;
    }
    m.files++;
    m.bytes += counts.bytes;
    m.lines += counts.lines;
    m.codeLines += counts.codeLines;
    m.sourceBytes.rs += counts.bytes;
  };

  // A small pool: keeps a few reads in flight without ever holding the whole list.
  const limit = Math.max(1, options.concurrency ?? 8);
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  const entries = git ? gitTreeEntries(absolute) : workingTreeEntries(absolute);
  for await (const entry of entries) {
    const task = handle(entry).catch((error: unknown) => {
      failure ??= error;
    });
    inFlight.add(task);
    void task.finally(() => inFlight.delete(task));
    if (inFlight.size >= limit) await Promise.race(inFlight);
    if (failure) break;
  }
  await Promise.all(inFlight);
  if (failure) throw failure;

  m.skipped.submodules.sort();
  m.skipped.missing.sort();
  m.rustShare = rustShare(m.bytes, SOURCE_KINDS.reduce((sum, k) => sum + m.sourceBytes[k], 0));
  return m;
}
