import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Test files of a worker share loaded modules: the schemas are built once, not per
    // file (nothing here keeps state between files).
    isolate: false,
  },
});
