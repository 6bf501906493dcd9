import type { McpSseClient } from '@mcp-sse/client';
import { ChaosProxy, connectOver, seededRandom, type TransportCase } from '@mcp-sse/test-kit';
import { startTestServer } from './test-server.js';

/** What one chaos run is asked to do. */
export interface ChaosRunOptions {
  /** The transport the client is pinned to. */
  over: TransportCase;
  seed: number;
  /** Calls at least. */
  calls: number;
  /** Cuts at least: the run makes more calls (up to 3x) until it has seen them. */
  minCuts: number;
  /** Calls in flight at once. */
  concurrency?: number;
  /** Every n-th call is `slow_tally` (with progress); 0: none. */
  slowEvery?: number;
  /**
   * Calls are marked `idempotent`: the client may also re-issue one as a new request when
   * nothing else brings its answer back. `tally` is not idempotent at all, so a server that
   * ran a copy shows up as a re-run. Plain calls (the default) must get through with none.
   */
  idempotent?: boolean;
}

/** The figures of a chaos run. */
export interface ChaosFigures {
  seed: number;
  calls: number;
  cuts: number;
  sseCuts: number;
  stalls: number;
  postCuts: number;
  connections: number;
  reconnectAttempts: number;
  resumed: number;
  newSessions: number;
  /** Calls that failed, or returned a wrong result or none. */
  lost: number;
  /** Calls whose promise settled more than once (the caller saw two outcomes). */
  settledTwice: number;
  /** Calls the server ran more than once. */
  reruns: number;
  /** Progress notifications that did not move forward. */
  progressBackwards: number;
  failures: string[];
  finalState: McpSseClient['state'];
}

/**
 * Starts the server and the chaos proxy, connects a client through it (while the proxy is
 * calm), then runs unique calls through the chaos and checks every result.
 */
export async function runChaos(options: ChaosRunOptions): Promise<ChaosFigures> {
  const { seed, calls: minCalls, minCuts } = options;
  const server = await startTestServer();
  const proxy = await ChaosProxy.start({
    target: { host: server.host, port: server.port },
    seed,
    cutChance: 0.25,
    sseCutChance: 0.25,
    maxBytesBeforeCut: 3000,
    // Streamable HTTP's GET streams carry little (heartbeat comments of a few bytes, a
    // resumed answer): windows that short make them break a few times per run too.
    sseMaxBytesBeforeCut: options.over.transport === 'sse' ? 3000 : 20,
    // A silent GET is noticed by the client's heartbeat watchdog (both transports).
    stallChance: 0.25,
    maxCuts: 150,
  });
  let client: McpSseClient | undefined;
  try {
    proxy.chaos = false;
    client = await connectOver(options.over, proxy.origin, {
      requestTimeout: 30_000,
      // A stream stalled before its endpoint event is given up on after this.
      connectTimeout: 1_000,
      reconnect: {
        initialDelayMs: 20,
        maxDelayMs: 200,
        maxAttempts: 40,
        maxElapsedMs: 30_000,
        stableAfterMs: 300,
        heartbeatMs: 200,
        deadAfterHeartbeats: 3,
        random: seededRandom(seed + 1),
      },
    });
    const events = { attempts: 0, resumed: 0, newSessions: 0 };
    client.on('reconnecting', () => events.attempts++);
    client.on('reconnected', ({ resumed }) => (resumed ? events.resumed++ : events.newSessions++));
    proxy.chaos = true;

    const settled = new Map<number, number>();
    const failures: string[] = [];
    let wrong = 0;
    let backwards = 0;
    let next = 0;
    const maxCalls = minCalls * 3;
    const slowEvery = options.slowEvery ?? 0;
    const ready = client;
    const idempotent = options.idempotent === true;
    const callOnce = async (i: number) => {
      const args = { key: `k${i}`, a: i, b: 1000 };
      if (slowEvery > 0 && i % slowEvery === 0) {
        let last = 0;
        return ready.callTool(
          'slow_tally',
          { ...args, steps: 3 },
          {
            idempotent,
            onProgress: ({ progress }) => {
              if (progress <= last) backwards++;
              last = progress;
            },
          },
        );
      }
      return ready.callTool('tally', args, { idempotent });
    };
    const worker = async () => {
      // Bounded: calls are taken until there were enough of them and enough cuts (one of them
      // on a GET stream at least), or 3x. A GET stream carries only heartbeats between calls:
      // with a fast client it may see no cut in the first calls' time.
      while (
        next < minCalls ||
        ((proxy.stats.cuts < minCuts || proxy.stats.sseCuts === 0) && next < maxCalls)
      ) {
        const i = next++;
        try {
          const result = await callOnce(i);
          const text = result.content[0]?.type === 'text' ? result.content[0].text : undefined;
          if (text !== String(i + 1000)) wrong++;
        } catch (error) {
          failures.push(`call ${i}: ${(error as Error).message}`);
        }
        settled.set(i, (settled.get(i) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
    // Calls can all be done before the heartbeat-only GET stream reached a cut window: give it
    // a bounded while (heartbeats keep coming) so that every run also cuts a GET stream.
    for (let waited = 0; proxy.stats.sseCuts === 0 && waited < 30_000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    const { cuts, sseCuts, stalls, postCuts, connections } = proxy.stats;
    return {
      seed,
      calls: next,
      cuts,
      sseCuts,
      stalls,
      postCuts,
      connections,
      reconnectAttempts: events.attempts,
      resumed: events.resumed,
      newSessions: events.newSessions,
      lost: failures.length + wrong + (next - settled.size),
      settledTwice: [...settled.values()].filter((n) => n > 1).length,
      reruns: [...server.executions.values()].filter((n) => n > 1).length,
      progressBackwards: backwards,
      failures,
      finalState: client.state,
    };
  } finally {
    await client?.close();
    await proxy.close();
    await server.close();
  }
}

/** The figures as one line. */
export function formatFigures(f: ChaosFigures): string {
  return (
    `calls=${f.calls} cuts=${f.cuts} (sse=${f.sseCuts} of which stalled=${f.stalls}, ` +
    `post=${f.postCuts}) connections=${f.connections} reconnectAttempts=${f.reconnectAttempts} ` +
    `resumed=${f.resumed} newSessions=${f.newSessions} lost=${f.lost}`
  );
}
