/**
 * The one way a maintainer script runs: `runCli(name, main)` calls `main` with the command
 * line arguments and exits with the number it returns. A `UsageError` (bad input the person
 * running the script can fix) or a bad option prints `name: message` and exits with the
 * error's code (2 unless it says otherwise); anything else prints the error and exits 2.
 */
import path from 'node:path';

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

export function runCli(name: string, main: (argv: string[]) => Promise<number> | number): void {
  Promise.resolve()
    .then(() => main(process.argv.slice(2)))
    .then(
      (code) => {
        process.exitCode = code;
      },
      (error: unknown) => {
        if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
          console.error(`${name}: ${(error as Error).message}`);
          process.exitCode = error instanceof UsageError ? error.exitCode : 2;
        } else {
          console.error(error);
          process.exitCode = 2;
        }
      },
    );
}
