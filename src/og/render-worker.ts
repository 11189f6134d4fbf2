/**
 * Worker thread of render-pool.ts: renders each SVG it is sent with `renderPng` and sends the
 * PNG bytes back (transferred, not copied). Text is drawn with Latin subsets of the fonts when
 * they cover it (same pixels, about five times faster: font-subset.ts), else with the whole
 * fonts; if the subsets cannot be made, every image uses the whole fonts.
 */
import { parentPort } from 'node:worker_threads';
import { fontFiles, renderPng, type RenderJob, type RenderReply } from './render-png.ts';
import { coveredBySubset, subsetFontFiles } from './font-subset.ts';

const port = parentPort;
if (!port) throw new Error('render-worker.ts runs as a worker thread of render-pool.ts');
const full = fontFiles();
const subset = await subsetFontFiles(full).catch((error: unknown) => {
  console.warn(`share images: drawing with the whole fonts, the subsets failed: ${String(error)}`);
  return undefined;
});
// Jobs sent while the subsets were being made wait in the port's queue until this listener.
port.on('message', ({ id, svg, ...options }: RenderJob) => {
  let reply: RenderReply;
  try {
    const png = renderPng(svg, { ...options, fonts: subset && coveredBySubset(svg) ? subset : full });
    reply = { id, png };
    port.postMessage(reply, [png.buffer]);
  } catch (error) {
    reply = { id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    port.postMessage(reply);
  }
});
