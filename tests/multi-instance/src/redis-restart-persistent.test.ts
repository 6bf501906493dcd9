import { fileURLToPath } from 'node:url';
import type { McpSseClient } from '@mcp-sse/client';
import { connectOver, HTTP_SSE, waitFor } from '@mcp-sse/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, startCluster } from './cluster.js';
import { textOf } from './text-of.js';

/** A slow tool marked idempotent (`sleep` is not). */
const IDEMPOTENT_TOOLS = fileURLToPath(
  new URL('../fixtures/idempotent-tools.mjs', import.meta.url),
);

describe('Redis restarted with its data (append-only file) during calls', () => {
  let cluster: Cluster;
  let client: McpSseClient | undefined;

  beforeAll(async () => {
    cluster = await startCluster(2, ['--config', IDEMPOTENT_TOOLS, '--examples', 'default'], {
      persist: true,
    });
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

    // Idempotent calls: whoever holds the session after the outage may run them again.
    const running = new Set<number>();
    const calls = Array.from({ length: 3 }, (_, i) =>
      client!.callTool(
        'slow-echo',
        { message: `slept ${600 + i}`, ms: 600 + i },
        { onProgress: () => running.add(i) },
      ),
    );
    // One that is not: answered, or (its answer lost with Redis) refused as "may have run".
    const once = client
      .callTool('sleep', { ms: 600 }, { onProgress: () => running.add(3) })
      .then(textOf, (error: Error) => error.message);
    await waitFor(() => running.size === 4, 'the calls to run');
    await cluster.redis.kill();
    // Their answers cannot be recorded while Redis is away; they stay pending in it.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await cluster.redis.restart();

    const results = await Promise.all(calls);
    expect(results.map(textOf)).toEqual(
      Array.from({ length: 3 }, (_, i) => expect.stringContaining(String(600 + i))),
    );
    expect(await once).toMatch(/600|may have run/);
    expect(textOf(await client.callTool('echo', { message: 'after' }))).toBe('after');
    expect(events).not.toContain('sessionLost');
    expect(events).toContain('resumed');
    expect(client.endpoint).toBe(endpoint);
    console.log(`redis restart with data: events=${events.join(',')}`);
  });
});
