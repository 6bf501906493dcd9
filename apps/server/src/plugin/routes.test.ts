import { describe, expect, it } from 'vitest';
import { openSession, postJson, rpc, start, TestStream } from '../../test/helpers.js';

describe('GET /sse', () => {
  it('sends SSE headers, then endpoint, then tools', async () => {
    const { base } = await start();
    const stream = await TestStream.open(`${base}/sse`);
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get('content-type')).toBe('text/event-stream');
    expect(stream.response.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(stream.response.headers.get('x-accel-buffering')).toBe('no');
    const endpoint = await stream.event('endpoint');
    expect(endpoint).toMatch(/^\/messages\?sessionId=[0-9a-f-]{36}$/);
    const tools = (await stream.event('tools')) as Array<{ name: string }>;
    expect(tools.map((t) => t.name)).toEqual(['echo', 'add', 'sleep', 'time', 'image']);
    const events = stream.items
      .filter((i) => i.type === 'event')
      .map((i) => i.type === 'event' && i.event.event);
    expect(events.slice(0, 2)).toEqual(['endpoint', 'tools']);
  });

  it('opens no session for HEAD', async () => {
    const { app, base } = await start();
    const res = await fetch(`${base}/sse`, { method: 'HEAD' });
    expect(res.status).toBe(404);
    expect(app.mcp.stats().sessions).toBe(0);
  });

  it('issues a different random session id per stream', async () => {
    const { base } = await start();
    const a = await openSession(base);
    const b = await openSession(base);
    expect(a.sessionId).not.toBe(b.sessionId);
  });

  it('works under a prefix and custom paths, with the prefix in the endpoint URL', async () => {
    const { base } = await start({ prefix: '/mcp', ssePath: '/events', messagesPath: '/rpc' });
    const { endpoint, stream, postUrl } = await openSession(base, '/mcp/events');
    expect(endpoint).toMatch(/^\/mcp\/rpc\?sessionId=/);
    expect((await postJson(postUrl, rpc(1, 'ping'))).status).toBe(202);
    expect(await stream.reply(1)).toEqual({ jsonrpc: '2.0', id: 1, result: {} });
    expect((await fetch(`${base}/mcp/healthz`)).status).toBe(200);
  });
});

describe('POST /messages', () => {
  it('answers 202 and sends the JSON-RPC response on the stream', async () => {
    const { base } = await start();
    const { stream, postUrl } = await openSession(base);
    const res = await postJson(
      postUrl,
      rpc(1, 'tools/call', { name: 'echo', arguments: { message: 'héllo\nworld' } }),
    );
    expect(res.status).toBe(202);
    expect(await stream.reply(1)).toEqual({
      jsonrpc: '2.0',
      id: 1,
      result: { content: [{ type: 'text', text: 'héllo\nworld' }] },
    });
  });

  it('accepts session_id (the Python SDK name) and the mcp-protocol-version header', async () => {
    const { base } = await start();
    const { stream, sessionId } = await openSession(base);
    const res = await postJson(`${base}/messages?session_id=${sessionId}`, rpc('a', 'ping'), {
      'mcp-protocol-version': '2025-11-25',
    });
    expect(res.status).toBe(202);
    expect(await stream.reply('a')).toMatchObject({ result: {} });
  });

  it.each([
    ['no session id', '/messages', 400, 'MCP_SSE_MISSING_SESSION_ID'],
    ['a malformed session id', '/messages?sessionId=abc', 400, 'MCP_SSE_INVALID_SESSION_ID'],
    [
      'an unknown session',
      '/messages?sessionId=00000000-0000-4000-8000-000000000000',
      404,
      'MCP_SSE_SESSION_NOT_FOUND',
    ],
  ])('answers %s with %i and a JSON body', async (_what, path, status, code) => {
    const { base } = await start();
    const res = await postJson(`${base}${path}`, rpc(1, 'ping'));
    expect(res.status).toBe(status);
    const body = await res.json();
    expect(body).toMatchObject({ statusCode: status, code });
    expect(body.message.length).toBeGreaterThan(20);
  });

  it('answers bad JSON, non-JSON-RPC bodies and batches with 400', async () => {
    const { base } = await start();
    const { postUrl } = await openSession(base);
    for (const body of [
      '{not json',
      '{}',
      '[]',
      '{"jsonrpc":"1.0","id":1,"method":"ping"}',
      'null',
      '""',
    ]) {
      const res = await postJson(postUrl, body);
      expect(res.status, body).toBe(400);
      const json = await res.json();
      expect(json.message, body).toBeTypeOf('string');
      expect(JSON.stringify(json)).not.toMatch(/\bat .*\.js/);
    }
  });

  it('answers a wrong content type with 415 and an oversized body with 413', async () => {
    const { base } = await start({ bodyLimit: 1024 });
    const { postUrl } = await openSession(base);
    const text = await fetch(postUrl, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'x',
    });
    expect(text.status).toBe(415);
    expect((await text.json()).message).toContain('application/json');
    const big = await postJson(
      postUrl,
      rpc(1, 'tools/call', { name: 'echo', arguments: { message: 'x'.repeat(5000) } }),
    );
    expect(big.status).toBe(413);
    expect((await big.json()).code).toBe('MCP_SSE_BODY_TOO_LARGE');
  });

  it('answers an unknown method with -32601 on the stream', async () => {
    const { base } = await start();
    const { stream, postUrl } = await openSession(base);
    await postJson(postUrl, rpc(3, 'prompts/list'));
    expect(await stream.reply(3)).toMatchObject({ error: { code: -32601 } });
  });

  it('returns an image from the image tool', async () => {
    const { base } = await start();
    const { stream, postUrl } = await openSession(base);
    await postJson(postUrl, rpc(1, 'tools/call', { name: 'image', arguments: {} }));
    const reply = (await stream.reply(1)) as {
      result: { content: Array<{ type: string; mimeType?: string }> };
    };
    expect(reply.result.content[0]).toMatchObject({ type: 'image', mimeType: 'image/png' });
  });
});

describe('POST /sse (simple form)', () => {
  it('runs the tool and sends a result event', async () => {
    const { base } = await start();
    const { stream, sessionId } = await openSession(base);
    const res = await postJson(`${base}/sse`, {
      session_id: sessionId,
      tool: 'add',
      args: { a: 2, b: 40 },
    });
    expect(res.status).toBe(202);
    expect(await stream.event('result')).toEqual({ content: [{ type: 'text', text: '42' }] });
  });

  it('sends an error event for an unknown tool and bad args', async () => {
    const { base } = await start();
    const { stream, sessionId } = await openSession(base);
    await postJson(`${base}/sse`, { session_id: sessionId, tool: 'nope', args: {} });
    expect(await stream.event('error')).toEqual({ code: -32602, message: 'Unknown tool: nope' });
    await postJson(`${base}/sse`, { session_id: sessionId, tool: 'add', args: { a: 'x' } });
    expect(((await stream.event('error')) as { message: string }).message).toContain('arguments.a');
  });

  it('answers a body without session_id with 400 and an unknown session with 404', async () => {
    const { base } = await start();
    expect((await postJson(`${base}/sse`, { tool: 'echo' })).status).toBe(400);
    const unknown = await postJson(`${base}/sse`, {
      session_id: '00000000-0000-4000-8000-000000000000',
      tool: 'echo',
      args: {},
    });
    expect(unknown.status).toBe(404);
    const { sessionId } = await openSession(base);
    const noTool = await postJson(`${base}/sse`, { session_id: sessionId });
    expect(noTool.status).toBe(400);
    expect((await noTool.json()).message).toContain('tool');
  });
});

describe('GET /healthz', () => {
  it('reports open sessions and calls in flight', async () => {
    const { base } = await start();
    await openSession(base);
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', sessions: 1, callsInFlight: 0 });
  });
});
