import { describe, expect, it } from 'vitest';
import { start } from '../../test/helpers.js';
import {
  EventReader,
  initParams,
  initSession,
  mcpHeaders,
  mcpPost,
  messagesOf,
  readEvents,
} from './test-client.js';

const rpc = (id: number | string, method: string, params?: Record<string, unknown>) => ({
  jsonrpc: '2.0',
  id,
  method,
  ...(params === undefined ? {} : { params }),
});

describe('Streamable HTTP sessions (2025-03-26 .. 2025-11-25)', () => {
  it('issues Mcp-Session-Id on initialize, answers requests as JSON and notifications with 202', async () => {
    const { base } = await start();
    const url = `${base}/mcp`;
    const init = await mcpPost(url, rpc(0, 'initialize', initParams()));
    expect(init.status).toBe(200);
    expect(init.headers.get('content-type')).toContain('application/json');
    const sessionId = init.headers.get('mcp-session-id');
    expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await init.json()).result.protocolVersion).toBe('2025-11-25');
    const headers = { 'mcp-session-id': sessionId!, 'mcp-protocol-version': '2025-11-25' };
    const initialized = await mcpPost(
      url,
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      headers,
    );
    expect(initialized.status).toBe(202);
    expect(await initialized.text()).toBe('');
    const list = await mcpPost(url, rpc(1, 'tools/list'), headers);
    expect(list.status).toBe(200);
    expect(list.headers.get('mcp-session-id')).toBe(sessionId);
    const body = await list.json();
    expect(body.id).toBe(1);
    expect(body.result.tools.map((t: { name: string }) => t.name)).toContain('echo');
  });

  it('answers 400 without a session id, 404 for an unknown or deleted one, with JSON-RPC bodies', async () => {
    const { base } = await start();
    const url = `${base}/mcp`;
    const missing = await mcpPost(url, rpc(1, 'tools/list'));
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({
      jsonrpc: '2.0',
      id: null,
      error: { code: -32000 },
    });
    const unknown = await mcpPost(url, rpc(1, 'tools/list'), { 'mcp-session-id': 'nope' });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.code).toBe(-32001);
    const { headers } = await initSession(url);
    const deleted = await fetch(url, { method: 'DELETE', headers });
    expect(deleted.status).toBe(200);
    const after = await mcpPost(url, rpc(2, 'ping'), headers);
    expect(after.status).toBe(404);
    expect((await fetch(url, { method: 'DELETE', headers })).status).toBe(404);
  });

  it('checks Accept (406), Content-Type (415) and MCP-Protocol-Version (400)', async () => {
    const { base } = await start();
    const url = `${base}/mcp`;
    const body = JSON.stringify(rpc(0, 'initialize', initParams()));
    const noSse = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body,
    });
    expect(noSse.status).toBe(406);
    expect((await noSse.json()).jsonrpc).toBe('2.0');
    const text = await fetch(url, {
      method: 'POST',
      headers: mcpHeaders({ 'content-type': 'text/plain' }),
      body,
    });
    expect(text.status).toBe(415);
    expect((await text.json()).error.message).toContain('application/json');
    const { headers } = await initSession(url);
    const bad = await mcpPost(url, rpc(1, 'ping'), {
      ...headers,
      'mcp-protocol-version': '1999-01-01',
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toContain('1999-01-01');
    // Absent means 2025-03-26: accepted.
    const absent = await mcpPost(url, rpc(2, 'ping'), {
      'mcp-session-id': headers['mcp-session-id']!,
    });
    expect(absent.status).toBe(200);
  });

  it('streams a call with progress as SSE: retry and priming event first, then progress, then the answer', async () => {
    const { base } = await start();
    const url = `${base}/mcp`;
    const { headers } = await initSession(url);
    const res = await mcpPost(
      url,
      rpc(5, 'tools/call', {
        name: 'sleep',
        arguments: { ms: 250 },
        _meta: { progressToken: 'p' },
      }),
      headers,
    );
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    expect(res.headers.get('x-accel-buffering')).toBe('no');
    const events = await readEvents(res);
    expect(events[0]).toEqual({ id: '2:0', data: '', retry: 1000 });
    const messages = messagesOf(events);
    expect(messages.at(-1)).toMatchObject({ id: 5, result: { content: [{ type: 'text' }] } });
    expect(messages.slice(0, -1).every((m) => m.method === 'notifications/progress')).toBe(true);
    expect(messages.length).toBeGreaterThan(1);
    const ids = events.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => id?.startsWith('2:'))).toBe(true);
  });

  it('allows batches only in 2025-03-26', async () => {
    const { base } = await start();
    const url = `${base}/mcp`;
    const old = await initSession(url, '2025-03-26');
    const batch = await mcpPost(url, [rpc(1, 'ping'), rpc(2, 'tools/list')], old.headers);
    expect(batch.status).toBe(200);
    const answers = await batch.json();
    expect(answers.map((a: { id: number }) => a.id)).toEqual([1, 2]);
    const recent = await initSession(url, '2025-06-18');
    const refused = await mcpPost(url, [rpc(1, 'ping')], recent.headers);
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.code).toBe(-32600);
  });

  it('opens one standalone GET stream per session, with list changes on it', async () => {
    const { app, base } = await start();
    const url = `${base}/mcp`;
    const { headers } = await initSession(url);
    const get = await fetch(url, { headers: { ...headers, accept: 'text/event-stream' } });
    expect(get.status).toBe(200);
    expect(get.headers.get('content-type')).toBe('text/event-stream');
    const reader = new EventReader(get);
    await reader.until(1);
    expect(reader.events[0]).toMatchObject({ id: '0:0', data: '', retry: 1000 });
    const second = await fetch(url, { headers: { ...headers, accept: 'text/event-stream' } });
    expect(second.status).toBe(409);
    app.mcp.removeTool('time');
    await reader.until(2);
    expect(JSON.parse(reader.events[1]!.data).method).toBe('notifications/tools/list_changed');
    expect(reader.events[1]!.id).toBe('0:1');
    await reader.cancel();
  });

  it('gives a GET without Mcp-Session-Id the HTTP+SSE endpoint event (a legacy client)', async () => {
    const { base } = await start();
    const res = await fetch(`${base}/mcp`, { headers: { accept: 'text/event-stream' } });
    const reader = new EventReader(res);
    await reader.until(2);
    expect(reader.events.find((e) => e.data !== '')!.data).toMatch(/^\/messages\?sessionId=/);
    await reader.cancel();
  });

  it('serves a JSON-RPC POST to /sse as Streamable HTTP, and keeps the simple form', async () => {
    const { base } = await start();
    const { headers } = await initSession(`${base}/sse`);
    const list = await mcpPost(`${base}/sse`, rpc(1, 'tools/list'), headers);
    expect(list.status).toBe(200);
    expect((await list.json()).result.tools.length).toBeGreaterThan(0);
    const missing = await mcpPost(`${base}/sse`, rpc(1, 'tools/list'));
    expect(missing.status).toBe(400);
    expect((await missing.json()).jsonrpc).toBe('2.0');
    const simple = await mcpPost(`${base}/sse`, { session_id: 'x', tool: 'echo', args: {} });
    expect(simple.status).toBe(400);
    expect((await simple.json()).code).toBe('MCP_SSE_INVALID_SESSION_ID');
  });

  it('answers a preflight allowing DELETE and the MCP headers, and exposes Mcp-Session-Id', async () => {
    const { base } = await start();
    const origin = 'http://localhost:3000';
    const pre = await fetch(`${base}/mcp`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'mcp-session-id, mcp-param-region',
      },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-methods')).toContain('DELETE');
    expect(pre.headers.get('access-control-allow-headers')).toContain('Mcp-Session-Id');
    expect(pre.headers.get('access-control-allow-headers')).toContain('mcp-param-region');
    const init = await mcpPost(`${base}/mcp`, rpc(0, 'initialize', initParams()), { origin });
    expect(init.headers.get('access-control-expose-headers')).toContain('Mcp-Session-Id');
    expect(init.headers.get('access-control-allow-origin')).toBe(origin);
    const refused = await mcpPost(`${base}/mcp`, rpc(0, 'initialize', initParams()), {
      origin: 'http://evil.example',
    });
    expect(refused.status).toBe(403);
    expect((await refused.json()).jsonrpc).toBe('2.0');
  });
});
