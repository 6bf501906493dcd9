import { createPostAgent } from '../load/agents.js';
import { type LoopTiming, runClosedLoop } from '../load/closed-loop.js';
import { callEcho } from '../load/echo-call.js';
import type { ErrorCounts } from '../load/error-counts.js';
import { closeSessions, openSessions } from '../load/sessions.js';
import { launchServer, type RunningServer } from '../servers/launch.js';
import { cpuPercent, type ProcSample, sampleProc } from '../servers/proc-stats.js';
import { startRedis } from '../servers/redis-server.js';
import { startBalancer } from '../servers/start-balancer.js';

/** The setups compared, all behind the same round-robin balancer. */
export const MULTI_SETUPS = [
  'one instance, in memory',
  'one instance on Redis',
  'two instances on Redis',
] as const;

/** One setup's closed-loop `echo` run. */
export interface MultiInstanceResult {
  setup: (typeof MULTI_SETUPS)[number];
  sessions: number;
  inFlight: number;
  callsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU of the servers and Redis together, percent of one core. */
  serversCpuPct: number;
  /** CPU of the balancer process. */
  balancerCpuPct: number;
  redisCpuPct: number;
  errors: ErrorCounts;
}

/**
 * `sessions` x `inFlight` closed-loop `echo` calls through a layer-4 round-robin balancer
 * process (no stickiness) in front of one instance in memory, one instance on Redis, and two
 * instances on one Redis: what sharing sessions costs, and what a second instance buys.
 */
export async function runMultiInstance(
  timing: LoopTiming,
  sessions = 50,
  inFlight = 4,
): Promise<MultiInstanceResult[]> {
  const results: MultiInstanceResult[] = [];
  for (const setup of MULTI_SETUPS) {
    const redis = setup.includes('Redis') ? await startRedis() : undefined;
    const env: Record<string, string> = redis === undefined ? {} : { REDIS_URL: redis.url };
    const servers: RunningServer[] = [];
    let balancer: Awaited<ReturnType<typeof startBalancer>> | undefined;
    try {
      const count = setup.startsWith('two') ? 2 : 1;
      for (let i = 0; i < count; i++) servers.push(await launchServer('ours', { env }));
      balancer = await startBalancer(servers.map((server) => Number(server.url.port)));
      const url = new URL(`http://127.0.0.1:${balancer.port}/sse`);
      const agent = createPostAgent(sessions * inFlight + 4);
      const opened = await openSessions('http+sse', url, agent, sessions, 10, 30_000);
      const pids = [
        ...servers.map((server) => server.pid),
        balancer.pid,
        ...(redis ? [redis.pid] : []),
      ];
      let before: Array<ProcSample | undefined> = [];
      let after: Array<ProcSample | undefined> = [];
      try {
        const loop = await runClosedLoop(opened.sessions, inFlight, callEcho, timing, {
          onWindowStart: () => {
            before = pids.map((pid) => sampleProc(pid));
          },
          onWindowEnd: () => {
            after = pids.map((pid) => sampleProc(pid));
          },
        });
        const cpu = pids.map((_, i) => cpuPercent(before[i], after[i]));
        results.push({
          setup,
          sessions,
          inFlight,
          callsPerSec: loop.callsPerSec,
          p50Ms: loop.p50Ms,
          p99Ms: loop.p99Ms,
          serversCpuPct: cpu.slice(0, servers.length).reduce((a, b) => a + b, 0),
          balancerCpuPct: cpu[servers.length] ?? Number.NaN,
          redisCpuPct: redis === undefined ? 0 : (cpu.at(-1) ?? 0),
          errors: { ...opened.errors, ...loop.errors },
        });
      } finally {
        closeSessions(opened.sessions);
        agent.destroy();
      }
    } finally {
      await balancer?.stop();
      await Promise.all(servers.map((server) => server.stop()));
      await redis?.stop();
    }
  }
  return results;
}

function fmt(value: number, digits = 0): string {
  return Number.isFinite(value)
    ? value.toLocaleString('en-US', {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      })
    : '—';
}

/** CPU of the servers and Redis per call, in µs: steadier than calls/s on a busy machine. */
function cpuPerCall(run: MultiInstanceResult): number {
  return ((run.serversCpuPct + run.redisCpuPct) / 100 / run.callsPerSec) * 1e6;
}

/** The section of the tables: median over repetitions per setup. */
export function renderMultiInstance(runs: readonly MultiInstanceResult[]): string {
  if (runs.length === 0) return '';
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  };
  const first = runs[0]!;
  const lines = [
    `### Several instances on Redis (${first.sessions} x ${first.inFlight} echo, round-robin balancer, no sticky sessions)`,
    '',
    '| setup | calls/s | p50 ms | p99 ms | servers CPU % | balancer CPU % | Redis CPU % | servers + Redis CPU µs/call | errors |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const setup of MULTI_SETUPS) {
    const rows = runs.filter((run) => run.setup === setup);
    if (rows.length === 0) continue;
    const errors = rows.reduce(
      (sum, run) => sum + Object.values(run.errors).reduce((a, b) => a + b, 0),
      0,
    );
    lines.push(
      `| ${setup} | ${fmt(median(rows.map((r) => r.callsPerSec)))} | ${fmt(median(rows.map((r) => r.p50Ms)), 2)} | ${fmt(median(rows.map((r) => r.p99Ms)), 2)} | ${fmt(median(rows.map((r) => r.serversCpuPct)))} | ${fmt(median(rows.map((r) => r.balancerCpuPct)))} | ${fmt(median(rows.map((r) => r.redisCpuPct)))} | ${fmt(median(rows.map(cpuPerCall)), 1)} | ${errors} |`,
    );
  }
  return lines.join('\n');
}
