import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Sized for a loaded 2-core machine: several tests spawn the built demo, which starts a
    // server and a client. Waits inside tests are on events; these only bound a hang.
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
