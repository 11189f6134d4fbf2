/**
 * How maintainer tools write entries (sync:landscape --write, measure:rust --update, new):
 * every file is read through `readForEdit` (which refuses a symbolic link or anything but a
 * regular file) and written back through `writeAll`, which
 *  1. writes every new text to a temporary file in the same folder (nothing visible changes),
 *  2. checks that no target changed since it was read (content and mtime) and none became a
 *     symbolic link,
 *  3. renames each temporary file over its target (atomic on one file system), with the
 *     target's permissions (a rename would otherwise give a 0600 entry the umask's 0644),
 * and on any failure removes its temporary files and throws a WriteError that says which
 * files were written (none, unless a rename failed part way) and which were left as they were.
 * Operating-system errors (EPERM, EACCES, ENOSPC...) become messages, never stack traces.
 */
import { chmodSync, lstatSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

export class WriteError extends Error {
  override name = 'WriteError';
  /** Files that were replaced before the failure. */
  readonly written: string[];
  constructor(message: string, written: string[] = []) {
    super(message);
    this.written = written;
  }
}

/** A file as it was read, to detect a change before it is replaced. */
export interface ReadFile {
  file: string;
  text: string;
  mtimeMs: number;
  size: number;
  /** Permission bits, given back to the file that replaces it. */
  mode: number;
}

/** `EPERM: operation not permitted, open '…'` → `EPERM (operation not permitted)`. */
export function describeFsError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e?.code) {
    const what = /^[A-Z]+: ([^,]+)/.exec(e.message ?? '')?.[1];
    return `${e.code}${what ? ` (${what})` : ''}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Reads a regular file for editing; refuses a symbolic link, a folder or a device, and a file
 * over `maxBytes` (before reading it: entries are a few KB, and a 50 MB one is not an entry).
 */
export function readForEdit(file: string, maxBytes = Infinity): ReadFile {
  let stat;
  try {
    stat = lstatSync(file);
  } catch (error) {
    throw new WriteError(`could not read ${file}: ${describeFsError(error)}`);
  }
  if (stat.isSymbolicLink())
    throw new WriteError(`${file} is a symbolic link; the tools never write through one (expected a regular file)`);
  if (!stat.isFile()) throw new WriteError(`${file} is not a regular file`);
  if (stat.size > maxBytes) throw new WriteError(`${file} is ${stat.size} bytes (expected at most ${maxBytes})`);
  try {
    return { file, text: readFileSync(file, 'utf8'), mtimeMs: stat.mtimeMs, size: stat.size, mode: stat.mode & 0o7777 };
  } catch (error) {
    throw new WriteError(`could not read ${file}: ${describeFsError(error)}`);
  }
}

/** Why `before` may no longer be replaced, or undefined. */
function changedSince(before: ReadFile): string | undefined {
  let stat;
  try {
    stat = lstatSync(before.file);
  } catch (error) {
    return `it can no longer be read: ${describeFsError(error)}`;
  }
  if (stat.isSymbolicLink()) return 'it became a symbolic link';
  if (!stat.isFile()) return 'it is no longer a regular file';
  if (stat.mtimeMs !== before.mtimeMs || stat.size !== before.size || readFileSync(before.file, 'utf8') !== before.text)
    return 'it changed since it was read (someone edited it meanwhile)';
  return undefined;
}

export interface Change {
  /** The file as read, or, for a new file, just its path (it must not exist). */
  before: ReadFile | { file: string; text?: undefined };
  text: string;
}

/** Writes every change or, on failure, as few as possible; see the module comment. */
export function writeAll(changes: readonly Change[]): string[] {
  const temps: { change: Change; temp: string }[] = [];
  const cleanup = () => {
    for (const { temp } of temps) rmSync(temp, { force: true });
  };
  const all = changes.map((c) => c.before.file);
  for (const change of changes) {
    const target = change.before.file;
    const temp = path.join(
      path.dirname(target),
      `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
    );
    try {
      writeFileSync(temp, change.text, { flag: 'wx' });
      temps.push({ change, temp });
      if (change.before.text !== undefined) chmodSync(temp, change.before.mode);
    } catch (error) {
      cleanup();
      throw new WriteError(
        `could not write ${target}: ${describeFsError(error)}; nothing was written (${all.join(', ')} left as they were)`,
      );
    }
  }
  for (const { change } of temps) {
    const before = change.before;
    const why =
      before.text === undefined
        ? (() => {
            try {
              lstatSync(before.file);
              return 'it exists now (expected a new file)';
            } catch {
              return undefined;
            }
          })()
        : changedSince(before);
    if (why) {
      cleanup();
      throw new WriteError(
        `refusing to replace ${before.file}: ${why}; nothing was written (${all.join(', ')} left as they were)`,
      );
    }
  }
  const written: string[] = [];
  for (const [i, { change, temp }] of temps.entries()) {
    try {
      renameSync(temp, change.before.file);
      written.push(change.before.file);
    } catch (error) {
      for (const { temp: rest } of temps.slice(i)) rmSync(rest, { force: true });
      const left = all.filter((f) => !written.includes(f));
      throw new WriteError(
        `could not write ${change.before.file}: ${describeFsError(error)}; written: ${written.length ? written.join(', ') : 'none'}; left as they were: ${left.join(', ')}`,
        written,
      );
    }
  }
  return written;
}
