import { buildApp, defineResource, defineTool, exampleTools } from '@mcp-sse/server';
import {
  HTTP_SSE,
  RedisProcess,
  STATELESS_HTTP,
  STREAMABLE_HTTP,
  type TransportCase,
  waitFor,
} from '@mcp-sse/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
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
import { killConnections } from './redis-command.js';
import { SseReader } from './streamable-http.js';
import { QUICK_RECONNECT } from './use-cluster.js';

const whisper = defineTool({
  name: 'whisper',
  description: 'Lower-cases a message.',
  input: z.object({ message: z.string() }),
  handler: ({ message }) => message.toLowerCase(),
});

/** The tool names of each `tools` event of an HTTP+SSE stream (the only events whose data is a list). */
function toolsEvents(reader: SseReader): string[][] {
  return reader.events.flatMap((event) => {
    if (!event.data.startsWith('[')) return [];
    return [(JSON.parse(event.data) as Array<{ name: string }>).map((tool) => tool.name)];
  });
}

/*
 * Two instances on one Redis, in this process so the test can change A's tools directly.
 * B's Redis subscriber is cut (CLIENT KILL, on the Redis side) and, before it is back, a
 * tool is added on A: pub/sub keeps nothing, so B never receives that change. Once B is
 * subscribed again, every client of B must hear that its lists may have changed and its
 * watched resource may have been updated: a 2026-07-28 listen stream (B tells it itself), a
 * Streamable HTTP 2025 session and an HTTP+SSE session (B hands those back on a subscriber
 * drop; the instance taking each over tells it). A listen stream on A, which was never cut,
 * hears A's change once and nothing more.
 */
describe('changes published while an instance was not subscribed', () => {
  let redis: RedisProcess;
  const apps: App[] = [];
  const listeners: Listener[] = [];

  beforeAll(async () => {
    redis = await RedisProcess.start();
    for (const name of ['instance-a', 'instance-b']) {
      const app = await buildApp({
        tools: [...exampleTools],
        resources: [defineResource({ uri: DOC, name: 'doc', text: 'v1' })],
        // ioredis takes options from the query: the name finds B's subscriber in CLIENT LIST.
        redis: `${redis.url}/?connectionName=${name}`,
        rateLimit: 0,
      });
      await app.listen({ port: 0, host: '127.0.0.1' });
      apps.push(app);
    }
  });

  afterAll(async () => {
    await Promise.all(listeners.map(({ client }) => client.close()));
    await Promise.all(apps.map((app) => app.close()));
    await redis?.dispose();
  });

  async function listen(name: string, app: App, over: TransportCase): Promise<Listener> {
    const listener = await listenForChanges(name, originOf(app), over, {
      reconnect: QUICK_RECONNECT,
    });
    listeners.push(listener);
    return listener;
  }

  it('an HTTP+SSE client of the simple form on B gets a `tools` event for a change on A', async () => {
    const [a, b] = apps as [App, App];
    // The simple form speaks no JSON-RPC: it reads `tools` events and POSTs {tool, args}.
    const abort = new AbortController();
    const reader = new SseReader(
      await fetch(`${originOf(b)}/sse`, {
        headers: { accept: 'text/event-stream' },
        signal: abort.signal,
      }),
    );
    try {
      await reader.until(() => toolsEvents(reader).length === 1);
      const listOfB = toolsEvents(reader)[0]!;
      a.mcp.addTool(whisper);
      await reader.until(() => toolsEvents(reader).length === 2);
      // B's list: what this session's calls run against (the tool was added on A only).
      expect(toolsEvents(reader)[1]).toEqual(listOfB);
      a.mcp.removeTool('whisper');
      await reader.until(() => toolsEvents(reader).length === 3);
      // A change on B closes the sequence: a duplicate of A's would come before it.
      b.mcp.addTool(whisper);
      await reader.until(() => toolsEvents(reader).some((names) => names.includes('whisper')));
      expect(toolsEvents(reader)).toEqual([listOfB, listOfB, listOfB, [...listOfB, 'whisper']]);
      b.mcp.removeTool('whisper');
    } finally {
      abort.abort();
    }
  });

  it('every client of B hears it may have missed them, once B is back; A’s clients hear nothing more', {
    timeout: 120_000,
  }, async () => {
    const [a, b] = apps as [App, App];
    const onB = [
      await listen('2026-07-28 listen on B', b, STATELESS_HTTP),
      await listen('Streamable HTTP 2025-11-25 session on B', b, STREAMABLE_HTTP),
      await listen('HTTP+SSE session on B', b, HTTP_SSE),
    ];
    const onA = await listen('2026-07-28 listen on A', a, STATELESS_HTTP);

    expect(await killConnections(redis.port, 'instance-b', 'pubsub')).toBe(1);
    // Redis closed B's subscriber before it answered; B reconnects after a retry delay,
    // and this change is published before this turn of the event loop ends: B misses it.
    a.mcp.addTool(shout);

    // Nobody updated the resource: hearing that it may have been is hearing the catch-up.
    for (const listener of onB) {
      await waitFor(
        () => listener.heard.includes(TOOLS_CHANGED) && listener.heard.includes(UPDATED),
        `${listener.name} to hear what it may have missed (heard ${listener.heard.join(', ')})`,
        60_000,
      );
    }
    await waitFor(() => onA.heard.length === 1, 'the listener on A to hear the change', 30_000);

    // From here each change arrives once: a resource update, then a tool change to close
    // the sequence (a duplicate of the update would come before it).
    const before = new Map(listeners.map((listener) => [listener, listener.heard.length]));
    a.mcp.core.features.notifyResourceUpdated(DOC);
    a.mcp.removeTool('shout');
    const after = (listener: Listener) => listener.heard.slice(before.get(listener));
    for (const listener of listeners) {
      await waitFor(
        () => after(listener).includes(TOOLS_CHANGED),
        `${listener.name} to hear the next changes (heard ${after(listener).join(', ')})`,
        30_000,
      );
    }
    expect(
      Object.fromEntries(listeners.map((listener) => [listener.name, after(listener)])),
    ).toEqual(
      Object.fromEntries(listeners.map((listener) => [listener.name, [UPDATED, TOOLS_CHANGED]])),
    );
    // A was never cut: its own change once, then these two.
    expect(onA.heard).toEqual([TOOLS_CHANGED, UPDATED, TOOLS_CHANGED]);
  });
});
