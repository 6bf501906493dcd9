import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Each cell starts real processes and sockets: keep them apart on a 2-core machine.
    fileParallelism: false,
  },
});
