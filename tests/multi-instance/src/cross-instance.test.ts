import { HTTP_SSE, STREAMABLE_HTTP, type TransportCase } from '@mcp-sse/test-kit';
import { describe, expect, it } from 'vitest';
import { pingUnknownSession } from './ping-unknown-session.js';
import { textOf } from './text-of.js';
import { useCluster } from './use-cluster.js';

/** Where each transport's stream opens and where its POSTs go. */
const PATHS = new Map<TransportCase, { stream: string; posts: string }>([
  [HTTP_SSE, { stream: '/sse', posts: '/messages' }],
  [STREAMABLE_HTTP, { stream: '/mcp', posts: '/mcp' }],
]);

describe('three instances on one Redis behind a round-robin proxy', () => {
  const fixture = useCluster(3);

  for (const [over, paths] of PATHS) {
    it(`${over.name}: lists, calls and reports progress with the session on one instance and POSTs on the others`, async () => {
      const { cluster } = fixture;
      const before = cluster.proxy.routed.length;
      const client = await fixture.connect({ requestTimeout: 20_000 }, over);
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

      const routed = cluster.proxy.routed.slice(before);
      const servedBy = (method: string, path: string) =>
        new Set(
          routed
            .filter((r) => r.method === method && r.path.startsWith(path))
            .map((r) => r.upstream),
        );
      const streams = servedBy('GET', paths.stream);
      const posts = servedBy('POST', paths.posts);
      expect(streams.size).toBe(1);
      const [streamHolder] = [...streams];
      expect(posts.size).toBe(3);
      expect([...posts].some((name) => name !== streamHolder)).toBe(true);
      const perInstance = Object.fromEntries(
        cluster.servers.map((server) => [
          server.name,
          routed.filter((r) => r.method === 'POST' && r.upstream === server.name).length,
        ]),
      );
      await client.close();
      console.log(
        `cross-instance ${over.name}: stream on ${streamHolder}, POSTs per instance ${JSON.stringify(perInstance)}, progress events ${progress.length}`,
      );
    });
  }

  it('answers 404 for an unknown session on every instance, and 503-free health', async () => {
    for (const server of fixture.cluster.servers) {
      const res = await pingUnknownSession(server.origin);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ code: 'MCP_SSE_SESSION_NOT_FOUND' });
      const streamable = await pingUnknownSession(server.origin, '/mcp');
      expect(streamable.status).toBe(404);
      expect(await streamable.json()).toMatchObject({ error: { code: expect.any(Number) } });
      const health = await fetch(`${server.origin}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', redis: 'ready' });
    }
  });
});
