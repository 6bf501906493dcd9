import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Child processes and a real Redis: one file at a time on a 2-core machine.
    fileParallelism: false,
  },
});
