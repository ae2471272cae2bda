import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Integration and end-to-end suites start real processes (host, keyring, Chromium):
    // with 2 cores, one file at a time keeps timings honest and ports uncontended.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // UI updates in Chromium can take longer than the 1 s default on a busy 2-core machine.
    expect: { poll: { timeout: 10_000, interval: 50 } },
  },
});
