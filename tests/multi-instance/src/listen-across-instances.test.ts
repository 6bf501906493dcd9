import type { AddressInfo } from 'node:net';
import type { McpSseClient } from '@mcp-sse/client';
import { buildApp, defineResource, defineTool, exampleTools } from '@mcp-sse/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RedisProcess } from './redis-process.js';
import { RoundRobinProxy } from './round-robin-proxy.js';
import {
  type ClusterTransport,
  connectOver,
  HTTP_SSE,
  STATELESS_HTTP,
  STREAMABLE_HTTP,
} from './use-cluster.js';
import { waitFor } from './wait-for.js';

const DOC = 'mem://doc';
const TOOLS_CHANGED = 'notifications/tools/list_changed';
const UPDATED = 'notifications/resources/updated';

const shout = defineTool({
  name: 'shout',
  description: 'Upper-cases a message.',
  input: z.object({ message: z.string() }),
  handler: ({ message }) => message.toUpperCase(),
});

type App = Awaited<ReturnType<typeof buildApp>>;

/** A client and the change notifications it heard, in order. */
interface Listener {
  name: string;
  client: McpSseClient;
  heard: string[];
}

/*
 * Two instances on one Redis, in this process so the test can change A's tools and
 * resources directly. Listeners of every transport sit on B, a 2026 one on A (the origin),
 * and one of each behind a round-robin proxy (a session's requests land on both
 * instances): each change made through A reaches each of them exactly once. A third change
 * closes the sequence, so a duplicate of the first two would show before it.
 */
describe('list changes and resource updates across instances', () => {
  let redis: RedisProcess;
  const apps: App[] = [];
  const listeners: Listener[] = [];
  let proxy: RoundRobinProxy;

  beforeAll(async () => {
    redis = await RedisProcess.start();
    for (let i = 0; i < 2; i++) {
      const app = await buildApp({
        tools: [...exampleTools],
        resources: [defineResource({ uri: DOC, name: 'doc', text: 'v1' })],
        redis: redis.url,
        rateLimit: 0,
      });
      await app.listen({ port: 0, host: '127.0.0.1' });
      apps.push(app);
    }
    // Round robin: a session's POSTs land on both instances, whichever holds its stream.
    proxy = await RoundRobinProxy.start(
      apps.map((app, i) => ({
        name: `app-${i + 1}`,
        port: (app.server.address() as AddressInfo).port,
      })),
    );
  });

  afterAll(async () => {
    await Promise.all(listeners.map(({ client }) => client.close()));
    await proxy?.close();
    await Promise.all(apps.map((app) => app.close()));
    await redis?.dispose();
  });

  const origin = (app: App) => `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

  async function listen(
    name: string,
    where: App | RoundRobinProxy,
    over: ClusterTransport,
  ): Promise<Listener> {
    const at = where instanceof RoundRobinProxy ? where.origin : origin(where);
    const client = await connectOver(over, at, { reconnect: false });
    const heard: string[] = [];
    client.on('notification', ({ method }) => {
      if (method === TOOLS_CHANGED || method === UPDATED) heard.push(method);
    });
    // 2026-07-28: one subscriptions/listen stream; 2025 and HTTP+SSE: resources/subscribe
    // (their list changes come by themselves).
    await client.watch({ toolsListChanged: true, resourceSubscriptions: [DOC] }).acknowledged;
    const listener = { name, client, heard };
    listeners.push(listener);
    return listener;
  }

  it('reach 2026 listen streams, 2025 and legacy sessions, on B or behind a round-robin proxy, once each', {
    timeout: 120_000,
  }, async () => {
    const [a, b] = apps as [App, App];
    await listen('2026-07-28 listen on B', b, STATELESS_HTTP);
    await listen('2026-07-28 listen on A (origin)', a, STATELESS_HTTP);
    await listen('Streamable HTTP 2025-11-25 session on B', b, STREAMABLE_HTTP);
    await listen('HTTP+SSE session on B', b, HTTP_SSE);

    a.mcp.addTool(shout);
    a.mcp.core.features.notifyResourceUpdated(DOC);
    a.mcp.removeTool('shout');

    const expected = [TOOLS_CHANGED, UPDATED, TOOLS_CHANGED];
    for (const listener of listeners) {
      await waitFor(
        () => listener.heard.length >= expected.length,
        `${listener.name} to hear the three changes (heard ${listener.heard.join(', ')})`,
        30_000,
      );
    }
    expect(
      Object.fromEntries(listeners.map((listener) => [listener.name, listener.heard])),
    ).toEqual(Object.fromEntries(listeners.map((listener) => [listener.name, expected])));
  });
});
