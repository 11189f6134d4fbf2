/**
 * Runs a maintainer script's `main` in the test's own process, as `node scripts/<name>.ts`
 * would run it, and returns what it printed and its exit code. A Node start costs more than
 * most of these runs, so each script keeps one spawned run for its real exit code and output
 * (tests/scripts/*.test.ts), and its other cases run here.
 */
import { format } from 'node:util';
import { runMain } from '../../scripts/lib/cli.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

type Main = (argv: string[]) => Promise<number> | number;

/**
 * `main` with `args`, printing into the result instead of the terminal. `cwd`, when given, is
 * the working directory for the run (the test process's is restored after it).
 */
export async function runInProcess(
  name: string,
  main: Main,
  args: string[],
  options: { cwd?: string } = {},
): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const { log, info, warn, error } = console;
  const before = process.cwd();
  console.log = console.info = (...a: unknown[]) => void out.push(format(...a) + '\n');
  console.error = console.warn = (...a: unknown[]) => void err.push(format(...a) + '\n');
  try {
    if (options.cwd) process.chdir(options.cwd);
    const code = await runMain(name, main, args);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    process.chdir(before);
    Object.assign(console, { log, info, warn, error });
  }
}
