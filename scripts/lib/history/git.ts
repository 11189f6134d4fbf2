/** The git reads of `npm run history`, on a bare repository (or a `.git` directory). */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseLog, type LogCommit } from './select.ts';

const run = promisify(execFile);
const FORMAT = '--format=%H%x09%ct%x09%cI';

export class HistoryGitError extends Error {}

async function git(gitDir: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run('git', [`--git-dir=${gitDir}`, ...args], { maxBuffer: 256 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new HistoryGitError(`git ${args[0]} failed in ${gitDir}: ${stderr || (error as Error).message}`);
  }
}

/** Whether `commit` is a commit object of the repository. */
export async function hasCommit(gitDir: string, commit: string): Promise<boolean> {
  try {
    return (await git(gitDir, ['cat-file', '-t', commit])).trim() === 'commit';
  } catch {
    return false;
  }
}

/** The first-parent line of `commit`, newest first. */
export async function firstParentLog(gitDir: string, commit: string): Promise<LogCommit[]> {
  return parseLog(await git(gitDir, ['log', '--first-parent', FORMAT, commit, '--']));
}

/**
 * The oldest commit of the first-parent line of `commit` that changed a `.rs` path (against its
 * first parent, so a merge that brings Rust in counts), or null when none did. `root`, the
 * line's first commit, is asked first: when it holds Rust it is the answer, found without
 * comparing every commit of the line with its parent (a second of git on TiKV's 7,655).
 */
export async function firstRustCommit(gitDir: string, commit: string, root?: LogCommit): Promise<LogCommit | null> {
  if (root && parseLog(await git(gitDir, ['log', '-1', FORMAT, root.commit, '--', '*.rs'])).length > 0) return root;
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
