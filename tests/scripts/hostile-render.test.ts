/**
 * Hostile input: a logo that passes every check but takes forever to draw (an SVG
 * filter explosion). resvg renders in native code, which a worker thread cannot interrupt:
 * the pool renders in worker processes and kills one that overruns, so the job fails with a
 * message and the process that asked (the build) ends.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { logoProblems } from '../../src/validation/logo-safety.ts';

const root = path.resolve(import.meta.dirname, '../..');
const node = path.join(root, 'node_modules/.bin/node');

/** Accepted by validation (filters are allowed), and hours of work for resvg at card size. */
export const FILTER_BOMB =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1200 630"><filter id="f" x="-100" y="-100" width="200" height="200"><feMorphology operator="dilate" radius="300"/></filter><rect width="1200" height="630" filter="url(#f)"/></svg>';

function renderInChild(svg: string, timeoutMs: number): Promise<{ code: number | null; stderr: string; ms: number }> {
  const program = `
    import { renderPngAsync } from ${JSON.stringify(path.join(root, 'src/og/render-pool.ts'))};
    await renderPngAsync(${JSON.stringify(svg)});
    console.log('rendered');
  `;
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(node, ['--input-type=module', '-e', program], {
      cwd: root,
      env: { ...process.env, OG_RENDER_TIMEOUT_MS: String(timeoutMs) },
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stderr, ms: Date.now() - started }));
  });
}

describe('a render that exceeds its time', () => {
  it('is accepted by validation (only the time limit can stop it)', () => {
    expect(logoProblems(FILTER_BOMB)).toEqual([]);
  });

  it('fails with a message and the process ends, its worker killed', async () => {
    const r = await renderInChild(FILTER_BOMB, 2_000);
    expect(r.code).not.toBe(0);
    expect(r.code).not.toBeNull();
    expect(r.stderr).toContain('rendering a PNG timed out after 2000 ms; the worker was stopped');
  });

  it('a normal image still renders in the same setup', async () => {
    const r = await renderInChild(
      '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4"/></svg>',
      60_000,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});
