import type { McpSseClient } from '@mcp-sse/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, startCluster } from './cluster.js';
import { textOf } from './text-of.js';
import { connectOver, HTTP_SSE } from './use-cluster.js';
import { waitFor } from './wait-for.js';

describe('Redis restarted with its data (append-only file) during calls', () => {
  let cluster: Cluster;
  let client: McpSseClient | undefined;

  beforeAll(async () => {
    cluster = await startCluster(2, [], { persist: true });
  });

  afterAll(async () => {
    await client?.close();
    await cluster?.close();
  });

  it('the session survives: calls running during the outage are answered after it', async () => {
    client = await connectOver(HTTP_SSE, cluster.proxy.origin, {
      requestTimeout: 30_000,
      reconnect: { initialDelayMs: 50, maxDelayMs: 300, maxAttempts: 100, maxElapsedMs: 60_000 },
    });
    const events: string[] = [];
    client.on('sessionLost', () => events.push('sessionLost'));
    client.on('reconnected', ({ resumed }) => events.push(resumed ? 'resumed' : 'newSession'));
    const endpoint = client.endpoint;

    let running = 0;
    const calls = Array.from({ length: 3 }, (_, i) =>
      client!.callTool('sleep', { ms: 600 + i }, { onProgress: () => running++ }),
    );
    await waitFor(() => running >= 3, 'the calls to run');
    await cluster.redis.kill();
    // Their answers cannot be recorded while Redis is away; they stay pending in it.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await cluster.redis.restart();

    const results = await Promise.all(calls);
    expect(results.map(textOf)).toEqual(
      Array.from({ length: 3 }, (_, i) => expect.stringContaining(String(600 + i))),
    );
    expect(textOf(await client.callTool('echo', { message: 'after' }))).toBe('after');
    expect(events).not.toContain('sessionLost');
    expect(events).toContain('resumed');
    expect(client.endpoint).toBe(endpoint);
    console.log(`redis restart with data: events=${events.join(',')}`);
  });
});
