/** Git repositories built by tests: deterministic authors and dates, no user or system config. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const gitEnv = (date = '2024-07-07T14:22:16+08:00') => ({
  ...process.env,
  GIT_AUTHOR_NAME: 'Fixture',
  GIT_AUTHOR_EMAIL: 'fixture@example.org',
  GIT_AUTHOR_DATE: date,
  GIT_COMMITTER_NAME: 'Fixture',
  GIT_COMMITTER_EMAIL: 'fixture@example.org',
  GIT_COMMITTER_DATE: date,
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
});

export function git(dir: string, args: string[], date?: string): string {
  return execFileSync('git', ['-C', dir, ...args], { env: gitEnv(date), encoding: 'utf8', stdio: 'pipe' });
}

/** Writes files (paths may be Buffers for non-UTF-8 names); `null` deletes. */
export function writeFiles(dir: string, files: Record<string, string | Uint8Array | null>): void {
  for (const [file, content] of Object.entries(files)) {
    const full = path.join(dir, file);
    if (content === null) {
      rmSync(full, { force: true });
      continue;
    }
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
}

/** A work tree with `files` committed at `date`; returns the commit id. */
export function commitFiles(
  dir: string,
  files: Record<string, string | Uint8Array | null>,
  date: string,
  message = 'commit',
): string {
  writeFiles(dir, files);
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '--allow-empty', '-m', message], date);
  return git(dir, ['rev-parse', 'HEAD']).trim();
}

export function initRepo(dir: string): void {
  mkdirSync(dir, { recursive: true });
  git(dir, ['init', '-q', '-b', 'main']);
  git(dir, ['config', 'core.autocrlf', 'false']);
}

export function symlink(dir: string, target: string, at: string): void {
  mkdirSync(path.dirname(path.join(dir, at)), { recursive: true });
  symlinkSync(target, path.join(dir, at));
}

/** Stages a submodule (gitlink) entry without a real submodule. */
export function addGitlink(dir: string, at: string, oid = '0123456789abcdef0123456789abcdef01234567'): void {
  git(dir, ['update-index', '--add', '--cacheinfo', `160000,${oid},${at}`]);
}
