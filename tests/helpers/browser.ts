/**
 * Real-browser sessions for tests/browser: Debian's Chromium driven by playwright-core,
 * against dist/ served on 127.0.0.1 under the base path (static-server.ts). The browser
 * project's global setup (browser-setup.ts) starts one server and one Chromium for the whole
 * run; a session connects to them and opens its own context, so it starts with no cookies,
 * storage or cache of another file. Each session records every request URL and every console
 * error, and can tell which of them should not have happened.
 */
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startStaticServer, type StaticServer } from '../../scripts/lib/static-server.ts';
import { CHROMIUM_FLAGS } from '../../scripts/lib/chromium.ts';
import { BASE, assertBuilt } from './dist.ts';
import { CHROMIUM, assertChromium } from './chromium.ts';
// The type of what the global setup provides (`sharedBrowser`).
import type {} from './browser-setup.ts';

export { CHROMIUM, assertChromium };

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

/** The shared server as a StaticServer whose close() leaves it to the global teardown. */
function sharedServer(origin: string): StaticServer {
  return {
    origin,
    root: origin + BASE,
    url: (path = '/') => origin + BASE + path.replace(/^\/+/, ''),
    close: async () => undefined,
  };
}

/**
 * The browser and server to use: the run's shared ones when the global setup started them,
 * else (a file run under another configuration) a Chromium and a server of this session's own.
 */
async function connect(): Promise<{ browser: Browser; server: StaticServer; release: () => Promise<void> }> {
  const shared = inject('sharedBrowser');
  if (shared) {
    const browser = await chromium.connect(shared.wsEndpoint);
    return { browser, server: sharedServer(shared.origin), release: () => browser.close() };
  }
  assertChromium();
  assertBuilt();
  const server = await startStaticServer();
  try {
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_FLAGS] });
    return {
      browser,
      server,
      release: async () => {
        await browser.close();
        await server.close();
      },
    };
  } catch (error) {
    await server.close();
    throw error;
  }
}

export async function openBrowser(options: { javaScript?: boolean } = {}): Promise<BrowserSession> {
  const { browser, server, release } = await connect();
  let context: BrowserContext;
  try {
    context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      javaScriptEnabled: options.javaScript ?? true,
    });
  } catch (error) {
    await release();
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
      await context.close().catch(() => undefined);
      await release();
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
