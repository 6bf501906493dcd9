import { fileURLToPath } from 'node:url';
import { waitFor } from '@mcp-sse/test-kit';
import { describe, expect, it } from 'vitest';
import { textOf } from './text-of.js';
import { QUICK_RECONNECT, recordEvents, useCluster } from './use-cluster.js';

/** A slow tool marked idempotent (`sleep` is not). */
const IDEMPOTENT_TOOLS = fileURLToPath(
  new URL('../fixtures/idempotent-tools.mjs', import.meta.url),
);

describe('the holder dies while the stream is relayed by another instance', () => {
  const fixture = useCluster(3, ['--config', IDEMPOTENT_TOOLS, '--examples', 'default']);

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

    // Calls running on the holder when it dies: the relay notices (heartbeat), takes the
    // session over, runs the idempotent ones again and answers the others "may have run".
    const running = new Set<number>();
    const calls = Array.from({ length: 4 }, (_, i) =>
      (i % 2 === 0
        ? client.callTool(
            'slow-echo',
            { message: `again-${i}`, ms: 1500 + i },
            { onProgress: () => running.add(i) },
          )
        : client.callTool('sleep', { ms: 1500 + i }, { onProgress: () => running.add(i) })
      ).then(textOf, (error: Error) => error),
    );
    await waitFor(() => running.size === 4, 'the calls to run');
    await holder.stop('SIGKILL');
    const results = await Promise.all(calls);
    expect(results.filter((_, i) => i % 2 === 0)).toEqual(['again-0', 'again-2']);
    for (const refused of results.filter((_, i) => i % 2 === 1)) {
      expect(refused).toBeInstanceOf(Error);
      expect((refused as Error).message).toMatch(/may have run/);
    }
    expect(events.filter((e) => e !== 'reconnecting' && e !== 'resumed')).toEqual([]);
    const adopter = cluster.servers.find((server) => server.logged('session taken over') > 0);
    console.log(
      `relayed holder: stream on ${relay}, holder ${holderName} killed, taken over by ${adopter?.name}, events=${events.join(',')}`,
    );
  });
});
