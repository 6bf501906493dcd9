import { type McpSseClient, McpSseClientError } from '@mcp-sse/client';
import { waitFor } from '@mcp-sse/test-kit';
import { describe, expect, it } from 'vitest';
import { pingUnknownSession } from './ping-unknown-session.js';
import { textOf } from './text-of.js';
import { recordEvents, useCluster } from './use-cluster.js';

/** Calls `echo` once; the outcome as `ok` or the error code. */
async function attempt(client: McpSseClient, i: number): Promise<string> {
  try {
    const result = await client.callTool('echo', { message: `r-${i}` }, { timeout: 10_000 });
    return textOf(result) === `r-${i}` ? 'ok' : 'wrong';
  } catch (error) {
    return McpSseClientError.isInstance(error) ? error.code : 'unexpected';
  }
}

async function healthOf(origin: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${origin}/healthz`);
  return { status: res.status, body: await res.json() };
}

describe('Redis restarted during a run', () => {
  const fixture = useCluster(2);

  it('answers 503 with a JSON body while it is down, and the servers recover', async () => {
    const { cluster } = fixture;
    const client = await fixture.connect({
      requestTimeout: 15_000,
      reconnect: { initialDelayMs: 20, maxDelayMs: 300, maxAttempts: 100, maxElapsedMs: 60_000 },
    });
    const events = recordEvents(client);
    const before = await Promise.all(Array.from({ length: 20 }, (_, i) => attempt(client, i)));
    expect(before.every((outcome) => outcome === 'ok')).toBe(true);

    await cluster.redis.kill();
    // Down: every instance says so, with a JSON body, at once (no hang).
    for (const server of cluster.servers) {
      await waitFor(async () => (await healthOf(server.origin)).status === 503, 'health 503');
      const post = await pingUnknownSession(server.origin);
      expect(post.status).toBe(503);
      expect(await post.json()).toMatchObject({ code: 'MCP_SSE_REDIS_UNAVAILABLE' });
      const get = await fetch(`${server.origin}/sse`);
      expect(get.status).toBe(503);
      expect(await get.json()).toMatchObject({ code: 'MCP_SSE_REDIS_UNAVAILABLE' });
    }
    const during = await Promise.all(Array.from({ length: 5 }, (_, i) => attempt(client, 100 + i)));

    await cluster.redis.restart();
    for (const server of cluster.servers) {
      await waitFor(async () => (await healthOf(server.origin)).status === 200, 'health 200');
    }
    // Redis kept nothing (no persistence): the client starts a new session and carries on.
    const after: string[] = [];
    for (let i = 0; i < 40 && after.filter((o) => o === 'ok').length < 20; i++) {
      after.push(await attempt(client, 200 + i));
    }
    expect(after.filter((outcome) => outcome === 'ok').length).toBe(20);
    expect(cluster.servers.every((server) => server.alive)).toBe(true);
    expect(after.slice(-20).every((outcome) => outcome === 'ok')).toBe(true);
    const tally = (outcomes: string[]) => {
      const counts: Record<string, number> = {};
      for (const outcome of outcomes) counts[outcome] = (counts[outcome] ?? 0) + 1;
      return counts;
    };
    console.log(
      `redis restart: during outage ${JSON.stringify(tally(during))}, after ${JSON.stringify(tally(after))}, client events=${events.join(',')}`,
    );
  });

  it('answers 503 when Redis hangs (no answer at all) instead of hanging, then carries on', async () => {
    const { cluster } = fixture;
    const server = cluster.servers[0]!;
    const ping = () => pingUnknownSession(server.origin);
    cluster.redis.pause();
    try {
      const hung = await ping();
      expect(hung.status).toBe(503);
      expect(await hung.json()).toMatchObject({
        code: 'MCP_SSE_REDIS_UNAVAILABLE',
        message: expect.stringMatching(/timed out/),
      });
      // The health check's probe notices too (the sockets are still open).
      await waitFor(async () => {
        const health = await healthOf(server.origin);
        return (
          health.status === 503 && (health.body as { redis?: string }).redis === 'not_answering'
        );
      }, 'health to report Redis not answering');
    } finally {
      cluster.redis.unpause();
    }
    await waitFor(async () => (await ping()).status === 404, 'Redis to answer again');
    await waitFor(async () => (await healthOf(server.origin)).status === 200, 'health 200 again');
    expect(textOf(await fixture.client!.callTool('echo', { message: 'still here' }))).toBe(
      'still here',
    );
  });
});
