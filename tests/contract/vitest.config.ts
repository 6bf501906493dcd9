import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Sized for a loaded 2-core machine: most tests spawn processes or a browser. Waits
    // inside tests are on events; these only bound a test that hangs.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // Each cell starts real processes and sockets: keep them apart on a 2-core machine.
    fileParallelism: false,
  },
});
