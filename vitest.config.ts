import { defineConfig } from 'vitest/config';

// Three groups: pure modules and scripts (fast), the built site in dist/ (needs
// `npm run build:test` first), and real-browser tests against dist/ served under the base.
// Timeouts are sized for a loaded 2-core machine (tests spawn Node and Chromium; a run with
// both cores kept busy by something else must still pass): speed belongs to the benchmarks.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/scripts/**/*.test.ts', 'tests/content/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      { test: { name: 'site', include: ['tests/site/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 180_000 } },
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
