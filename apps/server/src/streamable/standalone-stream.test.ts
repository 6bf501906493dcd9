import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { onCleanup, start, untilAsync } from '../../test/helpers.js';
import { startRedisServer } from '../../test/redis-server.js';
import { EventReader, initSession } from './test-client.js';

/** Where a test's GETs go: the same instance twice (memory), or two instances on one Redis. */
interface Backend {
  name: string;
  /** The session's home (it answers initialize), another way in, and the home's app. */
  open(): Promise<{ home: string; other: string; app: FastifyInstance }>;
}

const MEMORY: Backend = {
  name: 'memory',
  async open() {
    const { app, base } = await start();
    return { home: `${base}/mcp`, other: `${base}/mcp`, app };
  },
};

const REDIS: Backend = {
  name: 'Redis, two instances',
  async open() {
    const path = await startRedisServer();
    const client = new Redis({ path, lazyConnect: true });
    onCleanup(async () => client.disconnect());
    const redis = { client, prefix: `standalone-${process.pid}-${Date.now()}:` };
    const a = await start({ redis });
    const b = await start({ redis });
    return { home: `${a.base}/mcp`, other: `${b.base}/mcp`, app: a.app };
  },
};

/** A plain GET of the session's standalone stream (or a resume, with `lastEventId`). */
function openGet(url: string, headers: Record<string, string>, lastEventId?: string) {
  return fetch(url, {
    headers: {
      ...headers,
      accept: 'text/event-stream',
      ...(lastEventId === undefined ? {} : { 'last-event-id': lastEventId }),
    },
  });
}

describe.each([MEMORY, REDIS])('one standalone GET stream per session ($name)', (backend) => {
  it('answers a second plain GET with 409 and a JSON-RPC error; the first stream goes on', async () => {
    const { home, other, app } = await backend.open();
    const { headers } = await initSession(home);
    const first = new EventReader(await openGet(home, headers));
    await first.until(1);
    const second = await openGet(other, headers);
    expect(second.status).toBe(409);
    expect(second.headers.get('content-type')).toContain('application/json');
    expect(await second.json()).toMatchObject({
      jsonrpc: '2.0',
      id: null,
      error: { code: -32000, message: expect.stringMatching(/only one standalone SSE stream/) },
    });
    app.mcp.removeTool('time');
    await first.until(2);
    expect(JSON.parse(first.events[1]!.data).method).toBe('notifications/tools/list_changed');
    await first.cancel();
  });

  it('lets a GET with the stream’s Last-Event-ID take it over (the old connection may be half-dead)', async () => {
    const { home, other, app } = await backend.open();
    const { headers } = await initSession(home);
    const first = new EventReader(await openGet(home, headers));
    const [priming] = await first.until(1);
    expect(priming!.id).toBe('0:0');
    const resumed = await openGet(other, headers, priming!.id);
    expect(resumed.status).toBe(200);
    const second = new EventReader(resumed);
    await second.until(1);
    // The old connection is ended by the server, not left to linger.
    await first.all();
    expect(first.done).toBe(true);
    app.mcp.removeTool('time');
    await second.until(2);
    expect(JSON.parse(second.events[1]!.data).method).toBe('notifications/tools/list_changed');
    expect(second.events[1]!.id).toMatch(/^0:[1-9]\d*$/);
    expect(first.events.length).toBe(1);
    await second.cancel();
  });

  it('opens a plain GET again once the first stream is closed', async () => {
    const { home, other } = await backend.open();
    const { headers } = await initSession(home);
    const first = new EventReader(await openGet(home, headers));
    await first.until(1);
    await first.cancel();
    let reader: EventReader | undefined;
    // The server learns of the close when the socket's close event comes: bounded retries.
    await untilAsync(async () => {
      const res = await openGet(other, headers);
      if (res.status === 409) {
        await res.body?.cancel();
        return false;
      }
      expect(res.status).toBe(200);
      reader = new EventReader(res);
      return true;
    }, 'the closed stream to be seen as closed');
    await reader!.until(1);
    await reader!.cancel();
  });
});

describe('one standalone GET stream per session (Redis: an instance that died)', () => {
  it('does not let the live mark of an instance that died block a plain GET', async () => {
    const path = await startRedisServer();
    const client = new Redis({ path, lazyConnect: true });
    onCleanup(async () => client.disconnect());
    const prefix = `standalone-dead-${process.pid}-${Date.now()}:`;
    const { base } = await start({ redis: { client, prefix } });
    const url = `${base}/mcp`;
    const { sessionId, headers } = await initSession(url);
    // What a killed instance leaves: its mark (set a while ago), and no subscription.
    const mark = `${prefix}{${sessionId}}:s:0:live`;
    await client.set(mark, 'dead-instance', 'PX', 30_000);
    const res = await openGet(url, headers);
    expect(res.status).toBe(200);
    const reader = new EventReader(res);
    await reader.until(1);
    // Now it is live, under its own mark: the next plain GET is refused.
    expect(await client.get(mark)).toMatch(/^[0-9a-f-]{36}$/);
    expect((await openGet(url, headers)).status).toBe(409);
    await reader.cancel();
  });
});
