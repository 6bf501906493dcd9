import { connect, type McpSseClient } from '@mcp-sse/client';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ChaosProxy } from './chaos-proxy.js';
import { seededRandom } from './seeded-random.js';
import { startTestServer, type TestServer } from './test-server.js';

const CALLS = Number(process.env.CHAOS_CALLS ?? 1500);
const CONCURRENCY = 8;
/** Cuts a run must see; it makes more calls (up to 3x) until it has. */
const MIN_CUTS = 20;
const MAX_CALLS = CALLS * 3;
/** One run per seed; CHAOS_SEED picks a single one to replay. */
const SEEDS = process.env.CHAOS_SEED ? [Number(process.env.CHAOS_SEED)] : [20261121, 7, 4242];
const totals = { runs: 0, calls: 0, cuts: 0, lost: 0, duplicated: 0 };

describe('chaos: a proxy that cuts connections at random points', () => {
  let server: TestServer | undefined;
  let proxy: ChaosProxy | undefined;
  let client: McpSseClient | undefined;

  afterAll(() => {
    console.log(
      `chaos total: runs=${totals.runs} calls=${totals.calls} cuts=${totals.cuts} ` +
        `lost=${totals.lost} duplicated=${totals.duplicated}`,
    );
  });

  afterEach(async () => {
    await client?.close();
    await proxy?.close();
    await server?.close();
    client = undefined;
    proxy = undefined;
    server = undefined;
  });

  it.each(SEEDS)(
    `seed %i: ${CALLS}+ calls through at least ${MIN_CUTS} random cuts, each returns exactly one correct result`,
    async (SEED) => {
      server = await startTestServer();
      proxy = await ChaosProxy.start({
        target: { host: server.host, port: server.port },
        seed: SEED,
        cutChance: 0.7,
        sseCutChance: 0.9,
        maxBytesBeforeCut: 3000,
        maxCuts: 80,
      });
      // The stream is opened while the proxy is calm; the chaos starts with the calls.
      proxy.chaos = false;
      client = await connect(`${proxy.origin}/sse`, {
        requestTimeout: 30_000,
        // A stream stalled before its endpoint event is given up on after this.
        connectTimeout: 2_000,
        reconnect: {
          initialDelayMs: 20,
          maxDelayMs: 200,
          maxAttempts: 40,
          maxElapsedMs: 30_000,
          stableAfterMs: 300,
          heartbeatMs: 200,
          deadAfterHeartbeats: 3,
          random: seededRandom(SEED + 1),
        },
      });
      const events = { attempts: 0, resumed: 0, newSessions: 0, sessionLost: 0 };
      client.on('reconnecting', () => events.attempts++);
      client.on('reconnected', ({ resumed }) =>
        resumed ? events.resumed++ : events.newSessions++,
      );
      client.on('sessionLost', () => events.sessionLost++);
      proxy.chaos = true;

      const settled = new Map<number, number>();
      const failures: string[] = [];
      let wrong = 0;
      let next = 0;
      const worker = async () => {
        // Bounded: each worker takes calls until CALLS are taken and enough cuts happened.
        const more = () =>
          next < CALLS || ((proxy?.stats.cuts ?? 0) < MIN_CUTS && next < MAX_CALLS);
        while (more()) {
          const i = next++;
          try {
            const result = await client!.callTool('tally', { key: `k${i}`, a: i, b: 1000 });
            settled.set(i, (settled.get(i) ?? 0) + 1);
            const text = result.content[0]?.type === 'text' ? result.content[0].text : undefined;
            if (text !== String(i + 1000)) wrong++;
          } catch (error) {
            settled.set(i, (settled.get(i) ?? 0) + 1);
            failures.push(`call ${i}: ${(error as Error).message}`);
          }
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));

      const executions = server.executions;
      const calls = next;
      const lost = failures.length + wrong + (calls - settled.size);
      const duplicated =
        [...settled.values()].filter((n) => n > 1).length +
        [...executions.values()].filter((n) => n > 1).length;
      const { cuts, sseCuts, postCuts, stalls, connections } = proxy.stats;
      console.log(
        `chaos: calls=${calls} cuts=${cuts} (sse=${sseCuts} of which stalled=${stalls}, post=${postCuts}) ` +
          `connections=${connections} reconnectAttempts=${events.attempts} resumed=${events.resumed} ` +
          `newSessions=${events.newSessions} lost=${lost} duplicated=${duplicated} seed=${SEED}`,
      );
      totals.runs++;
      totals.calls += calls;
      totals.cuts += cuts;
      totals.lost += lost;
      totals.duplicated += duplicated;
      if (failures.length > 0) console.log(failures.slice(0, 10).join('\n'));
      expect(cuts).toBeGreaterThanOrEqual(MIN_CUTS);
      expect(lost).toBe(0);
      expect(duplicated).toBe(0);
      expect(client.state).toBe('ready');
    },
  );
});
