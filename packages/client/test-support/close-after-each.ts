import { afterEach } from 'vitest';

/** What a test opens and must close: a client or a test server. */
export interface Closable {
  close(): unknown;
}

/**
 * Registers an `afterEach` (in the enclosing `describe`, or for the file) that closes, newest
 * first, everything the test passed to the returned function, and then forgets it. The
 * returned function hands its argument back, so a test writes
 * `const server = closeLater(await startScriptedServer())`.
 */
export function closeAfterEach(): <T extends Closable>(resource: T) => T {
  const open: Closable[] = [];
  afterEach(async () => {
    for (const resource of open.splice(0).reverse()) await resource.close();
  });
  return (resource) => {
    open.push(resource);
    return resource;
  };
}
