/**
 * The one way a maintainer script runs: `runCli(name, main)` calls `main` with the command
 * line arguments and exits with the number it returns. A `UsageError` (bad input the person
 * running the script can fix) or a bad option prints `name: message` and exits with the
 * error's code (2 unless it says otherwise); anything else prints the error and exits 2.
 */
import path from 'node:path';
import { describeFsError } from './safe-write.ts';

export class UsageError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 2) {
    super(message);
    this.exitCode = exitCode;
  }
}

/** A path for messages: relative to the working directory when inside it. */
export function shown(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

/**
 * Runs a command's `main` with the given arguments and resolves to its exit code, printing a
 * failure as `name: message` (never a stack). Tests call it in-process: one Node start per
 * script is enough to prove the exit codes, the rest of its logic needs none.
 */
export async function runMain(
  name: string,
  main: (argv: string[]) => Promise<number> | number,
  argv: string[],
): Promise<number> {
  try {
    return await main(argv);
  } catch (error: unknown) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${name}: ${(error as Error).message}`);
      return error instanceof UsageError ? error.exitCode : 2;
    }
    if ((error as NodeJS.ErrnoException).code) {
      // An operating-system error (EPERM, EACCES, ENOSPC...): its code and path, not a stack.
      console.error(`${name}: ${describeFsError(error)}`);
      return 2;
    }
    // Never a raw stack trace: a bug still says which command failed and why.
    console.error(`${name}: unexpected error: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
}

/**
 * Runs `main` with the command line and exits with its code. Given the script's `import.meta`,
 * it runs only when the script is the program Node started, so a test can import the script
 * and call its `main` through `runMain` without starting the command.
 */
export function runCli(name: string, main: (argv: string[]) => Promise<number> | number, module?: ImportMeta): void {
  if (module && !module.main) return;
  void runMain(name, main, process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
