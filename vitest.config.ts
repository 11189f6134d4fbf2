import { defineConfig } from 'vitest/config';

// Three groups: pure modules and scripts (fast), the built site in dist/ (needs
// `npm run build:test` first), and real-browser tests against dist/ served under the base.
export default defineConfig({
  test: {
    projects: [
      // Script tests start Node 24 processes: 30 s leaves room for a 2-core box with both cores busy.
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts', 'tests/scripts/**/*.test.ts', 'tests/content/**/*.test.ts'], testTimeout: 30_000 } },
      { test: { name: 'site', include: ['tests/site/**/*.test.ts'] } },
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
