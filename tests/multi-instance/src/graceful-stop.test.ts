import { HTTP_SSE, STREAMABLE_HTTP } from '@mcp-sse/test-kit';
import { describe, expect, it } from 'vitest';
import { textOf } from './text-of.js';
import { QUICK_RECONNECT, recordEvents, useCluster } from './use-cluster.js';

describe('the instance holding the session is stopped gracefully (SIGTERM)', () => {
  // One cluster for both transports: each case stops the holder of its own session.
  const fixture = useCluster(3);

  it.each([HTTP_SSE, STREAMABLE_HTTP])(
    '$name: finishes the call in flight, hands the session back, and the client goes on with another',
    async (over) => {
      const { cluster } = fixture;
      const before = cluster.proxy.routed.length;
      const client = await fixture.connect(
        { requestTimeout: 20_000, reconnect: QUICK_RECONNECT },
        over,
      );
      const events = recordEvents(client);
      const endpoint = client.endpoint;
      // HTTP+SSE: the instance of the GET stream; Streamable HTTP: the one that answered initialize.
      const holderName = cluster.proxy.routed
        .slice(before)
        .find((r) => (over === HTTP_SSE ? r.method === 'GET' : r.method === 'POST'))!.upstream;
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
      expect(events).not.toContain('sessionLost');
      expect(events).not.toContain('newSession');
      if (over === HTTP_SSE) expect(events).toContain('resumed');
      expect(client.endpoint).toBe(endpoint);
      await client.close();
      console.log(`${over.name}: graceful stop of ${holder.name}: events=${events.join(',')}`);
    },
  );
});
