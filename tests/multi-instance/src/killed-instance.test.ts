import { McpSseClientError } from '@mcp-sse/client';
import { HTTP_SSE, STREAMABLE_HTTP, type TransportCase, waitFor } from '@mcp-sse/test-kit';
import { describe, expect, it } from 'vitest';
import { textOf } from './text-of.js';
import { QUICK_RECONNECT, recordEvents, useCluster } from './use-cluster.js';

const CONCURRENCY = 8;

/**
 * Per transport: how many calls, where the holder is found, what the takeover logs, and
 * which calls may fail. Both run again only idempotent tools (`echo`) and answer a `sleep`
 * running at the kill with -32003 (it may have run).
 */
const CASES: Array<{
  over: TransportCase;
  calls: number;
  killAfter: number;
  holderOf: (routed: Array<{ method: string; path: string; upstream: string }>) => string;
  takeover: string;
  mayFail: (i: number) => boolean;
}> = [
  {
    over: HTTP_SSE,
    calls: 300,
    killAfter: 100,
    holderOf: (routed) =>
      routed.find((r) => r.method === 'GET' && r.path.startsWith('/sse'))!.upstream,
    takeover: 'session taken over',
    mayFail: (i) => i % 10 === 0,
  },
  {
    over: STREAMABLE_HTTP,
    calls: 150,
    killAfter: 50,
    // The instance that answered initialize holds the session.
    holderOf: (routed) =>
      routed.find((r) => r.method === 'POST' && r.path.startsWith('/mcp'))!.upstream,
    takeover: 'streamable session taken over',
    mayFail: (i) => i % 10 === 0,
  },
];

describe('the instance holding the session is killed', () => {
  // One cluster for both transports (a cluster start is most of the cost): each case kills
  // the holder of its own session, so three of the four instances serve the second case.
  const fixture = useCluster(4);

  it.each(CASES)(
    '$over.name: the client resumes on another instance and every call is answered exactly once',
    async (c) => {
      const CALLS = c.calls;
      const KILL_AFTER = c.killAfter;
      const { cluster } = fixture;
      const before = cluster.proxy.routed.length;
      const client = await fixture.connect(
        { requestTimeout: 30_000, reconnect: QUICK_RECONNECT },
        c.over,
      );
      const events = recordEvents(client, { reconnecting: true });
      // Answers seen on the wire per request id: a second one would be a call answered twice.
      // Each is kept as 'result' or its error code, so a failure shows what the second was.
      const answers = new Map<unknown, string[]>();
      client.on('wire', (wire) => {
        if (wire.direction !== 'in' || wire.kind !== 'event' || wire.name !== 'message') return;
        const data = wire.data as
          | { id?: unknown; method?: unknown; error?: { code?: unknown; message?: unknown } }
          | undefined;
        if (data?.id !== undefined && data.method === undefined) {
          const seen = answers.get(data.id) ?? [];
          seen.push(
            data.error === undefined ? 'result' : `${data.error.code} ${data.error.message}`,
          );
          answers.set(data.id, seen);
        }
      });
      const endpoint = client.endpoint;
      const holderName = c.holderOf(cluster.proxy.routed.slice(before));
      const holder = cluster.servers.find((server) => server.name === holderName)!;

      const results = new Array<string | Error>(CALLS);
      let done = 0;
      let killedAt = -1;
      let next = 0;
      const worker = async () => {
        while (next < CALLS) {
          const i = next++;
          // Every tenth call is slow and reports progress, so some are running at the kill.
          const call =
            i % 10 === 0
              ? client.callTool('sleep', { ms: 200 }).then(() => `slept-${i}`)
              : client.callTool('echo', { message: `m-${i}` }).then(textOf);
          results[i] = await call.catch((error: Error) => error);
          done++;
          if (done === KILL_AFTER && killedAt < 0) {
            killedAt = done;
            void holder.stop('SIGKILL');
          }
        }
      };
      const started = Date.now();
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      const elapsed = Date.now() - started;

      const explain = (e: Error) =>
        McpSseClientError.isInstance(e) ? `${e.code}: ${e.message}` : e.message;
      // The only failures allowed: a call that may have run and was not repeated.
      const refused = results.flatMap((r, i) =>
        r instanceof Error && c.mayFail(i) && /may have run/.test(r.message) ? [i] : [],
      );
      const failures = results.filter((r, i) => r instanceof Error && !refused.includes(i));
      expect((failures as Error[]).map(explain)).toEqual([]);
      expect(results.filter((_, i) => !refused.includes(i))).toEqual(
        Array.from({ length: CALLS }, (_, i) => (i % 10 === 0 ? `slept-${i}` : `m-${i}`)).filter(
          (_, i) => !refused.includes(i),
        ),
      );
      expect(refused.length).toBeLessThanOrEqual(CONCURRENCY);
      expect(holder.alive).toBe(false);
      expect(events).not.toContain('sessionLost');
      if (c.over === HTTP_SSE) {
        expect(events).toContain('resumed');
        expect(client.endpoint).toBe(endpoint);
      }
      const twice = [...answers].filter(([, seen]) => seen.length > 1);
      expect(twice).toEqual([]);

      // The survivors: one resumed the stream and took the session over.
      const survivors = cluster.servers.filter((server) => server.alive);
      await waitFor(
        () => survivors.some((server) => server.logged(c.takeover) > 0),
        'a takeover to be logged',
      );
      const takeover = survivors
        .flatMap((server) => server.stderr)
        .find((line) => line.includes(c.takeover));
      const rerun = takeover === undefined ? 0 : (JSON.parse(takeover) as { rerun: number }).rerun;
      await client.close();
      console.log(
        `${c.over.name}: killed holder ${holder.name} after ${killedAt} of ${CALLS} calls: events=${events.join(',')}, ` +
          `requests re-run by the new holder=${rerun}, refused as may-have-run=${refused.length}, all ${CALLS} calls answered once, ${elapsed} ms`,
      );
    },
  );
});
