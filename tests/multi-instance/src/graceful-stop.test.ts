import { connect, type McpSseClient } from '@mcp-sse/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, startCluster } from './cluster.js';
import { textOf } from './text-of.js';

describe('the instance holding the stream is stopped gracefully (SIGTERM)', () => {
  let cluster: Cluster;
  let client: McpSseClient | undefined;

  beforeAll(async () => {
    cluster = await startCluster(2);
  });

  afterAll(async () => {
    await client?.close();
    await cluster?.close();
  });

  it('finishes the call in flight, hands the session back, and the client resumes on the other', async () => {
    client = await connect(cluster.url, {
      requestTimeout: 20_000,
      reconnect: { initialDelayMs: 20, maxDelayMs: 200, maxAttempts: 50, maxElapsedMs: 30_000 },
    });
    const events: string[] = [];
    client.on('sessionLost', () => events.push('sessionLost'));
    client.on('reconnected', ({ resumed }) => events.push(resumed ? 'resumed' : 'newSession'));
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
      Array.from({ length: 20 }, (_, i) => client!.callTool('add', { a: i, b: 1 })),
    );
    expect(after.map(textOf)).toEqual(Array.from({ length: 20 }, (_, i) => String(i + 1)));
    expect(events).toContain('resumed');
    expect(events).not.toContain('sessionLost');
    expect(client.endpoint).toBe(endpoint);
    console.log(`graceful stop of ${holder.name}: events=${events.join(',')}`);
  });
});
