/**
 * Global setup of the browser project: one snapshot of dist/ served on 127.0.0.1 and one
 * Chromium for every browser test file. Each file connects to that Chromium and works in its
 * own context (fresh cookies, storage and cache), so a file pays for a context, not for a
 * browser start and a copy of the site.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { startStaticServer } from '../../scripts/lib/static-server.ts';
import { CHROMIUM_FLAGS, chromiumPath } from '../../scripts/lib/chromium.ts';
import { DIST, assertBuilt } from './dist.ts';
import { assertChromium } from './chromium.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** What the browser project's files share: the site's origin and the browser to connect to. */
    sharedBrowser: { origin: string; wsEndpoint: string };
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  assertChromium();
  assertBuilt();
  // A snapshot, so a rebuild of dist/ started elsewhere during the run cannot pull files from
  // under the browser; one copy for the whole run.
  const site = mkdtempSync(join(tmpdir(), 'cncf-rust-catalog-dist-'));
  cpSync(DIST, site, { recursive: true });
  const server = await startStaticServer({ dir: site });
  let browser;
  try {
    browser = await chromium.launchServer({
      executablePath: chromiumPath(),
      headless: true,
      args: [...CHROMIUM_FLAGS],
    });
  } catch (error) {
    await server.close();
    rmSync(site, { recursive: true, force: true });
    throw error;
  }
  project.provide('sharedBrowser', { origin: server.origin, wsEndpoint: browser.wsEndpoint() });
  return async () => {
    await browser.close();
    await server.close();
    rmSync(site, { recursive: true, force: true });
  };
}
