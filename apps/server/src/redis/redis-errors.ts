import { RedisUnavailableError } from '../errors/redis-unavailable-error.js';

/** Turns any Redis failure (down, timeout, refused) into the 503 the routes answer with. */
export function unavailable(err: unknown): never {
  const raw = err instanceof Error ? err.message : String(err);
  // ioredis words a command refused while disconnected in terms of its own options.
  const detail = /enableOfflineQueue|Connection is closed/.test(raw) ? 'not connected' : raw;
  throw new RedisUnavailableError(detail.length > 120 ? `${detail.slice(0, 120)}…` : detail);
}
