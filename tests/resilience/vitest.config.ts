import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 90_000,
    hookTimeout: 30_000,
    // Real sockets and timing-dependent chaos: one file at a time on a 2-core machine.
    fileParallelism: false,
  },
});
