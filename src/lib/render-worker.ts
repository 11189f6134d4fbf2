/**
 * Worker thread of render-pool.ts: renders each SVG it is sent with `renderPng` and sends the
 * PNG bytes back (transferred, not copied).
 */
import { parentPort } from 'node:worker_threads';
import { renderPng } from './render-png.ts';
import type { RenderJob, RenderReply } from './render-pool.ts';

const port = parentPort;
if (!port) throw new Error('render-worker.ts runs as a worker thread of render-pool.ts');
port.on('message', ({ id, svg, width }: RenderJob) => {
  let reply: RenderReply;
  try {
    const png = renderPng(svg, width);
    reply = { id, png };
    port.postMessage(reply, [png.buffer]);
  } catch (error) {
    reply = { id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    port.postMessage(reply);
  }
});
