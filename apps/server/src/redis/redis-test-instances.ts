// Test-only: imported by the Redis session tests, never by the package entry, so it stays
// out of the build.
import { Redis } from 'ioredis';
import { onCleanup, type Started, start } from '../../test/helpers.js';
import { startRedisServer } from '../../test/redis-server.js';
import type { BuildAppOptions } from '../app.js';

/** Two instances, and the Redis connection and key prefix they share (for a test to look inside). */
export type TwoRedisInstances = [Started, Started] & { redis: Redis; prefix: string };

/**
 * Two instances in this process on one throwaway Redis, with `options` and their keys
 * under `prefix`: what a test of sessions shared across instances starts from.
 */
export async function twoRedisInstances(
  options: BuildAppOptions,
  prefix: string,
): Promise<TwoRedisInstances> {
  const path = await startRedisServer();
  const client = new Redis({ path, lazyConnect: true });
  onCleanup(async () => client.disconnect());
  // A generous command bound: on a busy machine a 2 s Redis timeout hands sessions back,
  // which none of these tests is about (the Redis outage tests start their own).
  const redis = { client, prefix: `${prefix}-${process.pid}:`, commandTimeoutMs: 30_000 };
  const shared = { ...options, redis };
  const started: [Started, Started] = [await start(shared), await start(shared)];
  return Object.assign(started, { redis: client, prefix: redis.prefix });
}
