/**
 * A pool of worker processes that render SVG to PNG (render-worker.ts), one per core, started
 * on first use. Processes, not threads: resvg renders in native code, which
 * `Worker.terminate()` cannot interrupt (a thread stuck in a filter that takes hours kept
 * `astro build` from ever exiting, and so did `process.exit`), while a process can be killed.
 * A worker holds the build open only while it has work, so a build ends as soon as its last
 * image is back; a job that fails rejects with the worker's error, a job not answered in time
 * kills its worker, and a worker that dies is replaced.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fromRepoRoot } from '../data/site/repo-root.ts';
import { fileURLToPath } from 'node:url';
import { fork, type ChildProcess } from 'node:child_process';
import type { RenderJob, RenderOptions, RenderReply, RenderRequest } from './render-png.ts';

interface Pending {
  job: RenderJob;
  resolve: (png: Uint8Array<ArrayBuffer>) => void;
  reject: (error: Error) => void;
  timer?: ReturnType<typeof setTimeout>;
}

export interface RenderPoolOptions {
  /** Workers at most. */
  size: number;
  /** The worker's source file (render-worker.ts). */
  file: string;
  /**
   * A job not answered in this time is rejected and its worker killed (a share card takes
   * ~15 ms; the default leaves room for a machine with every core busy).
   */
  timeoutMs?: number;
}

/**
 * The worker's source file: beside this module when it runs from src/ (tests, scripts), and
 * under the project root when this module is bundled into the build's prerender chunks.
 */
export function workerFile(): string {
  const beside = fileURLToPath(new URL('./render-worker.ts', import.meta.url));
  if (existsSync(beside)) return beside;
  const inProject = fromRepoRoot('src/og/render-worker.ts');
  if (existsSync(inProject)) return inProject;
  throw new Error(`render-worker.ts not found beside ${import.meta.url} nor at ${inProject}`);
}

type Worker = ChildProcess;

/** A job's time limit: `OG_RENDER_TIMEOUT_MS` when set (tests use a short one), else 60 s. */
export function renderTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.OG_RENDER_TIMEOUT_MS);
  return Number.isFinite(value) && value > 0 ? value : 60_000;
}

const hold = (worker: Worker, on: boolean) => {
  if (on) {
    worker.ref();
    (worker.channel as { ref?: () => void } | undefined)?.ref?.();
  } else {
    worker.unref();
    (worker.channel as { unref?: () => void } | undefined)?.unref?.();
  }
};

export class RenderPool {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Pending>();
  private readonly queue: Pending[] = [];
  private readonly all = new Set<Worker>();
  private started = 0;
  private nextId = 0;
  private readonly options: Required<RenderPoolOptions>;

  constructor(options: RenderPoolOptions) {
    this.options = { timeoutMs: renderTimeoutMs(), ...options };
  }

  render(request: RenderRequest): Promise<Uint8Array<ArrayBuffer>> {
    return new Promise((resolve, reject) => {
      this.queue.push({ job: { ...request, id: this.nextId++ }, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let worker = this.idle.pop();
      if (!worker) {
        if (this.started >= this.options.size) return;
        try {
          worker = this.spawn();
        } catch (error) {
          // Nothing was started: fail this job rather than leave it queued for ever.
          this.queue
            .shift()!
            .reject(
              new Error(
                `could not start a PNG render worker: ${error instanceof Error ? error.message : String(error)}`,
              ),
            );
          continue;
        }
      }
      const next = this.queue.shift()!;
      const started = worker;
      next.timer = setTimeout(() => {
        this.settle(started)?.reject(
          new Error(`rendering a PNG timed out after ${this.options.timeoutMs} ms; the worker was stopped`),
        );
        started.kill('SIGKILL');
      }, this.options.timeoutMs);
      this.busy.set(worker, next);
      hold(worker, true);
      worker.send(next.job);
    }
  }

  /** Takes the worker's job off the books (and its timer), if it has one. */
  private settle(worker: Worker): Pending | undefined {
    const pending = this.busy.get(worker);
    this.busy.delete(worker);
    if (pending?.timer) clearTimeout(pending.timer);
    return pending;
  }

  private spawn(): Worker {
    // Advanced serialisation carries the PNG bytes as a Uint8Array; stdio is shared so a
    // worker's warnings reach the build log.
    // No execArgv from the parent: a parent started with `node -e <code>` would pass its code on.
    const worker = fork(this.options.file, [], {
      execArgv: [],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.started++;
    this.all.add(worker);
    worker.on('message', (message) => {
      const reply = message as RenderReply;
      const pending = this.settle(worker);
      hold(worker, false);
      this.idle.push(worker);
      if (pending) {
        if ('png' in reply) pending.resolve(reply.png);
        else pending.reject(new Error(`rendering a PNG failed: ${reply.error}`));
      }
      this.pump();
    });
    let gone = false;
    const lost = (error: Error) => {
      if (gone) return;
      gone = true;
      this.all.delete(worker);
      const at = this.idle.indexOf(worker);
      if (at >= 0) this.idle.splice(at, 1);
      this.started--;
      this.settle(worker)?.reject(error);
      this.pump();
    };
    worker.on('error', lost);
    worker.on('exit', (code, signal) =>
      lost(new Error(`the PNG render worker exited with ${signal ? `signal ${signal}` : `code ${code}`}`)),
    );
    return worker;
  }

  /** Kills every worker and rejects every job still waiting. */
  close(): void {
    for (const pending of this.queue.splice(0)) pending.reject(new Error('the PNG render pool was closed'));
    for (const worker of [...this.all]) worker.kill('SIGKILL');
  }
}

let pool: RenderPool | undefined;

/** Renders on the shared pool (one worker per core, at most 4). */
function renderInPool(request: RenderRequest): Promise<Uint8Array<ArrayBuffer>> {
  try {
    pool ??= new RenderPool({ size: Math.max(1, Math.min(4, availableParallelism())), file: workerFile() });
  } catch (error) {
    return Promise.reject(error);
  }
  return pool.render(request);
}

/**
 * The same image as `renderPng`, drawn and compressed by a worker process of the pool above, so
 * that share images use every core while the build renders pages, and their 3 MB pixel buffers
 * never reach the build's heap. The worker picks the fonts.
 */
export function renderPngAsync(
  svg: string,
  options: Omit<RenderOptions, 'fonts'> = {},
): Promise<Uint8Array<ArrayBuffer>> {
  return renderInPool({ svg, ...options });
}
