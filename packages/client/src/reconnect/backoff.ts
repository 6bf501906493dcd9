import type { ResolvedReconnectOptions } from './reconnect-options.js';

/**
 * The delay before reconnect attempt `attempt` (1-based): exponential backoff with full
 * jitter (a uniform draw in [0, min(maxDelay, initial * 2^(attempt-1)))), so that many
 * clients dropped at once do not come back in lockstep. The server's `retry:` hint is a
 * floor: it asked us to wait at least that long.
 */
export function backoffDelay(
  attempt: number,
  options: Pick<ResolvedReconnectOptions, 'initialDelayMs' | 'maxDelayMs' | 'random'>,
  retryHintMs?: number,
): number {
  const exponent = Math.min(Math.max(0, attempt - 1), 30);
  const ceiling = Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** exponent);
  const draw = Math.min(Math.max(options.random(), 0), 1);
  const jittered = Math.floor(draw * ceiling);
  const floor =
    retryHintMs !== undefined && retryHintMs > 0 ? Math.min(retryHintMs, options.maxDelayMs) : 0;
  return Math.max(floor, jittered);
}
