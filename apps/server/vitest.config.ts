import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    // Test files of a worker share loaded modules: importing Fastify, zod and the server
    // anew for each of ~75 files cost more CPU than the tests themselves. Nothing here
    // keeps per-file state in a shared module except the cleanups, run by the setup file.
    isolate: false,
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
