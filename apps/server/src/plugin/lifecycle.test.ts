import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openSession, postJson, rpc, start, until } from '../../test/helpers.js';
import { echoTool } from '../examples/echo.js';
import { sleepTool } from '../examples/sleep.js';
import { defineTool } from '../tools/define-tool.js';

describe('session lifecycle', () => {
  it('sends heartbeat comments', async () => {
    const { base } = await start({ heartbeatMs: 20 });
    const { stream } = await openSession(base);
    const beat = await stream.next((i) => i.type === 'comment', 'a heartbeat');
    expect(beat).toEqual({ type: 'comment', text: 'ping' });
  });

  it('cleans up a session when its client disconnects, aborting its calls', async () => {
    let aborted = false;
    const hang = defineTool({
      name: 'hang',
      description: 'x',
      input: z.object({}),
      handler: (_args, ctx) =>
        new Promise((resolve) => {
          ctx.signal.addEventListener('abort', () => {
            aborted = true;
            resolve('gone');
          });
        }),
    });
    // Resuming off: the session ends with its stream (the grace period is tested in resume.test.ts).
    const { app, base } = await start({ tools: [hang], resumeGraceMs: 0 });
    const { stream, postUrl } = await openSession(base);
    await postJson(postUrl, rpc(1, 'tools/call', { name: 'hang' }));
    await until(() => app.mcp.stats().callsInFlight === 1, 'the call to start');
    stream.close();
    await until(() => app.mcp.stats().sessions === 0, 'the session to close');
    await until(() => aborted, 'the handler to be aborted');
    expect((await postJson(postUrl, rpc(2, 'ping'))).status).toBe(404);
  });

  it('sweeps sessions idle for longer than the TTL', async () => {
    const { app, base } = await start({ sessionTtlMs: 60 });
    const { stream, postUrl } = await openSession(base);
    await until(() => stream.done, 'the idle stream to be closed');
    expect(app.mcp.stats().sessions).toBe(0);
    expect((await postJson(postUrl, rpc(1, 'ping'))).status).toBe(404);
  });

  it('reports progress from sleep and stops it on cancel', async () => {
    const { app, base } = await start({ tools: [sleepTool] });
    const { stream, postUrl } = await openSession(base);
    await postJson(
      postUrl,
      rpc(1, 'tools/call', {
        name: 'sleep',
        arguments: { ms: 250 },
        _meta: { progressToken: 't' },
      }),
    );
    expect(await stream.reply(1)).toMatchObject({
      result: { content: [{ text: 'Slept 250 ms' }] },
    });
    // Steps are timer-driven: a loaded machine may merge them, so at least one, in order.
    const progress = stream.notifications('notifications/progress');
    expect(progress.length).toBeGreaterThanOrEqual(1);
    const values = progress.map((p) => (p.params as { progress: number }).progress);
    expect([...values].sort((a, b) => a - b)).toEqual(values);

    await postJson(postUrl, rpc(2, 'tools/call', { name: 'sleep', arguments: { ms: 60_000 } }));
    await until(() => app.mcp.stats().callsInFlight === 1, 'sleep to start');
    await postJson(postUrl, {
      jsonrpc: '2.0',
      method: 'notifications/cancelled',
      params: { requestId: 2 },
    });
    await until(() => app.mcp.stats().callsInFlight === 0, 'sleep to stop');
    await postJson(postUrl, rpc(3, 'ping'));
    await stream.reply(3);
    expect(
      stream.items.some((i) => i.type === 'event' && (i.event.data as { id?: unknown }).id === 2),
    ).toBe(false);
  });

  it('announces added and removed tools with list_changed and a tools event', async () => {
    const { app, base } = await start({ tools: [echoTool] });
    const { stream, postUrl } = await openSession(base);
    await stream.event('tools');
    await postJson(
      postUrl,
      rpc(0, 'initialize', {
        protocolVersion: '2025-06-18',
        capabilities: {},
        clientInfo: { name: 't', version: '1' },
      }),
    );
    await stream.reply(0);
    app.mcp.addTool(
      defineTool({ name: 'extra', description: 'x', input: z.object({}), handler: () => 'ok' }),
    );
    const tools = (await stream.event('tools')) as Array<{ name: string }>;
    expect(tools.map((t) => t.name)).toEqual(['echo', 'extra']);
    expect(stream.notifications('notifications/tools/list_changed')).toHaveLength(1);
    expect(app.mcp.removeTool('extra')).toBe(true);
    expect(((await stream.event('tools')) as unknown[]).length).toBe(1);
  });

  it('closes the session of a client that reads too slowly', async () => {
    const big = defineTool({
      name: 'big',
      description: 'x',
      input: z.object({}),
      handler: () => 'x'.repeat(64 * 1024),
    });
    const { app, base } = await start({ tools: [big], maxBufferedBytes: 128 * 1024 });
    // A raw socket that never reads: the server's buffer fills up.
    const net = await import('node:net');
    const url = new URL(base);
    const socket = net.connect(Number(url.port), url.hostname);
    const id = await new Promise<string>((resolve) => {
      let head = '';
      const onData = (chunk: Buffer) => {
        head += chunk.toString();
        const match = /sessionId=([0-9a-f-]{36})/.exec(head);
        if (match) {
          socket.off('data', onData);
          socket.pause();
          resolve(match[1]!);
        }
      };
      socket.on('data', onData);
      socket.write(`GET /sse HTTP/1.1\r\nHost: ${url.host}\r\nAccept: text/event-stream\r\n\r\n`);
    });
    expect(id).toHaveLength(36);
    for (let i = 0; i < 200 && app.mcp.stats().sessions === 1; i++) {
      await postJson(`${base}/messages?sessionId=${id}`, rpc(i, 'tools/call', { name: 'big' }));
    }
    await until(() => app.mcp.stats().sessions === 0, 'the slow session to be closed');
    socket.destroy();
  });
});

describe('graceful shutdown', () => {
  it('lets a call in flight finish, answers it, then closes the streams', async () => {
    const { app, base } = await start({ tools: [sleepTool] });
    const { stream, postUrl } = await openSession(base);
    await postJson(postUrl, rpc(1, 'tools/call', { name: 'sleep', arguments: { ms: 300 } }));
    await until(() => app.mcp.stats().callsInFlight === 1, 'sleep to start');
    const closed = app.close();
    await until(() => app.mcp.core.shuttingDown, 'shutdown to begin');
    expect((await fetch(`${base}/sse`).catch(() => ({ status: 503 }))).status).toBe(503);
    await closed;
    expect(await stream.reply(1)).toMatchObject({
      result: { content: [{ text: 'Slept 300 ms' }] },
    });
    await until(() => stream.done, 'the stream to end');
  });
});
