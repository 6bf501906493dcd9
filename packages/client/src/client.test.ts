import { encodeSseEvent, type Tool } from '@mcp-sse/protocol';
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../test-support/close-after-each.js';
import { DEFAULT_TOOLS, startScriptedServer } from '../test-support/scripted-server.js';
import { connect } from './connect.js';
import type { WireEvent } from './events.js';

const closeLater = closeAfterEach();

describe('connect and use', () => {
  it('initializes, lists tools across pages and calls a tool', async () => {
    const server = closeLater(await startScriptedServer({ pageSize: 2 }));
    const client = closeLater(
      await connect(server.url, { apiKey: 'k1', clientInfo: { name: 't', version: '1' } }),
    );
    expect(client.state).toBe('ready');
    expect(client.serverInfo).toEqual({ name: 'scripted', version: '1.0.0' });
    expect(client.protocolVersion).toBe('2025-11-25');
    expect(client.instructions).toBe('Use the tools.');
    expect(client.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/messages\?sessionId=/);
    expect(client.tools.map((t) => t.name)).toEqual(DEFAULT_TOOLS.map((t) => t.name));
    const listCalls = server.received.filter((m) => 'method' in m && m.method === 'tools/list');
    expect(listCalls).toHaveLength(3);
    const result = await client.callTool('echo', { text: 'hi' });
    expect(result).toEqual({ content: [{ type: 'text', text: 'hi' }] });
    expect(server.requestHeaders.every((h) => h.authorization === 'Bearer k1')).toBe(true);
    const init = server.received[0] as { id: unknown; params: Record<string, unknown> };
    expect(init.id).toBe(0);
    expect(init.params.clientInfo).toEqual({ name: 't', version: '1' });
    expect(server.received[1]).toMatchObject({ method: 'notifications/initialized' });
  });

  it('sends the API key as X-API-Key when asked', async () => {
    const server = closeLater(await startScriptedServer());
    closeLater(await connect(server.url, { apiKey: 'k2', apiKeyHeader: 'x-api-key' }));
    expect(server.requestHeaders[0]?.['x-api-key']).toBe('k2');
    expect(server.requestHeaders[0]?.authorization).toBeUndefined();
  });

  it('uses a pushed tools event instead of tools/list, even before initialize ends', async () => {
    const pushed: Tool[] = [{ name: 'pushed', inputSchema: { type: 'object' } }];
    const server = closeLater(await startScriptedServer({ pushTools: pushed }));
    const client = closeLater(await connect(server.url));
    expect(client.tools).toEqual(pushed);
    expect(server.received.some((m) => 'method' in m && m.method === 'tools/list')).toBe(false);
  });

  it('reports progress and carries a progress token on every call', async () => {
    const server = closeLater(await startScriptedServer());
    const client = closeLater(await connect(server.url));
    const seen: number[] = [];
    const result = await client.callTool(
      'slow',
      { steps: 3 },
      { onProgress: (p) => seen.push(p.progress) },
    );
    expect(seen).toEqual([1, 2, 3]);
    expect(result.content[0]).toEqual({ type: 'text', text: 'done after 3 steps' });
    await client.callTool('echo', { text: 'x' });
    const calls = server.received.filter((m) => 'method' in m && m.method === 'tools/call') as {
      id: number;
      params: { _meta?: { progressToken?: unknown } };
    }[];
    for (const call of calls) expect(call.params._meta?.progressToken).toBe(call.id);
  });

  it('returns isError results as results, not rejections', async () => {
    const server = closeLater(await startScriptedServer());
    const client = closeLater(await connect(server.url));
    const result = await client.callTool('fail');
    expect(result.isError).toBe(true);
  });

  it('takes a pushed tools event after ready as a change', async () => {
    const server = closeLater(await startScriptedServer());
    const client = closeLater(await connect(server.url, { firstId: 41 }));
    expect((server.received[0] as { id: number }).id).toBe(41);
    const changed = new Promise<readonly Tool[]>((resolve) => client?.on('toolsChanged', resolve));
    const session = [...server.sessions.values()][0];
    session?.write(
      encodeSseEvent({ event: 'tools', data: [{ name: 'late', inputSchema: { type: 'object' } }] }),
    );
    expect((await changed).map((t) => t.name)).toEqual(['late']);
    expect(client.tools.map((t) => t.name)).toEqual(['late']);
  });

  it('refreshes tools on list_changed and emits toolsChanged', async () => {
    const tools = [...DEFAULT_TOOLS];
    const server = closeLater(await startScriptedServer({ tools }));
    const client = closeLater(await connect(server.url));
    const changed = new Promise<readonly Tool[]>((resolve) => client?.on('toolsChanged', resolve));
    tools.push({ name: 'extra', inputSchema: { type: 'object' } });
    const session = [...server.sessions.values()][0];
    session?.send({ jsonrpc: '2.0', method: 'notifications/tools/list_changed' });
    const list = await changed;
    expect(list.map((t) => t.name)).toContain('extra');
    expect((await client.listTools()).map((t) => t.name)).toContain('extra');
  });

  it('emits log, notification, wire and answers the server ping', async () => {
    const server = closeLater(await startScriptedServer());
    const client = closeLater(await connect(server.url));
    const wire: WireEvent[] = [];
    client.on('wire', (event) => wire.push(event));
    const log = new Promise((resolve) => client?.on('log', resolve));
    const session = [...server.sessions.values()][0];
    session?.send({
      jsonrpc: '2.0',
      method: 'notifications/message',
      params: { level: 'info', data: 'hello' },
    });
    expect(await log).toEqual({ level: 'info', data: 'hello' });
    session?.send({ jsonrpc: '2.0', id: 'srv-1', method: 'ping' });
    const pong = await server.waitFor((m) => 'id' in m && m.id === 'srv-1');
    expect(pong).toEqual({ jsonrpc: '2.0', id: 'srv-1', result: {} });
    await client.ping();
    expect(wire.some((w) => w.kind === 'event' && w.name === 'message')).toBe(true);
    expect(wire.some((w) => w.kind === 'post' && w.status === 202)).toBe(true);
  });

  it('handles the response arriving on the stream before the POST is answered', async () => {
    const server = closeLater(await startScriptedServer({ ackDelayMs: 50 }));
    const order: string[] = [];
    const client = closeLater(await connect(server.url));
    client.on('wire', (w) => {
      if (w.kind === 'post' || (w.kind === 'event' && w.name === 'message')) order.push(w.kind);
    });
    const result = await client.callTool('echo', { text: 'early' });
    expect(result.content).toEqual([{ type: 'text', text: 'early' }]);
    expect(order[0]).toBe('event');
  });

  it('gives each POST its own abort signal (a shared one piles up undici listeners)', async () => {
    const server = closeLater(await startScriptedServer());
    const signals: (AbortSignal | null | undefined)[] = [];
    const spy: typeof fetch = (input, init) => {
      if (init?.method === 'POST') signals.push(init.signal);
      return fetch(input, init);
    };
    const client = closeLater(await connect(server.url, { fetch: spy }));
    for (let i = 0; i < 5; i++) await client.ping();
    expect(new Set(signals).size).toBe(signals.length);
  });

  it('ignores unknown events and comments, and keeps working', async () => {
    const server = closeLater(
      await startScriptedServer({
        afterEndpoint: `: ping\n\nevent: custom\ndata: {}\n\n${encodeSseEvent({ event: 'result', data: { content: [] } })}`,
      }),
    );
    const client = closeLater(await connect(server.url));
    expect((await client.callTool('add', { a: 2, b: 3 })).content[0]).toEqual({
      type: 'text',
      text: '5',
    });
  });
});
