/**
 * Worker process of render-pool.ts: renders each SVG it is sent with `renderPng` and sends the
 * PNG bytes back. Text is drawn with Latin subsets of the fonts when
 * they cover it (same pixels, about five times faster: font-subset.ts), else with the whole
 * fonts; if the subsets cannot be made, every image uses the whole fonts.
 */
import { fontFiles, renderPng, type RenderJob, type RenderReply } from './render-png.ts';
import { coveredBySubset, subsetFontFiles } from './font-subset.ts';

const send = process.send?.bind(process);
if (!send) throw new Error('render-worker.ts runs as a worker process of render-pool.ts (forked with an IPC channel)');
const full = fontFiles();
const subsets = subsetFontFiles(full).catch((error: unknown) => {
  console.warn(`share images: drawing with the whole fonts, the subsets failed: ${String(error)}`);
  return undefined;
});
// Listening at once: an IPC message that arrives before its listener is lost.
process.on('disconnect', () => process.exit(0));
process.on('message', async (message) => {
  const { id, svg, ...options } = message as RenderJob;
  const subset = await subsets;
  let reply: RenderReply;
  try {
    const png = renderPng(svg, { ...options, fonts: subset && coveredBySubset(svg) ? subset : full });
    reply = { id, png };
    send(reply);
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
    send(reply);
  }
});
