/**
 * Real-browser sessions for tests/browser: Debian's Chromium driven by playwright-core,
 * against a snapshot of dist/ served on 127.0.0.1 under the base path (static-server.ts). Each session has
 * a fresh profile, records every request URL and every console error, and can tell which of
 * them should not have happened.
 */
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startStaticServer, type StaticServer } from '../../scripts/lib/static-server.ts';
import { DIST, assertBuilt } from './dist.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface BrowserSession {
  server: StaticServer;
  context: BrowserContext;
  /** Every URL the pages requested, in order. */
  requests: string[];
  /** Console errors and uncaught page errors, with the page they came from. */
  errors: string[];
  newPage(options?: { width?: number; height?: number }): Promise<Page>;
  /** Requests that went anywhere but the test server (data: and blob: URLs are not requests). */
  offOrigin(): string[];
  /** Accepts the console's 404 report for a URL the test opens on purpose. */
  expectNotFound(url: string): void;
  close(): Promise<void>;
}

/** Fails with instructions, not a skip, when the browser is not installed. */
export function assertChromium(): void {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium is missing at ${CHROMIUM}: the browser tests need Debian's Chromium. ` +
        'Install it with `apt-get update && apt-get install -y chromium` (.ci/run does this in CI), ' +
        'or set CHROMIUM_PATH to another Chromium binary.',
    );
}

export async function openBrowser(options: { javaScript?: boolean } = {}): Promise<BrowserSession> {
  assertChromium();
  assertBuilt();
  // Serve a snapshot of dist/, so a rebuild started elsewhere during the tests cannot pull
  // files from under the browser.
  const site = mkdtempSync(join(tmpdir(), 'cncf-rust-catalog-dist-'));
  cpSync(DIST, site, { recursive: true });
  const server = await startStaticServer({ dir: site });
  const profile = mkdtempSync(join(tmpdir(), 'cncf-rust-catalog-chromium-'));
  const cleanUp = () => {
    rmSync(profile, { recursive: true, force: true });
    rmSync(site, { recursive: true, force: true });
  };
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      viewport: { width: 1280, height: 900 },
      javaScriptEnabled: options.javaScript ?? true,
    });
  } catch (error) {
    await server.close();
    cleanUp();
    throw error;
  }
  const requests: string[] = [];
  const errors: string[] = [];
  const notFound = new Set<string>();
  context.on('request', (request) => requests.push(request.url()));
  context.on('console', (message) => {
    if (message.type() !== 'error') return;
    const where = message.location().url;
    if (notFound.has(where) && /status of 404/.test(message.text())) return;
    errors.push(`${message.page()?.url() ?? where}: ${message.text()}`);
  });
  context.on('weberror', (error) => errors.push(`${error.page()?.url() ?? '?'}: uncaught ${error.error().message}`));
  // The persistent context opens with one blank tab; tests make their own.
  for (const page of context.pages()) await page.close();

  return {
    server,
    context,
    requests,
    errors,
    async newPage({ width = 1280, height = 900 } = {}) {
      const page = await context.newPage();
      await page.setViewportSize({ width, height });
      return page;
    },
    offOrigin: () => requests.filter((url) => !url.startsWith(`${server.origin}/`) && !/^(data|blob):/.test(url)),
    expectNotFound: (url) => notFound.add(url),
    async close() {
      await context.close();
      await server.close();
      cleanUp();
    },
  };
}

/**
 * One session for a test file: opened before its tests, closed after them, and every test
 * must end with no console error and no request that left 127.0.0.1. Returns the session's
 * getter (it exists once the file's first hook has run).
 */
export function useBrowserSession(options: { javaScript?: boolean } = {}): () => BrowserSession {
  let session: BrowserSession | undefined;
  const current = () => {
    if (!session) throw new Error('the browser session is not open yet: use it inside hooks and tests');
    return session;
  };
  beforeAll(async () => {
    session = await openBrowser(options);
  });
  afterAll(async () => {
    await session?.close();
  });
  afterEach(() => {
    const { errors, requests } = current();
    const offOrigin = current().offOrigin();
    // Each test answers for its own errors and requests, not for those of the test before it.
    const seen = [...errors];
    errors.length = 0;
    requests.length = 0;
    expect(seen, 'console errors').toEqual([]);
    expect(offOrigin, 'requests that left 127.0.0.1').toEqual([]);
  });
  return current;
}

/** Makes the next page loads start with no saved theme and the given system preference. */
export async function resetTheme(page: Page, scheme: 'light' | 'dark' = 'light'): Promise<void> {
  await page.emulateMedia({ colorScheme: scheme });
  await page.evaluate(() => localStorage.clear());
}
