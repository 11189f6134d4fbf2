/**
 * Reading a commit's tree and blobs from git objects (never a working tree), in a bare
 * repository or a checkout: `git ls-tree` for paths, modes, object ids and sizes; one
 * long-lived `git cat-file --batch-command` for the blobs; `git check-attr` for
 * `.gitattributes` at the commit. Git never fetches: lazy fetches of a partial clone are
 * refused (`GIT_ALLOW_PROTOCOL`), and blobs the copy lacks are listed beforehand.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LineCounter } from './line-count.ts';
import type { LineCounts } from './line-count.ts';
import { LINGUIST_ATTRIBUTES } from '../../src/data/linguist-rules.ts';
import type { AttributeValues } from '../../src/data/linguist-rules.ts';
import { ChildTimeoutError, childTimeoutMs, rethrowTimeout } from './bounded.ts';

export class GitError extends Error {}

/** `git check-attr in /repos/x.git`: a git call as messages name it. */
function gitCall(args: readonly string[]): string {
  const dir = args.find((a) => a.startsWith('--git-dir='))?.slice('--git-dir='.length) ?? args[args.indexOf('-C') + 1];
  // The subcommand: the first word that is neither an option nor the value of -c or -C.
  const command = args.find((a, i) => !a.startsWith('-') && args[i - 1] !== '-c' && args[i - 1] !== '-C') ?? '';
  return `git ${command}${args.includes('-C') || dir ? ` in ${dir}` : ''}`;
}

/**
 * Starts git in a process group of its own, so that at the deadline git and whatever it
 * started (a remote helper, index-pack) are killed together.
 */
function spawnGit(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn('git', args, { env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  const kill = () => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      child.kill('SIGKILL'); // the group is gone already
    }
  };
  return { child, kill };
}

/** The environment of every git process: no network, no prompts, no replace refs. */
export function gitEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    // No transport is called "none": a lazy fetch of a partial clone fails at once.
    GIT_ALLOW_PROTOCOL: 'none',
    GIT_TERMINAL_PROMPT: '0',
    GIT_NO_REPLACE_OBJECTS: '1',
    GIT_OPTIONAL_LOCKS: '0',
    LC_ALL: 'C',
    ...extra,
  };
}

/**
 * Runs git, returns stdout as bytes; throws GitError with git's message on failure, and
 * ChildTimeoutError when it runs past `timeoutMs` (default `childTimeoutMs()`), killed then.
 */
export function git(
  args: string[],
  options: { input?: Buffer | string; env?: NodeJS.ProcessEnv; allowFail?: boolean; timeoutMs?: number } = {},
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const { child, kill } = spawnGit(args, options.env ?? gitEnv());
    const limit = options.timeoutMs ?? childTimeoutMs();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, limit);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new GitError(`could not run git: ${e.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (timedOut) reject(new ChildTimeoutError(`${gitCall(args)}: did not finish within ${limit} ms (stopped)`));
      else if (code === 0 || options.allowFail) resolve(Buffer.concat(out));
      else
        reject(
          new GitError(
            `git ${args
              .filter((a) => !a.startsWith('--git-dir'))
              .slice(0, 3)
              .join(' ')} failed: ${Buffer.concat(err).toString('utf8').trim() || `exit ${code}`}`,
          ),
        );
    });
    child.stdin.on('error', () => {}); // git may exit before reading everything
    child.stdin.end(options.input ?? '');
  });
}

export interface Repository {
  /** Absolute git directory (the bare repository, or a checkout's `.git`). */
  gitDir: string;
  /** The top of the working tree, for a checkout; undefined when bare. */
  workTree?: string;
}

/** Finds the git directory of a bare repository or a checkout (its top or any directory in it). */
export async function openRepository(dir: string): Promise<Repository> {
  let out: string;
  try {
    out = (await git(['-C', dir, 'rev-parse', '--absolute-git-dir', '--is-inside-work-tree'])).toString('utf8');
  } catch (error) {
    rethrowTimeout(error);
    throw new GitError(`${dir}: not a git repository (expected a bare repository or a checkout)`);
  }
  const [gitDir, inWorkTree] = out.trim().split('\n');
  // A bare repository, or a checkout's .git directory given directly: git objects only.
  if (inWorkTree !== 'true') return { gitDir };
  const top = (await git(['-C', dir, 'rev-parse', '--show-toplevel'])).toString('utf8').trim();
  return { gitDir, workTree: top || undefined };
}

/** `https://github.com/o/n(.git)`, `git@github.com:o/n.git`, `ssh://git@host/o/n` → `o/n`. */
export function repoFromRemoteUrl(url: string): string | undefined {
  const match =
    /^(?:[a-z+]+:\/\/(?:[^@/]+@)?[^/]+\/|[^@/\s]+@[^:/\s]+:)([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+?)(?:\.git)?\/?$/.exec(
      url.trim(),
    );
  return match ? `${match[1]}/${match[2]}` : undefined;
}

export interface CommitInfo {
  commit: string;
  /** Committer date, strict ISO 8601 with the committer's offset. */
  commitDate: string;
}

/** The commit a revision names (default HEAD) and its committer date. */
export async function resolveCommit(gitDir: string, rev = 'HEAD'): Promise<CommitInfo> {
  if (rev.startsWith('-')) throw new GitError(`expected a revision, got "${rev}"`);
  let out: string;
  try {
    out = (
      await git([
        `--git-dir=${gitDir}`,
        'show',
        '-s',
        '--no-show-signature',
        '--format=%H%x00%cI',
        `${rev}^{commit}`,
        '--',
      ])
    ).toString('utf8');
  } catch (error) {
    rethrowTimeout(error);
    throw new GitError(`${gitDir}: no commit "${rev}"${rev === 'HEAD' ? ' (the repository has no commits?)' : ''}`);
  }
  const [commit, commitDate] = out.trim().split('\0');
  if (!/^[0-9a-f]{40}$/.test(commit ?? '') || !commitDate)
    throw new GitError(`${gitDir}: could not read commit "${rev}"`);
  return { commit, commitDate };
}

/** Whether the repository is a partial clone whose missing objects git would try to fetch. */
export async function isPromisor(gitDir: string): Promise<boolean> {
  const out = await git(
    [`--git-dir=${gitDir}`, 'config', '--get-regexp', '^(extensions\\.partialclone|remote\\..*\\.promisor)$'],
    { allowFail: true },
  );
  return out
    .toString('utf8')
    .split('\n')
    .some((line) => line && !/ false$/.test(line));
}

/** Object ids of the commit's tree that the copy lacks (read without fetching them). */
export async function missingObjects(gitDir: string, commit: string): Promise<Set<string>> {
  const out = await git([`--git-dir=${gitDir}`, 'rev-list', '--objects', '--no-walk', '--missing=print', commit]);
  const missing = new Set<string>();
  let from = 0;
  const text = out.toString('latin1');
  for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', from)) {
    if (text.charCodeAt(from) === 0x3f /* ? */) missing.add(text.slice(from + 1, from + 41));
    from = nl + 1;
  }
  return missing;
}

export const SYMLINK_MODE = '120000';
export const SUBMODULE_MODE = '160000';
export const REGULAR_MODES = new Set(['100644', '100755']);

export interface TreeEntry {
  mode: string;
  type: 'blob' | 'commit' | 'tree';
  oid: string;
  /** Blob size from `ls-tree --long`; null when the blob is missing; undefined when not asked. */
  size?: number | null;
  /** The path as bytes, exactly as git stores it. */
  raw: Buffer;
  /** The path for people: UTF-8, invalid bytes written as `\xNN`. */
  path: string;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** A path's bytes as text: UTF-8 when valid, otherwise each invalid byte as `\xNN`. */
export function displayPath(raw: Uint8Array): string {
  try {
    return strictUtf8.decode(raw);
  } catch {
    let out = '';
    let i = 0;
    while (i < raw.length) {
      // Take the longest valid UTF-8 sequence (1 to 4 bytes) at i, else escape the byte.
      let taken = false;
      for (let n = 1; n <= 4 && i + n <= raw.length; n++) {
        try {
          out += strictUtf8.decode(raw.subarray(i, i + n));
          i += n;
          taken = true;
          break;
        } catch {
          /* try a longer sequence */
        }
      }
      if (!taken) out += `\\x${raw[i++].toString(16).padStart(2, '0')}`;
    }
    return out;
  }
}

/** Parses `git ls-tree -r -z [--long]` output. */
export function parseLsTree(out: Buffer): TreeEntry[] {
  const entries: TreeEntry[] = [];
  let from = 0;
  while (from < out.length) {
    let nul = out.indexOf(0, from);
    if (nul === -1) nul = out.length;
    const tab = out.indexOf(0x09, from);
    if (tab === -1 || tab > nul)
      throw new GitError(
        `unexpected "git ls-tree" output: ${JSON.stringify(out.toString('utf8', from, Math.min(nul, from + 80)))}`,
      );
    const meta = out.toString('latin1', from, tab).split(/ +/);
    const [mode, type, oid, size] = meta;
    if (!/^\d{6}$/.test(mode) || !/^[0-9a-f]{40,64}$/.test(oid ?? ''))
      throw new GitError(`unexpected "git ls-tree" record: ${JSON.stringify(out.toString('latin1', from, tab))}`);
    const raw = out.subarray(tab + 1, nul);
    entries.push({
      mode,
      type: type as TreeEntry['type'],
      oid,
      size: size === undefined ? undefined : size === '-' ? undefined : /^\d+$/.test(size) ? Number(size) : null,
      raw,
      path: displayPath(raw),
    });
    from = nul + 1;
  }
  return entries;
}

/** Every entry of the commit's tree, recursively (`--long`: with blob sizes). */
export async function listTree(gitDir: string, commit: string, long: boolean): Promise<TreeEntry[]> {
  const args = [`--git-dir=${gitDir}`, 'ls-tree', '-r', '-z', '--full-tree', ...(long ? ['--long'] : []), commit];
  return parseLsTree(await git(args));
}

/**
 * The linguist attributes of each path at the commit, from every `.gitattributes` in its
 * tree (root and nested), read by git itself through a temporary index: exactly git's
 * pattern rules. The user's and the system's attribute files are ignored.
 */
export async function checkAttributes(gitDir: string, commit: string, paths: Buffer[]): Promise<AttributeValues[]> {
  if (paths.length === 0) return [];
  const dir = await mkdtemp(path.join(tmpdir(), 'tree-count-index-'));
  try {
    const env = gitEnv({ GIT_INDEX_FILE: path.join(dir, 'index'), GIT_CONFIG_NOSYSTEM: '1', GIT_ATTR_NOSYSTEM: '1' });
    await git([`--git-dir=${gitDir}`, 'read-tree', commit], { env });
    const input = Buffer.concat(paths.flatMap((p) => [p, Buffer.of(0)]));
    const out = await git(
      [
        `--git-dir=${gitDir}`,
        '-c',
        'core.attributesFile=/dev/null',
        'check-attr',
        '--cached',
        '-z',
        '--stdin',
        ...LINGUIST_ATTRIBUTES,
      ],
      { env, input },
    );
    // Records: <path> NUL <attribute> NUL <value> NUL, in input order, every attribute per path.
    const fields = out.toString('latin1').split('\0');
    const result: AttributeValues[] = paths.map(() => ({}));
    const per = LINGUIST_ATTRIBUTES.length;
    for (let i = 0; i < paths.length; i++) {
      for (let a = 0; a < per; a++) {
        const at = (i * per + a) * 3;
        const name = fields[at + 1] as (typeof LINGUIST_ATTRIBUTES)[number];
        const value = fields[at + 2];
        if (value !== undefined && value !== 'unspecified')
          result[i][name] = Buffer.from(value, 'latin1').toString('utf8');
      }
    }
    return result;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

interface Pending {
  oid: string;
  contents: boolean;
  /** Where the blob's bytes are also kept, for `read`. */
  chunks?: Buffer[];
  resolve: (value: LineCounts | null) => void;
  reject: (error: Error) => void;
}

/**
 * One `git cat-file --batch-command` process per repository, answering requests in order:
 * `size(oid)` (a blob's size) and `count(oid)` (its bytes streamed through the Rust line
 * counter, never held whole). Both give null for a blob the copy does not have. While answers
 * are awaited, git must send something within `childTimeoutMs()`, or it is killed and every
 * pending request fails with ChildTimeoutError.
 */
export class BlobReader {
  readonly #child;
  readonly #kill: () => void;
  readonly #gitDir: string;
  readonly #idleMs = childTimeoutMs();
  #timer: NodeJS.Timeout | undefined;
  readonly #queue: Pending[] = [];
  #head = 0;
  #buffer: Buffer = Buffer.alloc(0);
  #body: { left: number; counter: LineCounter } | undefined;
  #trailer = false;
  #failure: Error | undefined;
  #stderr = '';
  readonly #writes: string[] = [];

  constructor(gitDir: string) {
    this.#gitDir = gitDir;
    ({ child: this.#child, kill: this.#kill } = spawnGit(
      [`--git-dir=${gitDir}`, 'cat-file', '--batch-command', '--buffer'],
      gitEnv(),
    ));
    this.#child.stdout.on('data', (chunk: Buffer) => {
      this.#onData(chunk);
      this.#watch();
    });
    this.#child.stderr.setEncoding('utf8').on('data', (d: string) => (this.#stderr += d));
    this.#child.stdin.on('error', () => {});
    this.#child.on('error', (e) => this.#fail(new GitError(`could not run git cat-file: ${e.message}`)));
    this.#child.on('close', (code) => {
      clearTimeout(this.#timer);
      if (this.#head < this.#queue.length)
        this.#fail(new GitError(`git cat-file stopped (exit ${code}): ${this.#stderr.trim()}`));
    });
  }

  /** (Re)arms the deadline while answers are pending; disarms it when none are. */
  #watch(): void {
    clearTimeout(this.#timer);
    if (this.#head >= this.#queue.length) return;
    this.#timer = setTimeout(() => {
      this.#fail(
        new ChildTimeoutError(`git cat-file in ${this.#gitDir}: no answer within ${this.#idleMs} ms (stopped)`),
      );
      this.#kill();
    }, this.#idleMs);
  }

  /** The blob's size, or null when missing. */
  size(oid: string): Promise<number | null> {
    return this.#request(oid, false).then((r) => (r ? r.bytes : null));
  }

  /** The blob's bytes, lines and code lines, or null when missing. */
  count(oid: string): Promise<LineCounts | null> {
    return this.#request(oid, true);
  }

  /** The blob's whole content (for small files such as manifests), or null when missing. */
  read(oid: string): Promise<Buffer | null> {
    const chunks: Buffer[] = [];
    return this.#request(oid, true, chunks).then((r) => (r ? Buffer.concat(chunks) : null));
  }

  #request(oid: string, contents: boolean, chunks?: Buffer[]): Promise<LineCounts | null> {
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => {
      this.#queue.push({ oid, contents, chunks, resolve, reject });
      this.#writes.push(`${contents ? 'contents' : 'info'} ${oid}\n`);
      // Requests made in the same tick go to git in one write.
      if (this.#writes.length === 1) process.nextTick(() => this.#flush());
    });
  }

  #flush(): void {
    // --buffer: git holds its answers until `flush`, so they come in large writes.
    const text = this.#writes.join('') + 'flush\n';
    this.#writes.length = 0;
    this.#child.stdin.write(text);
    this.#watch();
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    for (let i = this.#head; i < this.#queue.length; i++) this.#queue[i].reject(this.#failure);
    this.#head = this.#queue.length;
  }

  #done(value: LineCounts | null): void {
    const p = this.#queue[this.#head];
    this.#queue[this.#head++] = undefined as unknown as Pending; // let it be collected
    if (this.#head > 4096 && this.#head * 2 > this.#queue.length) {
      this.#queue.splice(0, this.#head);
      this.#head = 0;
    }
    p.resolve(value);
  }

  #onData(chunk: Buffer): void {
    let data = this.#buffer.length > 0 ? Buffer.concat([this.#buffer, chunk]) : chunk;
    this.#buffer = Buffer.alloc(0);
    let i = 0;
    while (i < data.length) {
      if (this.#body) {
        const take = Math.min(this.#body.left, data.length - i);
        this.#body.counter.push(data.subarray(i, i + take));
        this.#queue[this.#head].chunks?.push(Buffer.from(data.subarray(i, i + take)));
        this.#body.left -= take;
        i += take;
        if (this.#body.left > 0) break;
        const counts = this.#body.counter.result();
        this.#body = undefined;
        this.#trailer = true;
        this.#done(counts);
        continue;
      }
      if (this.#trailer) {
        i++; // the newline after a blob's contents
        this.#trailer = false;
        continue;
      }
      const nl = data.indexOf(0x0a, i);
      if (nl === -1) {
        this.#buffer = Buffer.from(data.subarray(i));
        return;
      }
      const header = data.toString('latin1', i, nl);
      i = nl + 1;
      const pending = this.#queue[this.#head];
      if (!pending) return this.#fail(new GitError(`unexpected git cat-file output: ${header}`));
      const parts = header.split(' ');
      if (parts[1] === 'missing' || parts[1] === 'ambiguous') {
        this.#done(null);
      } else if (parts.length === 3 && /^\d+$/.test(parts[2])) {
        const size = Number(parts[2]);
        if (!pending.contents) this.#done({ bytes: size, lines: 0, codeLines: 0 });
        else {
          this.#body = { left: size, counter: new LineCounter() };
          if (size === 0) {
            this.#body = undefined;
            this.#trailer = true;
            this.#done({ bytes: 0, lines: 0, codeLines: 0 });
          }
        }
      } else return this.#fail(new GitError(`unexpected git cat-file output: ${header}`));
    }
    data = Buffer.alloc(0);
  }

  /** Ends the process (after the answers already asked for). */
  async close(): Promise<void> {
    clearTimeout(this.#timer);
    if (this.#child.exitCode !== null || this.#child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(this.#kill, this.#idleMs);
      this.#child.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      this.#child.stdin.end();
    });
  }
}
