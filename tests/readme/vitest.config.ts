import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Each snippet is a node process (and a server for the clients): sized for a loaded
    // 2-core machine. Waits are on the processes' own lines and exits; these bound a hang.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
