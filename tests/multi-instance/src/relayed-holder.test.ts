import { describe, expect, it } from 'vitest';
import { textOf } from './text-of.js';
import { QUICK_RECONNECT, recordEvents, useCluster } from './use-cluster.js';
import { waitFor } from './wait-for.js';

describe('the holder dies while the stream is relayed by another instance', () => {
  const fixture = useCluster(3);

  it('the relaying instance takes the session over and answers the calls in flight', async () => {
    const { cluster } = fixture;
    const client = await fixture.connect({ requestTimeout: 30_000, reconnect: QUICK_RECONNECT });
    const events = recordEvents(client, { reconnecting: true });
    const holderName = cluster.proxy.routed.find((r) => r.method === 'GET')!.upstream;
    const holder = cluster.servers.find((server) => server.name === holderName)!;

    // The stream moves to another instance; the session stays with its holder (alive).
    const lastGet = () => cluster.proxy.routed.filter((r) => r.method === 'GET').at(-1)!.upstream;
    for (let cut = 1; cut <= 5 && lastGet() === holderName; cut++) {
      cluster.proxy.cutStreams();
      await waitFor(
        () => events.filter((e) => e === 'resumed').length === cut,
        'the stream to resume',
      );
    }
    const relay = lastGet();
    expect(relay).not.toBe(holderName);
    expect(textOf(await client.callTool('echo', { message: 'relayed' }))).toBe('relayed');

    // Calls running on the holder when it dies: the relay notices (heartbeat) and re-runs them.
    let running = 0;
    const calls = Array.from({ length: 4 }, (_, i) =>
      client.callTool('sleep', { ms: 1500 + i }, { onProgress: () => running++ }),
    );
    await waitFor(() => running >= 4, 'the calls to run');
    await holder.stop('SIGKILL');
    const results = await Promise.all(calls);
    expect(results.map(textOf)).toEqual(
      Array.from({ length: 4 }, (_, i) => expect.stringContaining(String(1500 + i))),
    );
    expect(events.filter((e) => e !== 'reconnecting' && e !== 'resumed')).toEqual([]);
    const adopter = cluster.servers.find((server) => server.logged('session taken over') > 0);
    console.log(
      `relayed holder: stream on ${relay}, holder ${holderName} killed, taken over by ${adopter?.name}, events=${events.join(',')}`,
    );
  });
});
