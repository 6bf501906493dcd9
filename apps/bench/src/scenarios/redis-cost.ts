import type { LoopTiming } from '../load/closed-loop.js';
import { cpuPerCall } from '../report/rows.js';
import type { ServerKind } from '../servers/kinds.js';
import { startRedis } from '../servers/redis-server.js';
import { runThroughput } from './throughput.js';

/** One instance on Redis against one in memory, 50 x 4 echo. */
export interface RedisCostResult {
  kind: ServerKind;
  memory: { callsPerSec: number; p99Ms: number; serverUsPerCall: number };
  redis: {
    callsPerSec: number;
    p99Ms: number;
    serverUsPerCall: number;
    redisUsPerCall: number;
  };
  errors: number;
}

/**
 * What sharing sessions through Redis costs per call: the same 50 x 4 echo load on a fresh
 * server in memory and on a fresh one backed by a throwaway redis-server, with the CPU time
 * of the server and of redis-server per call.
 */
export async function runRedisCost(
  timing: LoopTiming,
  kind: ServerKind = 'ours-json',
): Promise<RedisCostResult> {
  const memory = await runThroughput(kind, 50, 4, timing);
  const redis = await startRedis();
  try {
    const shared = await runThroughput(kind, 50, 4, timing, {
      launch: { tweaks: { redisUrl: redis.url } },
      watchPids: [redis.pid],
    });
    const count = (r: typeof memory) =>
      Object.values(r.errors).reduce((a, b) => a + b, 0) +
      Object.values(r.openErrors).reduce((a, b) => a + b, 0);
    return {
      kind,
      memory: {
        callsPerSec: memory.callsPerSec,
        p99Ms: memory.p99Ms,
        serverUsPerCall: cpuPerCall(memory),
      },
      redis: {
        callsPerSec: shared.callsPerSec,
        p99Ms: shared.p99Ms,
        serverUsPerCall: cpuPerCall(shared),
        redisUsPerCall:
          ((shared.watchedCpuPct[0] ?? Number.NaN) / 100) * (1e6 / shared.callsPerSec),
      },
      errors: count(memory) + count(shared),
    };
  } finally {
    await redis.stop();
  }
}

/**
 * Calls/s that `n` instances on `n` cores would carry, from the measured CPU per call: each
 * instance is bound by its own core, the one Redis (single-threaded) by one core of its own.
 */
export function instancesEstimate(
  serverUsPerCall: number,
  redisUsPerCall: number,
  n: number,
): number {
  const servers = (n * 1e6) / serverUsPerCall;
  const redis = redisUsPerCall > 0 ? 1e6 / redisUsPerCall : Number.POSITIVE_INFINITY;
  return Math.min(servers, redis);
}
