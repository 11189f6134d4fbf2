/**
 * npm run validate [-- --content <dir>] [-- --public <dir>] [-- --data <dir>]
 *
 * Checks every file under content/ (and the files of public/ and data/ the build reads)
 * without building the site and prints every problem,
 * one per line as `path:line: field: what is wrong (expected …)`. Exit 1 on any problem.
 * In a GitHub Actions job (GITHUB_ACTIONS=true) each problem is also printed as an `::error`
 * workflow command, so it shows on that line of the pull request's diff.
 * Reads only; never changes a file.
 */
import { parseArgs } from 'node:util';
import { runCli } from './lib/cli.ts';
import { errorCommand, inGitHubActions } from './lib/github-annotations.ts';
import { formatProblem, validateContent } from '../src/validation/index.ts';

export function main(argv: string[]): number {
  const { values } = parseArgs({
    args: argv,
    options: {
      content: { type: 'string', default: 'content' },
      public: { type: 'string' },
      data: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });

  if (values.help) {
    console.log('Usage: npm run validate [-- --content <dir>] [-- --public <dir>] [-- --data <dir>]');
    return 0;
  }

  const started = performance.now();
  const report = validateContent({ contentDir: values.content, publicDir: values.public, dataDir: values.data });
  const ms = Math.round(performance.now() - started);

  for (const problem of report.problems) console.log(formatProblem(problem));
  if (inGitHubActions()) for (const problem of report.problems) console.log(errorCommand(problem));
  const summary = `${report.entries} entries, ${report.files} files checked in ${ms} ms`;
  if (report.problems.length > 0) {
    console.error(`validate: ${report.problems.length} problem${report.problems.length === 1 ? '' : 's'} (${summary})`);
    return 1;
  }
  console.error(`validate: no problems (${summary})`);
  return 0;
}

runCli('validate', main, import.meta);
