import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Three groups: pure modules and scripts (fast), the built site in dist/ (needs
// `npm run build:test` first), and real-browser tests against dist/ served under the base.
// Timeouts are sized for a loaded 2-core machine (tests spawn Node and Chromium; a run with
// both cores kept busy by something else must still pass): speed belongs to the benchmarks.
export default defineConfig({
  test: {
    // A worker per core: vitest's default (cores − 1) runs every file on one worker on a
    // 2-core machine, leaving the other core to wait.
    maxWorkers: availableParallelism(),
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/scripts/**/*.test.ts', 'tests/content/**/*.test.ts'],
          // A worker's files share its modules (zod, js-yaml, the schemas are imported once, not
          // once per file: half the project's CPU time). Tests leave no global state behind:
          // runInProcess restores the working directory and console, vi.stubEnv is undone.
          isolate: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'site',
          include: ['tests/site/**/*.test.ts'],
          // The files only read dist/: sharing a worker's modules lets tests/helpers/dist.ts walk
          // dist/ and read each page once for all of them.
          isolate: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          // One static server and one Chromium for every file; each file opens its own context,
          // so files run side by side, one per core, in the same browser. A worker's files share
          // its modules: playwright and axe load once, dist/ is walked once.
          globalSetup: ['tests/helpers/browser-setup.ts'],
          isolate: false,
          // expect.poll waits for what pages do after a click (search results, table filters);
          // its default of 1 s is too short when other work keeps both cores busy.
          expect: { poll: { timeout: 15_000 } },
          testTimeout: 240_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
