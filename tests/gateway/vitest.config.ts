import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    globalSetup: ['src/servers/compile-showcase.ts'],
    // Every test spawns bridges (node processes) and servers: generous bounds for a busy
    // machine, not speed expectations.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // Mostly waiting on child processes: two files at a time, not more on a 2-core machine.
    maxWorkers: 2,
  },
});
