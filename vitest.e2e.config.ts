import { defineConfig } from 'vitest/config';

// End-to-end: the built extension in real Chromium and Firefox ESR against the replica portal.
// One browser at a time (2-core machines): files run one after another.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // A browser test that passes only on a retry is flaky, and flaky is failing.
    retry: 0,
  },
});
