/** Where the browser tests find Chromium, and the message when it is not there. */
import { existsSync } from 'node:fs';
import { chromiumPath } from '../../scripts/lib/chromium.ts';

export const CHROMIUM = chromiumPath();

/** Fails with instructions, not a skip, when the browser is not installed. */
export function assertChromium(): void {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium is missing at ${CHROMIUM}: the browser tests need Debian's Chromium. ` +
        'Install it with `apt-get update && apt-get install -y chromium` (.ci/run does this in CI), ' +
        'or set CHROMIUM_PATH to another Chromium binary.',
    );
}
