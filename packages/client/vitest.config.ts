import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Test files of a worker share loaded modules (importing the client and its test
    // servers anew per file cost more CPU than many of the tests); a test that changes
    // something global (fake timers) puts it back in its own hooks.
    isolate: false,
  },
});
