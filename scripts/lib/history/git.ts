/**
 * The git reads of `npm run history`, on a bare repository (or a `.git` directory), through
 * the one git runner of git-objects.ts: no network, and a deadline (a ChildTimeoutError, exit 2).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { rethrowTimeout } from '../bounded.ts';
import { GitError, git as runGit } from '../git-objects.ts';
import { parseLog, type LogCommit } from './select.ts';

const FORMAT = '--format=%H%x09%ct%x09%cI';

export class HistoryGitError extends Error {}

async function git(gitDir: string, args: string[]): Promise<string> {
  try {
    return (await runGit([`--git-dir=${gitDir}`, ...args])).toString('utf8');
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    throw new HistoryGitError(`git ${args[0]} failed in ${gitDir}: ${error.message.replace(/^git .*? failed: /, '')}`);
  }
}

/** Whether `commit` is a commit object of the repository. */
export async function hasCommit(gitDir: string, commit: string): Promise<boolean> {
  try {
    return (await git(gitDir, ['cat-file', '-t', commit])).trim() === 'commit';
  } catch (error) {
    rethrowTimeout(error);
    return false;
  }
}

/** The first-parent line of `commit`, newest first. */
export async function firstParentLog(gitDir: string, commit: string): Promise<LogCommit[]> {
  return parseLog(await git(gitDir, ['log', '--first-parent', FORMAT, commit, '--']));
}

/**
 * The oldest commit of the first-parent line of `commit` that changed a `.rs` path (against its
 * first parent, so a merge that brings Rust in counts), or null when none did. With `line`
 * (that first-parent line, newest first, as `firstParentLog` gives it), git compares only the
 * oldest 16, 64, 256 … commits with their parents until one changed Rust, instead of every
 * commit of the line: on TiKV (7,655 commits, Rust from its second week) a fraction of a
 * second of git less. The answer is the same: the oldest change among the oldest n commits is
 * the oldest of the line.
 */
export async function firstRustCommit(
  gitDir: string,
  commit: string,
  line?: readonly LogCommit[],
): Promise<LogCommit | null> {
  for (let n = 16; line && line.length > 0; n *= 4) {
    if (n >= line.length) break;
    const found = parseLog(
      await git(gitDir, ['log', '--first-parent', FORMAT, line[line.length - n].commit, '--', '*.rs']),
    );
    if (found.length > 0) return found.at(-1)!;
  }
  const log = parseLog(await git(gitDir, ['log', '--first-parent', FORMAT, commit, '--', '*.rs']));
  return log.at(-1) ?? null;
}

/**
 * The git directory of `owner/name` under a directory of copies: `<owner>+<name>/repo`
 * (bare, or a clone with `.git`), then `<owner>/<name>.git`, then `<owner>/<name>/.git`.
 */
export function locateRepo(reposDir: string, repo: string): string | undefined {
  const [owner, name] = repo.split('/');
  const candidates = [
    path.join(reposDir, `${owner}+${name}`, 'repo', '.git'),
    path.join(reposDir, `${owner}+${name}`, 'repo'),
    path.join(reposDir, owner, `${name}.git`),
    path.join(reposDir, owner, name, '.git'),
  ];
  return candidates.find((dir) => existsSync(path.join(dir, 'HEAD')) && existsSync(path.join(dir, 'objects')));
}
