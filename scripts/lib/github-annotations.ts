/**
 * Problems as GitHub Actions workflow commands: a line `::error file=…,line=…,title=…::message`
 * in a job's output becomes an annotation on that line of the pull request's diff, so a
 * contributor sees what is wrong where it is, not only in the log. Escaping follows the
 * runner's rules (actions/toolkit `command.ts`): `%`, CR and LF in the message; those and `:`
 * and `,` in a property, whose value would otherwise end there.
 */
import type { Problem } from '../../src/validation/problem.ts';

const escapeData = (text: string) => text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');

const escapeProperty = (text: string) => escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');

/** The `::error` workflow command for one problem (its file relative to the repository root). */
export function errorCommand(problem: Problem): string {
  const properties = [
    `file=${escapeProperty(problem.file)}`,
    `line=${problem.line}`,
    `title=${escapeProperty(problem.field)}`,
  ];
  return `::error ${properties.join(',')}::${escapeData(problem.message)}`;
}

/** True in a GitHub Actions job, where the runner sets GITHUB_ACTIONS=true. */
export const inGitHubActions = (env: NodeJS.ProcessEnv = process.env): boolean => env.GITHUB_ACTIONS === 'true';
