import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Spawned servers and CLI processes on a busy 2-core machine: generous, never timed.
    testTimeout: 180_000,
    hookTimeout: 150_000,
    // oidc-provider warns about its development defaults on every start: not what we test.
    onConsoleLog: (log) => !log.startsWith('oidc-provider'),
  },
});
