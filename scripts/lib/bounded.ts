/**
 * Bounds for the tools' inputs, so no input can take a tool past its memory or its time:
 * a file is measured before it is read, a download is cut the moment it passes its limit
 * (a server that never stops sending ran `sync:landscape` to 14.8 GB before its check), and a
 * child process is killed at its deadline. Each failure is an `InputLimitError`: a
 * `UsageError` (exit 2 through `runCli`) with one line naming the input.
 */
import { statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { UsageError, shown } from './cli.ts';
import { describeFsError } from './safe-write.ts';

export class InputLimitError extends UsageError {}

/** A child process stopped at its deadline (exit 2, naming the command and its input). */
export class ChildTimeoutError extends InputLimitError {}

/**
 * For a `catch` that turns a failed child process into an answer ("no such commit", "not a
 * repository"): a deadline is no answer, so it goes on up and stops the tool.
 */
export function rethrowTimeout(error: unknown): void {
  if (error instanceof ChildTimeoutError) throw error;
}

/** Largest YAML or JSON data file a tool reads (landscape.yml is about 1.1 MB, crates.json 3 MB). */
export const MAX_DATA_BYTES = 64 * 1024 * 1024;

/**
 * How long one child process may run, in ms: `CATALOG_CHILD_TIMEOUT_MS`, else `fallback`.
 * A pathological `.gitattributes` kept one `git check-attr` busy past 240 s.
 */
export function childTimeoutMs(fallback = 600_000): number {
  const value = Number(process.env.CATALOG_CHILD_TIMEOUT_MS);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

const tooBig = (file: string, size: number | string, max: number) =>
  new InputLimitError(`${shown(file)}: ${size} bytes (expected at most ${max})`);

/** A file's text, refused without reading it when it is over `maxBytes`. */
export async function readBounded(file: string, maxBytes: number): Promise<string> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (error) {
    throw new InputLimitError(`could not read ${shown(file)}: ${describeFsError(error)}`);
  }
  if (size > maxBytes) throw tooBig(file, size, maxBytes);
  const text = await readFile(file, 'utf8');
  // It may have grown since it was measured.
  if (Buffer.byteLength(text) > maxBytes) throw tooBig(file, `more than ${maxBytes}`, maxBytes);
  return text;
}

/** `readBounded`, synchronous. */
export function readBoundedSync(file: string, maxBytes: number, read: (file: string) => string): string {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (error) {
    throw new InputLimitError(`could not read ${shown(file)}: ${describeFsError(error)}`);
  }
  if (size > maxBytes) throw tooBig(file, size, maxBytes);
  const text = read(file);
  if (Buffer.byteLength(text) > maxBytes) throw tooBig(file, `more than ${maxBytes}`, maxBytes);
  return text;
}

/**
 * A response body as text, read chunk by chunk and cancelled as soon as it passes `maxBytes`
 * (the Content-Length header, when there is one, is checked first, but a server may lie or
 * send none). `source` names the input in the message.
 */
export async function readBodyBounded(response: Response, maxBytes: number, source: string): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw new InputLimitError(`${source}: ${declared} bytes (expected at most ${maxBytes})`);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new InputLimitError(`${source}: more than ${maxBytes} bytes (cut off there)`);
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8').decode(Buffer.concat(chunks));
}
