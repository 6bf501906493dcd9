import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // A copy of the repository is installed, versioned, built and packed, then the tarballs
    // are installed with npm: minutes on a loaded 2-core machine. These bound a hang.
    testTimeout: 180_000,
    hookTimeout: 900_000,
  },
});
