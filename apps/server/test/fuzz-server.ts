import { Writable } from 'node:stream';
import { afterEach, beforeEach, expect } from 'vitest';
import type { BuildAppOptions } from '../src/app.js';
import { FUZZ_KEY } from './fuzz-arbitraries.js';
import { type Started, start } from './helpers.js';

/**
 * What a fuzz test file checks after each test besides its own assertions: no unhandled
 * rejection and no server log line at error level (a crash in a handler shows up there).
 * Call once at the top of the file; `start` serves the app with the fuzz key and that log.
 */
export function guardAgainstCrashes(): { start(options: BuildAppOptions): Promise<Started> } {
  let errorLogs: string[] = [];
  let rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);

  beforeEach(() => {
    errorLogs = [];
    rejections = [];
    process.on('unhandledRejection', onRejection);
  });

  afterEach(() => {
    process.off('unhandledRejection', onRejection);
    expect(rejections).toEqual([]);
    expect(errorLogs).toEqual([]);
  });

  return {
    start: (options) =>
      start({
        apiKeys: [FUZZ_KEY],
        shutdownTimeoutMs: 200,
        ...options,
        logger: {
          level: 'error',
          stream: new Writable({
            write(line: Buffer, _encoding, done) {
              errorLogs.push(line.toString());
              done();
            },
          }),
        },
      }),
  };
}
