import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{harness,scenarios,scripts,test}/**/*.test.ts'],
    // Cell processes and workers compete for the same 2 cores: one test file at a time keeps
    // the measured processes from starving each other into timeouts.
    fileParallelism: false,
    testTimeout: 120_000,
    globalSetup: ['./vitest.global-setup.ts'],
  },
});
