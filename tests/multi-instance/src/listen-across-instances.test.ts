import type { AddressInfo } from 'node:net';
import { buildApp, defineResource, exampleTools } from '@mcp-sse/server';
import {
  HTTP_SSE,
  RedisProcess,
  RoundRobinProxy,
  STATELESS_HTTP,
  STREAMABLE_HTTP,
  type TransportCase,
  waitFor,
} from '@mcp-sse/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type App,
  DOC,
  type Listener,
  listenForChanges,
  originOf,
  shout,
  TOOLS_CHANGED,
  UPDATED,
} from './change-listeners.js';

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

  async function listen(
    name: string,
    where: App | RoundRobinProxy,
    over: TransportCase,
  ): Promise<Listener> {
    const at = where instanceof RoundRobinProxy ? where.origin : originOf(where);
    const listener = await listenForChanges(name, at, over, { reconnect: false });
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
