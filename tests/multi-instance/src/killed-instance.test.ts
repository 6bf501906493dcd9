import { McpSseClientError } from '@mcp-sse/client';
import { describe, expect, it } from 'vitest';
import { textOf } from './text-of.js';
import { QUICK_RECONNECT, recordEvents, useCluster } from './use-cluster.js';
import { waitFor } from './wait-for.js';

const CALLS = 300;
const CONCURRENCY = 8;
const KILL_AFTER = 100;

describe('the instance holding the stream is killed', () => {
  const fixture = useCluster(3);

  it('the client resumes on another instance and every call completes exactly once', async () => {
    const { cluster } = fixture;
    const client = await fixture.connect({ requestTimeout: 30_000, reconnect: QUICK_RECONNECT });
    const events = recordEvents(client, { reconnecting: true });
    // Answers seen on the wire per request id: a second one would be a call answered twice.
    const answers = new Map<unknown, number>();
    client.on('wire', (wire) => {
      if (wire.direction !== 'in' || wire.kind !== 'event' || wire.name !== 'message') return;
      const data = wire.data as { id?: unknown; method?: unknown } | undefined;
      if (data?.id !== undefined && data.method === undefined) {
        answers.set(data.id, (answers.get(data.id) ?? 0) + 1);
      }
    });
    const endpoint = client.endpoint;
    const holderName = [...cluster.proxy.servedBy('GET', '/sse')][0]!;
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

    const failures = results.filter((r) => r instanceof Error) as Error[];
    expect(
      failures.map((e) =>
        McpSseClientError.isInstance(e) ? `${e.code}: ${e.message}` : e.message,
      ),
    ).toEqual([]);
    expect(results).toEqual(
      Array.from({ length: CALLS }, (_, i) => (i % 10 === 0 ? `slept-${i}` : `m-${i}`)),
    );
    expect(holder.alive).toBe(false);
    expect(events).toContain('resumed');
    expect(events).not.toContain('sessionLost');
    expect(client.endpoint).toBe(endpoint);
    const twice = [...answers].filter(([, count]) => count > 1);
    expect(twice).toEqual([]);

    // The survivors: one resumed the stream and took the session over.
    const survivors = cluster.servers.filter((server) => server !== holder);
    await waitFor(
      () => survivors.some((server) => server.logged('session taken over') > 0),
      'a takeover to be logged',
    );
    const takeover = survivors
      .flatMap((server) => server.stderr)
      .find((line) => line.includes('session taken over'));
    const rerun = takeover === undefined ? 0 : (JSON.parse(takeover) as { rerun: number }).rerun;
    console.log(
      `killed holder ${holder.name} after ${killedAt} of ${CALLS} calls: events=${events.join(',')}, ` +
        `requests re-run by the new holder=${rerun}, all ${CALLS} calls answered once, ${elapsed} ms`,
    );
  });
});
