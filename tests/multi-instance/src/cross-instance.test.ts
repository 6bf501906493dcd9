import { describe, expect, it } from 'vitest';
import { pingUnknownSession } from './ping-unknown-session.js';
import { textOf } from './text-of.js';
import { useCluster } from './use-cluster.js';

describe('three instances on one Redis behind a round-robin proxy', () => {
  const fixture = useCluster(3);

  it('lists, calls and reports progress with the stream on one instance and POSTs on the others', async () => {
    const { cluster } = fixture;
    const client = await fixture.connect({ requestTimeout: 20_000 });
    expect(client.tools.map((tool) => tool.name)).toEqual(
      expect.arrayContaining(['echo', 'add', 'sleep']),
    );
    const listed = await client.listTools({ refresh: true });
    expect(listed.map((tool) => tool.name)).toContain('echo');

    const sums = await Promise.all(
      Array.from({ length: 30 }, (_, i) => client.callTool('add', { a: i, b: 1000 })),
    );
    expect(sums.map(textOf)).toEqual(Array.from({ length: 30 }, (_, i) => String(i + 1000)));

    const progress: number[] = [];
    const slept = await client.callTool(
      'sleep',
      { ms: 350 },
      { onProgress: ({ progress: value }) => progress.push(value) },
    );
    expect(textOf(slept)).toMatch(/350/);
    expect(progress.length).toBeGreaterThan(0);

    const streams = cluster.proxy.servedBy('GET', '/sse');
    const posts = cluster.proxy.servedBy('POST', '/messages');
    expect(streams.size).toBe(1);
    const [streamHolder] = [...streams];
    expect(posts.size).toBe(3);
    expect([...posts].some((name) => name !== streamHolder)).toBe(true);
    const perInstance = Object.fromEntries(
      cluster.servers.map((server) => [
        server.name,
        cluster.proxy.routed.filter((r) => r.method === 'POST' && r.upstream === server.name)
          .length,
      ]),
    );
    console.log(
      `cross-instance: stream on ${streamHolder}, POSTs per instance ${JSON.stringify(perInstance)}, progress events ${progress.length}`,
    );
  });

  it('answers 404 for an unknown session on every instance, and 503-free health', async () => {
    for (const server of fixture.cluster.servers) {
      const res = await pingUnknownSession(server.origin);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ code: 'MCP_SSE_SESSION_NOT_FOUND' });
      const health = await fetch(`${server.origin}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', redis: 'ready' });
    }
  });
});
