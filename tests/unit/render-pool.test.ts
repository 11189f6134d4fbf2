import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RenderPool, workerFile } from '../../src/og/render-pool.ts';
import { pngSize } from '../helpers/png.ts';

const fixture = (name: string) => join(import.meta.dirname, '../fixtures/workers', name);
const square =
  '<svg xmlns="http://www.w3.org/2000/svg" width="6" height="6"><rect width="6" height="6" fill="#123456"/></svg>';

describe('RenderPool', () => {
  it('renders with the real worker, more jobs than workers', async () => {
    const pool = new RenderPool({ size: 2, file: workerFile() });
    const pngs = await Promise.all(Array.from({ length: 5 }, () => pool.render({ svg: square })));
    for (const png of pngs) expect(pngSize(png)).toEqual({ width: 6, height: 6 });
  });

  it('rejects every job, instead of hanging, when no worker can start', async () => {
    const pool = new RenderPool({ size: 2, file: join(import.meta.dirname, 'no-such-worker.mjs') });
    const results = await Promise.allSettled(Array.from({ length: 4 }, () => pool.render({ svg: square })));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
  });

  it('rejects a job its worker does not answer in time, stops that worker and goes on', async () => {
    const pool = new RenderPool({ size: 1, file: fixture('silent.mjs'), timeoutMs: 150 });
    const results = await Promise.allSettled([pool.render({ svg: square }), pool.render({ svg: square })]);
    for (const r of results)
      expect(r.status === 'rejected' && String(r.reason)).toMatch(/timed out after 150 ms; the worker was stopped/);
  });

  it('rejects the job of a worker that dies, and starts another for the next job', async () => {
    const pool = new RenderPool({ size: 1, file: fixture('crash.mjs') });
    const results = await Promise.allSettled([pool.render({ svg: square }), pool.render({ svg: square })]);
    for (const r of results) expect(r.status === 'rejected' && String(r.reason)).toMatch(/exited with code 3/);
  });
});
