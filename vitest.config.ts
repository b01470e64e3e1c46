import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // 2 cores: browser tests and crawls are heavy; two files at a time keeps timings sane.
    maxWorkers: 2,
  },
});
