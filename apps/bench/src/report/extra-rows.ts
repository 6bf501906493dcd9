import { instancesEstimate } from '../scenarios/redis-cost.js';
import { median } from './median.js';
import type { BenchResults } from './results.js';
import { type Row, ratioTarget } from './row.js';
import { cpuPerCall } from './rows.js';

const med = <T>(runs: readonly T[], pick: (run: T) => number) => median(runs.map(pick));
const pairedRatio = <T>(runs: readonly T[], a: (run: T) => number, b: (run: T) => number) =>
  median(runs.map((run) => a(run) / b(run)));

/** Resumability on against off (our server, SSE answers, 1 x 32). */
export function resumeRows(results: BenchResults): Row[] {
  const runs = results.resume ?? [];
  if (runs.length === 0) return [];
  const group = `1x32, ${runs[0]!.kind}`;
  const judge = { section: 'resumability', first: 'on', anchor: 'off' };
  const row = (
    metric: string,
    pick: (r: (typeof runs)[number]['on']) => number,
    extra: Partial<Row> = {},
  ): Row => ({
    group,
    metric,
    values: { on: med(runs, (r) => pick(r.on)), off: med(runs, (r) => pick(r.off)) },
    ratios: {
      off: pairedRatio(
        runs,
        (r) => pick(r.on),
        (r) => pick(r.off),
      ),
    },
    ...extra,
  });
  return [
    row('calls/s', (r) => r.callsPerSec, {
      target: ratioTarget('on', 'off', '>=', 0.85, 'on/off >= 0.85 (costs <= 15%)'),
      judge,
    }),
    row('server CPU µs/call', cpuPerCall),
    row('p99 ms', (r) => r.p99Ms, { digits: 2 }),
  ];
}

/** Redis against memory (one instance), and what N instances would carry. */
export function redisRows(results: BenchResults): Row[] {
  const runs = results.redisCost ?? [];
  if (runs.length === 0) return [];
  const group = `50x4, ${runs[0]!.kind}`;
  const judge = { section: 'Redis', first: 'redis', anchor: 'memory' };
  const rows: Row[] = [
    {
      group,
      metric: 'calls/s',
      values: {
        redis: med(runs, (r) => r.redis.callsPerSec),
        memory: med(runs, (r) => r.memory.callsPerSec),
      },
      ratios: {
        memory: pairedRatio(
          runs,
          (r) => r.redis.callsPerSec,
          (r) => r.memory.callsPerSec,
        ),
      },
    },
    {
      group,
      metric: 'server CPU µs/call',
      values: {
        redis: med(runs, (r) => r.redis.serverUsPerCall),
        memory: med(runs, (r) => r.memory.serverUsPerCall),
      },
      ratios: {
        memory: pairedRatio(
          runs,
          (r) => r.redis.serverUsPerCall,
          (r) => r.memory.serverUsPerCall,
        ),
      },
      digits: 1,
      target: ratioTarget('redis', 'memory', '<=', 2, 'redis/memory <= 2'),
      judge,
    },
    {
      group,
      metric: 'redis-server CPU µs/call',
      values: { redis: med(runs, (r) => r.redis.redisUsPerCall), memory: 0 },
      digits: 1,
    },
    {
      group,
      metric: 'server + Redis CPU µs/call',
      values: {
        redis: med(runs, (r) => r.redis.serverUsPerCall + r.redis.redisUsPerCall),
        memory: med(runs, (r) => r.memory.serverUsPerCall),
      },
      ratios: {
        memory: pairedRatio(
          runs,
          (r) => r.redis.serverUsPerCall + r.redis.redisUsPerCall,
          (r) => r.memory.serverUsPerCall,
        ),
      },
      digits: 1,
    },
    {
      group,
      metric: 'p99 ms',
      values: {
        redis: med(runs, (r) => r.redis.p99Ms),
        memory: med(runs, (r) => r.memory.p99Ms),
      },
      digits: 2,
    },
    { group, metric: 'errors', values: { redis: med(runs, (r) => r.errors) } },
  ];
  const server = med(runs, (r) => r.redis.serverUsPerCall);
  const redis = med(runs, (r) => r.redis.redisUsPerCall);
  for (const n of [1, 2, 4, 8]) {
    rows.push({
      group: `${n} instance${n > 1 ? 's' : ''} on ${n} core${n > 1 ? 's' : ''} (estimate)`,
      metric: 'calls/s',
      values: { redis: instancesEstimate(server, redis, n) },
    });
  }
  return rows;
}
