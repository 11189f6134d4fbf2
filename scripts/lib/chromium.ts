/**
 * The one Chromium command line of the project's browser runs (the browser tests and the
 * Lighthouse audit): headless, without the sandbox a container cannot give it, and with
 * nothing that reaches the network on its own, so every request a run sees is one a page made.
 */
export const CHROMIUM_FLAGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Debian's Chromium (`apt-get install chromium`), unless CHROMIUM_PATH names another binary. */
export const chromiumPath = (env: NodeJS.ProcessEnv = process.env): string => env.CHROMIUM_PATH ?? '/usr/bin/chromium';
