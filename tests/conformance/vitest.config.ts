import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Each file starts real processes (our server, the suite, a client per scenario): keep
    // them apart on a 2-core machine and give them time.
    testTimeout: 300_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
