import type { McpSseClient } from '@mcp-sse/client';
import { connectOver, HTTP_SSE, waitFor } from '@mcp-sse/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, startCluster } from './cluster.js';

const OWNER = 'key-one-1234';
const STRANGER = 'key-two-5678';

function ping(url: string, key: string): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ jsonrpc: '2.0', id: 'p', method: 'ping' }),
  });
}

describe('a session seen from every instance', () => {
  let cluster: Cluster;
  let client: McpSseClient | undefined;

  beforeAll(async () => {
    // No grace period: a closed stream ends its session at once, everywhere.
    cluster = await startCluster(3, [
      '--api-key',
      `${OWNER},${STRANGER}`,
      '--resume-grace-ms',
      '0',
    ]);
  });

  afterAll(async () => {
    await client?.close();
    await cluster?.close();
  });

  it('checks the principal on every instance, and its end reaches every instance', async () => {
    client = await connectOver(HTTP_SSE, cluster.proxy.origin, { apiKey: OWNER, reconnect: false });
    const path = new URL(client.endpoint!).pathname + new URL(client.endpoint!).search;
    for (const server of cluster.servers) {
      expect((await ping(`${server.origin}${path}`, STRANGER)).status).toBe(403);
      expect((await ping(`${server.origin}${path}`, OWNER)).status).toBe(202);
    }
    // Another principal naming the session in Last-Event-ID gets a session of its own.
    const sessionId = new URL(client.endpoint!).searchParams.get('sessionId')!;
    for (let i = 0; i < cluster.servers.length; i++) {
      const stranger = await connectOver(HTTP_SSE, cluster.proxy.origin, {
        apiKey: STRANGER,
        reconnect: false,
        headers: { 'last-event-id': `${sessionId}:1` },
      });
      expect(stranger.endpoint).not.toBe(client.endpoint);
      await stranger.close();
    }
    await client.close();
    client = undefined;
    for (const server of cluster.servers) {
      await waitFor(
        async () => (await ping(`${server.origin}${path}`, OWNER)).status === 404,
        `${server.name} to forget the session`,
      );
      const health = (await (await fetch(`${server.origin}/healthz`)).json()) as {
        sessions: number;
      };
      expect(health.sessions).toBe(0);
    }
  });
});
