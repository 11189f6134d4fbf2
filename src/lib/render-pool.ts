/**
 * A pool of worker threads that render SVG to PNG (render-worker.ts), one per core, started
 * on first use. A worker holds the process open only while it has work, so a build ends as
 * soon as its last image is back; a job that fails rejects with the worker's error, and a
 * worker that dies is replaced.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/** What to draw: the SVG and the `renderPng` options other than fonts. */
export interface RenderRequest {
  svg: string;
  width?: number;
  background?: string;
}
export interface RenderJob extends RenderRequest {
  id: number;
}
export type RenderReply = { id: number; png: Uint8Array<ArrayBuffer> } | { id: number; error: string };

interface Pending {
  job: RenderJob;
  resolve: (png: Uint8Array<ArrayBuffer>) => void;
  reject: (error: Error) => void;
}

/**
 * The worker's source file: beside this module when it runs from src/ (tests, scripts), and
 * under the project root when this module is bundled into the build's prerender chunks.
 */
export function workerFile(): string {
  const beside = fileURLToPath(new URL('./render-worker.ts', import.meta.url));
  if (existsSync(beside)) return beside;
  const fromRoot = join(process.cwd(), 'src/lib/render-worker.ts');
  if (existsSync(fromRoot)) return fromRoot;
  throw new Error(`render-worker.ts not found beside ${import.meta.url} nor under ${process.cwd()}/src/lib/`);
}

class RenderPool {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Pending>();
  private readonly queue: Pending[] = [];
  private started = 0;
  private nextId = 0;
  private readonly size: number;

  constructor(size: number) {
    this.size = size;
  }

  render(request: RenderRequest): Promise<Uint8Array<ArrayBuffer>> {
    return new Promise((resolve, reject) => {
      this.queue.push({ job: { ...request, id: this.nextId++ }, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const worker = this.idle.pop() ?? (this.started < this.size ? this.spawn() : undefined);
      if (!worker) return;
      const next = this.queue.shift()!;
      this.busy.set(worker, next);
      worker.ref();
      worker.postMessage(next.job);
    }
  }

  private spawn(): Worker {
    this.started++;
    const worker = new Worker(workerFile());
    worker.on('message', (reply: RenderReply) => {
      const pending = this.busy.get(worker);
      this.busy.delete(worker);
      worker.unref();
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
      const pending = this.busy.get(worker);
      this.busy.delete(worker);
      const at = this.idle.indexOf(worker);
      if (at >= 0) this.idle.splice(at, 1);
      this.started--;
      pending?.reject(error);
      this.pump();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`the PNG render worker exited with code ${code}`)));
    return worker;
  }
}

let pool: RenderPool | undefined;

/** Renders on the shared pool (one worker per core, at most 4). */
export function renderInPool(request: RenderRequest): Promise<Uint8Array<ArrayBuffer>> {
  pool ??= new RenderPool(Math.max(1, Math.min(4, availableParallelism())));
  return pool.render(request);
}
