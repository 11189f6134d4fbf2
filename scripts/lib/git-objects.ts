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
import { lexRust } from './line-count.ts';
import type { LineCounts } from './line-count.ts';
import { LINGUIST_ATTRIBUTES } from '../../src/data/rules/linguist-rules.ts';
import type { AttributeValues } from '../../src/data/rules/linguist-rules.ts';
import { isCommitHash } from '../../src/schemas/common.ts';
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
  if (!isCommitHash(commit) || !commitDate) throw new GitError(`${gitDir}: could not read commit "${rev}"`);
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
  /** The last part of the path, as `path` shows it (from `parseTree`). */
  name?: string;
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

/** A tree object's mode as `git ls-tree` shows it (git's `canon_mode`): 100644, 100755, 120000, 040000 or 160000. */
function canonicalMode(octal: number): { mode: string; type: TreeEntry['type'] } {
  switch (octal & 0o170000) {
    case 0o100000:
      return { mode: octal & 0o100 ? '100755' : '100644', type: 'blob' };
    case 0o120000:
      return { mode: SYMLINK_MODE, type: 'blob' };
    case 0o040000:
      return { mode: '040000', type: 'tree' };
    default:
      return { mode: SUBMODULE_MODE, type: 'commit' };
  }
}

/**
 * The entries of one tree object (`<octal mode> <name>\0<binary id>` records), their paths
 * under `dir` (the tree's own path as bytes, empty for the root). `oidBytes`: 20 for SHA-1,
 * 32 for SHA-256 repositories.
 */
export function parseTree(content: Buffer, dir: Buffer, oidBytes: number): TreeEntry[] {
  const entries: TreeEntry[] = [];
  const prefix = dir.length > 0 ? Buffer.concat([dir, Buffer.of(0x2f)]) : dir;
  let at = 0;
  while (at < content.length) {
    const space = content.indexOf(0x20, at);
    const nul = content.indexOf(0, space + 1);
    if (space === -1 || nul === -1 || nul + 1 + oidBytes > content.length)
      throw new GitError(`unexpected tree object: a record at byte ${at} is cut short`);
    let octal = 0;
    for (let i = at; i < space; i++) octal = octal * 8 + (content[i] - 0x30);
    const { mode, type } = canonicalMode(octal);
    const name = content.subarray(space + 1, nul);
    const raw = Buffer.concat([prefix, name]);
    entries.push({
      mode,
      type,
      oid: content.toString('hex', nul + 1, nul + 1 + oidBytes),
      raw,
      path: displayPath(raw),
      name: displayPath(name),
    });
    at = nul + 1 + oidBytes;
  }
  return entries;
}

/**
 * The linguist attributes of each path from the given `.gitattributes` blobs (path and id), read
 * by git itself through a temporary index that holds only them: exactly git's pattern rules,
 * without writing a whole tree into an index. Every `.gitattributes` above a path asked about
 * must be among them. The user's and the system's attribute files are ignored.
 */
export async function checkAttributesOf(
  gitDir: string,
  gitattributes: readonly { raw: Buffer; oid: string }[],
  paths: Buffer[],
): Promise<AttributeValues[]> {
  if (paths.length === 0) return [];
  const dir = await mkdtemp(path.join(tmpdir(), 'tree-count-index-'));
  try {
    const env = gitEnv({ GIT_INDEX_FILE: path.join(dir, 'index'), GIT_CONFIG_NOSYSTEM: '1', GIT_ATTR_NOSYSTEM: '1' });
    const records = gitattributes.flatMap((g) => [Buffer.from(`100644 ${g.oid}\t`), g.raw, Buffer.of(0)]);
    await git([`--git-dir=${gitDir}`, 'update-index', '-z', '--index-info'], { env, input: Buffer.concat(records) });
    return await checkAttrInIndex(gitDir, env, paths);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Every entry of the commit's tree, recursively (`--long`: with blob sizes). */
export async function listTree(gitDir: string, commit: string, long: boolean): Promise<TreeEntry[]> {
  const args = [`--git-dir=${gitDir}`, 'ls-tree', '-r', '-z', '--full-tree', ...(long ? ['--long'] : []), commit];
  return parseLsTree(await git(args));
}

/** `git check-attr --cached` for every path, in the temporary index `env` names. */
async function checkAttrInIndex(gitDir: string, env: NodeJS.ProcessEnv, paths: Buffer[]): Promise<AttributeValues[]> {
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
}

/** What git answered for one object. */
export interface GitObject {
  oid: string;
  type: string;
  size: number;
  /** The object's bytes (`read`), a copy the caller owns. */
  content?: Buffer;
  /** Its Rust line counts (`count`). */
  counts?: LineCounts;
}

type Want = 'info' | 'count' | 'read';

interface Pending {
  want: Want;
  resolve: (value: GitObject | null) => void;
  reject: (error: Error) => void;
}

/**
 * One `git cat-file --batch-command` process per repository, answering requests in order:
 * `size(oid)` (a blob's size, from its header), `count(oid)` (its bytes through the Rust
 * lexer), `read(oid)` and `object(name)` (whole contents; a name may be any revision git
 * understands, such as `<commit>^{commit}`). Each gives null for an object the copy does
 * not have. An object's bytes are lexed where they lie in git's output when they arrived in
 * one piece, and otherwise gathered in one buffer reused from object to object, so counting
 * allocates nothing per blob.
 * While answers are awaited, git must send something within `childTimeoutMs()`, or it is
 * killed and every pending request fails with ChildTimeoutError.
 */
export class BlobReader {
  readonly #child;
  readonly #kill: () => void;
  readonly #gitDir: string;
  readonly #idleMs = childTimeoutMs();
  #timer: NodeJS.Timeout | undefined;
  readonly #queue: Pending[] = [];
  #head = 0;
  /** A header line split across two chunks of output. */
  #partialHeader = '';
  /** The object being received: its header and how much of its body is still to come. */
  #body: { object: GitObject; want: Want; left: number; filled: number } | undefined;
  #scratch: Buffer = Buffer.allocUnsafe(1 << 20);
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
    return this.#request(oid, 'info').then((r) => (r ? r.size : null));
  }

  /** The blob's bytes, lines and code lines, or null when missing. */
  count(oid: string): Promise<LineCounts | null> {
    return this.#request(oid, 'count').then((r) => r?.counts ?? null);
  }

  /** The blob's whole content (for small files such as manifests), or null when missing. */
  read(oid: string): Promise<Buffer | null> {
    return this.#request(oid, 'read').then((r) => r?.content ?? null);
  }

  /** Any object by name (`<rev>^{commit}`, a tree id …) with its id, type and content; null when missing. */
  object(name: string): Promise<GitObject | null> {
    // The protocol is one request a line: a name with a line break or a leading dash is no revision.
    if (/[\s\0]/.test(name) || name.startsWith('-')) return Promise.resolve(null);
    return this.#request(name, 'read');
  }

  #request(name: string, want: Want): Promise<GitObject | null> {
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => {
      this.#queue.push({ want, resolve, reject });
      this.#writes.push(`${want === 'info' ? 'info' : 'contents'} ${name}\n`);
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

  #done(value: GitObject | null): void {
    const p = this.#queue[this.#head];
    this.#queue[this.#head++] = undefined as unknown as Pending; // let it be collected
    if (this.#head > 4096 && this.#head * 2 > this.#queue.length) {
      this.#queue.splice(0, this.#head);
      this.#head = 0;
    }
    p.resolve(value);
  }

  /** An object's whole body has arrived: lex or copy it, then answer. */
  #finish(object: GitObject, want: Want, body: Uint8Array): void {
    if (want === 'count') {
      const { bytes, lines, codeLines } = lexRust(body);
      object.counts = { bytes, lines, codeLines };
    } else object.content = Buffer.from(body);
    this.#done(object);
  }

  #onData(data: Buffer): void {
    let i = 0;
    while (i < data.length) {
      const body = this.#body;
      if (body) {
        const take = Math.min(body.left, data.length - i);
        if (body.filled === 0 && take === body.left) {
          // The whole body is in this chunk: use it where it lies.
          this.#body = undefined;
          i += take;
          this.#trailer = true;
          this.#finish(body.object, body.want, data.subarray(i - take, i));
          continue;
        }
        if (body.filled + body.left > this.#scratch.length) {
          const bigger = Buffer.allocUnsafe(2 ** Math.ceil(Math.log2(body.filled + body.left)));
          this.#scratch.copy(bigger, 0, 0, body.filled);
          this.#scratch = bigger;
        }
        data.copy(this.#scratch, body.filled, i, i + take);
        body.filled += take;
        body.left -= take;
        i += take;
        if (body.left > 0) break;
        this.#body = undefined;
        this.#trailer = true;
        this.#finish(body.object, body.want, this.#scratch.subarray(0, body.filled));
        continue;
      }
      if (this.#trailer) {
        i++; // the newline after an object's contents
        this.#trailer = false;
        continue;
      }
      const nl = data.indexOf(0x0a, i);
      if (nl === -1) {
        this.#partialHeader += data.toString('latin1', i);
        return;
      }
      const header = this.#partialHeader + data.toString('latin1', i, nl);
      this.#partialHeader = '';
      i = nl + 1;
      const pending = this.#queue[this.#head];
      if (!pending) return this.#fail(new GitError(`unexpected git cat-file output: ${header}`));
      const parts = header.split(' ');
      if (parts[1] === 'missing' || parts[1] === 'ambiguous') {
        this.#done(null);
      } else if (parts.length === 3 && /^\d+$/.test(parts[2])) {
        const object: GitObject = { oid: parts[0], type: parts[1], size: Number(parts[2]) };
        if (pending.want === 'info') this.#done(object);
        else if (object.size === 0) {
          this.#trailer = true;
          this.#finish(object, pending.want, new Uint8Array(0));
        } else this.#body = { object, want: pending.want, left: object.size, filled: 0 };
      } else return this.#fail(new GitError(`unexpected git cat-file output: ${header}`));
    }
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
