import { describe, expect, it } from 'vitest';
import { start, untilAsync } from '../../test/helpers.js';

import { EventReader, initSession } from './test-client.js';

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

describe('one standalone GET stream per session', () => {
  it('answers a second plain GET with 409 and a JSON-RPC error; the first stream goes on', async () => {
    const { app, base } = await start();
    const url = `${base}/mcp`;
    const { headers } = await initSession(url);
    const first = new EventReader(await openGet(url, headers));
    await first.until(1);
    const second = await openGet(url, headers);
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
    const { app, base } = await start();
    const url = `${base}/mcp`;
    const { headers } = await initSession(url);
    const first = new EventReader(await openGet(url, headers));
    const [priming] = await first.until(1);
    expect(priming!.id).toBe('0:0');
    const resumed = await openGet(url, headers, priming!.id);
    expect(resumed.status).toBe(200);
    const second = new EventReader(resumed);
    await second.until(1);
    // The old connection is ended by the server, not left to linger.
    await first.all();
    expect(first.done).toBe(true);
    app.mcp.removeTool('time');
    await second.until(2);
    expect(JSON.parse(second.events[1]!.data).method).toBe('notifications/tools/list_changed');
    expect(second.events[1]!.id).toBe('0:1');
    expect(first.events.length).toBe(1);
    await second.cancel();
  });

  it('opens a plain GET again once the first stream is closed', async () => {
    const { base } = await start();
    const url = `${base}/mcp`;
    const { headers } = await initSession(url);
    const first = new EventReader(await openGet(url, headers));
    await first.until(1);
    await first.cancel();
    let reader: EventReader | undefined;
    // The server learns of the close when the socket's close event comes: bounded retries.
    await untilAsync(async () => {
      const res = await openGet(url, headers);
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
