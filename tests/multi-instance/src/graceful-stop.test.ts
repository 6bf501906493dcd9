import { describe, expect, it } from 'vitest';
import { textOf } from './text-of.js';
import { QUICK_RECONNECT, recordEvents, useCluster } from './use-cluster.js';

describe('the instance holding the stream is stopped gracefully (SIGTERM)', () => {
  const fixture = useCluster(2);

  it('finishes the call in flight, hands the session back, and the client resumes on the other', async () => {
    const { cluster } = fixture;
    const client = await fixture.connect({ requestTimeout: 20_000, reconnect: QUICK_RECONNECT });
    const events = recordEvents(client);
    const endpoint = client.endpoint;
    const holderName = [...cluster.proxy.servedBy('GET', '/sse')][0]!;
    const holder = cluster.servers.find((server) => server.name === holderName)!;

    let running = false;
    const slow = client.callTool('sleep', { ms: 500 }, { onProgress: () => (running = true) });
    while (!running) await new Promise((resolve) => setTimeout(resolve, 10));
    const stopping = holder.stop('SIGTERM');
    expect(textOf(await slow)).toMatch(/500/);
    await stopping;

    const after = await Promise.all(
      Array.from({ length: 20 }, (_, i) => client.callTool('add', { a: i, b: 1 })),
    );
    expect(after.map(textOf)).toEqual(Array.from({ length: 20 }, (_, i) => String(i + 1)));
    expect(events).toContain('resumed');
    expect(events).not.toContain('sessionLost');
    expect(client.endpoint).toBe(endpoint);
    console.log(`graceful stop of ${holder.name}: events=${events.join(',')}`);
  });
});
