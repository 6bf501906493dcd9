import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { start } from '../../test/helpers.js';
import { defineTool } from '../tools/define-tool.js';
import { EventReader, initSession, mcpPost, messagesOf, readEvents } from './test-client.js';

const call = (id: number, name: string, args: Record<string, unknown>, progressToken?: string) => ({
  jsonrpc: '2.0',
  id,
  method: 'tools/call',
  params: {
    name,
    arguments: args,
    ...(progressToken === undefined ? {} : { _meta: { progressToken } }),
  },
});

/** A tool that answers when the test opens its gate; counts its runs. */
function gatedTool() {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  let runs = 0;
  const tool = defineTool({
    name: 'gated',
    description: 'waits for the test',
    input: z.object({}),
    handler: async (_args, ctx) => {
      runs++;
      ctx.progress(1, 2);
      await gate;
      return 'opened';
    },
  });
  return { tool, open: () => open(), runs: () => runs };
}

const sseGet = (url: string, headers: Record<string, string>, lastEventId?: string) =>
  fetch(url, {
    headers: {
      ...headers,
      accept: 'text/event-stream',
      ...(lastEventId === undefined ? {} : { 'last-event-id': lastEventId }),
    },
  });

describe('Streamable HTTP resumability', () => {
  it('a broken POST stream does not cancel the call; GET with Last-Event-ID gets the rest exactly once', async () => {
    const { app, base } = await start();
    const gated = gatedTool();
    app.mcp.addTool(gated.tool);
    const url = `${base}/mcp`;
    const { headers } = await initSession(url);
    const post = await mcpPost(url, call(7, 'gated', {}, 'tok'), headers);
    const reader = new EventReader(post);
    await reader.until(2); // priming, progress
    const lastSeen = reader.events[1]!.id!;
    await reader.cancel();
    gated.open();
    const resumed = await sseGet(url, headers, lastSeen);
    expect(resumed.status).toBe(200);
    const events = await readEvents(resumed);
    expect(events[0]).toMatchObject({ data: '', retry: 1000, id: lastSeen });
    const messages = messagesOf(events);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ id: 7, result: { content: [{ text: 'opened' }] } });
    expect(gated.runs()).toBe(1);
    // Everything seen now: a second resume has nothing to send.
    const again = await sseGet(url, headers, events.at(-1)!.id);
    expect(again.status).toBe(204);
  });

  it('replays only the stream the Last-Event-ID names', async () => {
    const { base } = await start();
    const url = `${base}/mcp`;
    const { headers } = await initSession(url);
    const a = await readEvents(await mcpPost(url, call(1, 'sleep', { ms: 150 }, 'a'), headers));
    const b = await readEvents(await mcpPost(url, call(2, 'sleep', { ms: 150 }, 'b'), headers));
    const aKey = a[0]!.id!.split(':')[0];
    const bKey = b[0]!.id!.split(':')[0];
    expect(aKey).not.toBe(bKey);
    const replay = await readEvents(await sseGet(url, headers, a[0]!.id));
    const ids = replay.filter((e) => e.data !== '').map((e) => e.id!.split(':')[0]);
    expect(new Set(ids)).toEqual(new Set([aKey]));
    expect(messagesOf(replay).at(-1)).toMatchObject({ id: 1 });
  });

  it('answers an unknown Last-Event-ID with 400 and a JSON-RPC error', async () => {
    const { base } = await start();
    const url = `${base}/mcp`;
    const { headers } = await initSession(url);
    const res = await sseGet(url, headers, '99:3');
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toContain('99:3');
  });

  it('polls (SEP-1699): ends the POST stream after retry, the answer comes on the resumed GET', async () => {
    const { app, base } = await start({ pollAfterMs: 50 });
    const gated = gatedTool();
    app.mcp.addTool(gated.tool);
    const url = `${base}/mcp`;
    const { headers } = await initSession(url);
    const first = await readEvents(await mcpPost(url, call(3, 'gated', {}, 'p'), headers));
    expect(first[0]).toMatchObject({ data: '', retry: 1000 });
    expect(messagesOf(first).some((m) => m.id === 3)).toBe(false);
    gated.open();
    const resumed = await readEvents(await sseGet(url, headers, first.at(-1)!.id));
    expect(messagesOf(resumed)).toEqual([
      { jsonrpc: '2.0', id: 3, result: { content: [{ type: 'text', text: 'opened' }] } },
    ]);
  });

  it('resumes the standalone GET stream with what was sent while it was away', async () => {
    const { app, base } = await start();
    const url = `${base}/mcp`;
    const { headers } = await initSession(url);
    const reader = new EventReader(await sseGet(url, headers));
    await reader.until(1);
    const primed = reader.events[0]!.id!;
    await reader.cancel();
    app.mcp.removeTool('time');
    const resumed = new EventReader(await sseGet(url, headers, primed));
    await resumed.until(2);
    expect(resumed.events[0]).toMatchObject({ id: primed, data: '', retry: 1000 });
    expect(JSON.parse(resumed.events[1]!.data).method).toBe('notifications/tools/list_changed');
    await resumed.cancel();
  });
});
