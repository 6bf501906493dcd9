import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';
import { resolveReconnectOptions } from './reconnect-options.js';

describe('backoffDelay', () => {
  it('draws in [0, min(max, initial * 2^(attempt-1))), floored by the retry hint', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: undefined }),
        (attempt, draw, retry) => {
          const options = { ...resolveReconnectOptions(), random: () => draw };
          const delay = backoffDelay(attempt, options, retry);
          const ceiling = Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** (attempt - 1));
          const floor = retry ? Math.min(retry, options.maxDelayMs) : 0;
          expect(delay).toBeGreaterThanOrEqual(floor);
          expect(delay).toBeLessThanOrEqual(Math.max(floor, ceiling));
          expect(Number.isInteger(delay)).toBe(true);
        },
      ),
    );
  });

  it('grows with the attempt (full jitter at the top of the draw)', () => {
    const options = { ...resolveReconnectOptions(), random: () => 0.999 };
    const delays = [1, 2, 3, 4, 5, 10].map((attempt) => backoffDelay(attempt, options));
    expect(delays).toEqual([499, 999, 1998, 3996, 7992, 29_970]);
  });

  it('falls back to defaults for nonsense options', () => {
    const options = resolveReconnectOptions({ maxAttempts: -1, initialDelayMs: Number.NaN });
    expect(options.maxAttempts).toBe(10);
    expect(options.initialDelayMs).toBe(500);
    expect(options.heartbeatKnown).toBe(false);
    expect(resolveReconnectOptions({ heartbeatMs: 200 }).heartbeatKnown).toBe(true);
  });
});
