import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { start, until } from '../../test/helpers.js';
import { defineResource } from '../features/define-resource.js';
import { answerMessages, EventReader, mcpPost, messagesOf } from '../streamable/test-client.js';
import { defineTool } from '../tools/define-tool.js';

const V = '2026-07-28';
const meta = (extra: Record<string, unknown> = {}) => ({
  'io.modelcontextprotocol/protocolVersion': V,
  'io.modelcontextprotocol/clientCapabilities': {},
  'io.modelcontextprotocol/clientInfo': { name: 't', version: '1' },
  ...extra,
});
const request = (id: number, method: string, params: Record<string, unknown> = {}) => ({
  jsonrpc: '2.0',
  id,
  method,
  params: { ...params, _meta: meta((params._meta as Record<string, unknown>) ?? {}) },
});
const headers = (method: string, extra: Record<string, string> = {}) => ({
  'mcp-protocol-version': V,
  'mcp-method': method,
  ...extra,
});

describe('2026-07-28 stateless Streamable HTTP', () => {
  it('answers server/discover with versions, capabilities, serverInfo and caching hints', async () => {
    const { base } = await start();
    const res = await mcpPost(
      `${base}/mcp`,
      request(1, 'server/discover'),
      headers('server/discover'),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('mcp-session-id')).toBeNull();
    const { result } = await res.json();
    expect(result).toMatchObject({
      resultType: 'complete',
      supportedVersions: expect.arrayContaining(['2026-07-28', '2025-11-25']),
      capabilities: { tools: { listChanged: true } },
      _meta: { 'io.modelcontextprotocol/serverInfo': { name: 'mcp-sse-server' } },
      ttlMs: 0,
      cacheScope: 'public',
    });
  });

  it('lists and calls tools with resultType and serverInfo, no session', async () => {
    const { base } = await start();
    const url = `${base}/mcp`;
    const list = await (await mcpPost(url, request(1, 'tools/list'), headers('tools/list'))).json();
    expect(list.result).toMatchObject({ resultType: 'complete', ttlMs: 0, cacheScope: 'public' });
    expect(list.result.tools.length).toBeGreaterThan(0);
    const call = await mcpPost(
      url,
      request(2, 'tools/call', { name: 'echo', arguments: { message: 'hé' } }),
      headers('tools/call', { 'mcp-name': 'echo' }),
    );
    const answer = (await answerMessages(call)).at(-1)!;
    expect(answer).toMatchObject({
      id: 2,
      result: { resultType: 'complete', content: [{ text: 'hé' }] },
    });
  });

  it('refuses with the specification errors and statuses', async () => {
    const { base } = await start();
    const url = `${base}/mcp`;
    const post = async (body: unknown, h: Record<string, string>) => {
      const res = await mcpPost(url, body, h);
      return { status: res.status, body: await res.json() };
    };
    const noMeta = await post(
      { jsonrpc: '2.0', id: 1, method: 'tools/list' },
      headers('tools/list'),
    );
    expect(noMeta).toMatchObject({ status: 400, body: { id: 1, error: { code: -32602 } } });
    const badVersion = await post(
      request(2, 'tools/list', {
        _meta: { 'io.modelcontextprotocol/protocolVersion': '1900-01-01' },
      }),
      headers('tools/list', { 'mcp-protocol-version': '1900-01-01' }),
    );
    expect(badVersion).toMatchObject({
      status: 400,
      body: { error: { code: -32022, data: { requested: '1900-01-01' } } },
    });
    expect(badVersion.body.error.data.supported).toContain(V);
    // The header and _meta disagreeing is a mismatch, whatever the versions.
    const mismatch = await post(
      request(8, 'tools/list', {
        _meta: { 'io.modelcontextprotocol/protocolVersion': 'v999.0.0' },
      }),
      headers('tools/list'),
    );
    expect(mismatch).toMatchObject({ status: 400, body: { id: 8, error: { code: -32020 } } });
    const wrongMethod = await post(request(3, 'tools/list'), headers('prompts/list'));
    expect(wrongMethod).toMatchObject({ status: 400, body: { error: { code: -32020 } } });
    const noName = await post(
      request(4, 'tools/call', { name: 'echo', arguments: { message: 'x' } }),
      headers('tools/call'),
    );
    expect(noName).toMatchObject({ status: 400, body: { error: { code: -32020 } } });
    const versionHeader = await post(
      request(5, 'tools/list'),
      headers('tools/list', { 'mcp-protocol-version': '2025-11-25' }),
    );
    expect(versionHeader).toMatchObject({ status: 400, body: { error: { code: -32020 } } });
    const unknown = await post(request(6, 'nope/nothing'), headers('nope/nothing'));
    expect(unknown).toMatchObject({ status: 404, body: { id: 6, error: { code: -32601 } } });
    const removed = await post(request(7, 'ping'), headers('ping'));
    expect(removed).toMatchObject({ status: 404, body: { error: { code: -32601 } } });
    for (const method of ['GET', 'DELETE']) {
      const res = await fetch(url, {
        method,
        headers: { 'mcp-protocol-version': V, accept: 'text/event-stream' },
      });
      expect(res.status).toBe(405);
    }
  });

  it('checks Mcp-Param-* headers of x-mcp-header arguments, Base64 sentinel included', async () => {
    const { app, base } = await start();
    const regional = defineTool({
      name: 'regional',
      description: 'x',
      input: z.object({ region: z.string().meta({ 'x-mcp-header': 'Region' }) }),
      handler: ({ region }) => region,
    });
    app.mcp.addTool(regional);
    const url = `${base}/mcp`;
    const tool = (
      await (await mcpPost(url, request(1, 'tools/list'), headers('tools/list'))).json()
    ).result.tools.find((t: { name: string }) => t.name === 'regional');
    expect(tool.inputSchema.properties.region['x-mcp-header']).toBe('Region');
    const body = (region: string) =>
      request(2, 'tools/call', { name: 'regional', arguments: { region } });
    const base64 = `=?base64?${Buffer.from('europe-ouest-é').toString('base64')}?=`;
    const ok = await mcpPost(
      url,
      body('europe-ouest-é'),
      headers('tools/call', { 'mcp-name': 'regional', 'mcp-param-region': base64 }),
    );
    expect((await answerMessages(ok)).at(-1)!.result.content[0].text).toBe('europe-ouest-é');
    const missing = await mcpPost(
      url,
      body('us'),
      headers('tools/call', { 'mcp-name': 'regional' }),
    );
    expect(missing.status).toBe(400);
    const unpadded = await mcpPost(
      url,
      body('Hello'),
      headers('tools/call', { 'mcp-name': 'regional', 'mcp-param-region': '=?base64?SGVsbG8?=' }),
    );
    expect(unpadded.status).toBe(400);
    expect((await unpadded.json()).error.code).toBe(-32020);
    const wrong = await mcpPost(
      url,
      body('us'),
      headers('tools/call', { 'mcp-name': 'regional', 'mcp-param-region': 'eu' }),
    );
    expect((await wrong.json()).error.code).toBe(-32020);
  });

  it('streams request-scoped progress and logs, and a closed stream cancels the call', async () => {
    const { app, base } = await start();
    let aborted = false;
    app.mcp.addTool(
      defineTool({
        name: 'slow',
        description: 'x',
        input: z.object({}),
        handler: async (_args, ctx) => {
          ctx.progress(1, 2);
          ctx.log('info', 'started');
          await new Promise<void>((resolve) =>
            ctx.signal.addEventListener('abort', () => resolve()),
          );
          aborted = true;
          return 'never';
        },
      }),
    );
    const res = await mcpPost(
      `${base}/mcp`,
      request(1, 'tools/call', {
        name: 'slow',
        arguments: {},
        _meta: { progressToken: 'p', 'io.modelcontextprotocol/logLevel': 'info' },
      }),
      headers('tools/call', { 'mcp-name': 'slow' }),
    );
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const reader = new EventReader(res);
    await reader.until(2);
    expect(messagesOf(reader.events).map((m) => m.method)).toEqual([
      'notifications/progress',
      'notifications/message',
    ]);
    await reader.cancel();
    const deadline = Date.now() + 5000;
    while (!aborted && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(aborted).toBe(true);
  });

  it('subscriptions/listen: acknowledgement first, then list changes tagged with the subscription id', async () => {
    const { app, base } = await start();
    const res = await mcpPost(
      `${base}/mcp`,
      request(9, 'subscriptions/listen', {
        notifications: { toolsListChanged: true, promptsListChanged: true },
      }),
      headers('subscriptions/listen'),
    );
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const reader = new EventReader(res);
    await reader.until(1);
    const ack = messagesOf(reader.events)[0]!;
    expect(ack.method).toBe('notifications/subscriptions/acknowledged');
    expect(ack.params.notifications.toolsListChanged).toBe(true);
    expect(ack.params._meta['io.modelcontextprotocol/subscriptionId']).toBe(9);
    app.mcp.removeTool('time');
    await reader.until(2);
    const changed = messagesOf(reader.events)[1]!;
    expect(changed.method).toBe('notifications/tools/list_changed');
    expect(changed.params._meta['io.modelcontextprotocol/subscriptionId']).toBe(9);
    await reader.cancel();
  });

  it('subscriptions/listen: resource updates of the URIs asked for, and only those', async () => {
    const { app, base } = await start({
      resources: [
        defineResource({ uri: 'mem://watched', name: 'watched', text: 'a' }),
        defineResource({ uri: 'mem://other', name: 'other', text: 'b' }),
      ],
    });
    const res = await mcpPost(
      `${base}/mcp`,
      request(4, 'subscriptions/listen', {
        notifications: { resourceSubscriptions: ['mem://watched'] },
      }),
      headers('subscriptions/listen'),
    );
    const reader = new EventReader(res);
    await reader.until(1);
    expect(messagesOf(reader.events)[0]!.params.notifications).toEqual({
      resourceSubscriptions: ['mem://watched'],
    });
    expect(app.mcp.core.features.notifyResourceUpdated('mem://other')).toBe(0);
    expect(app.mcp.core.features.notifyResourceUpdated('mem://watched')).toBe(1);
    await reader.until(2);
    expect(messagesOf(reader.events)[1]).toMatchObject({
      method: 'notifications/resources/updated',
      params: { uri: 'mem://watched', _meta: { 'io.modelcontextprotocol/subscriptionId': 4 } },
    });
    await reader.cancel();
    // The stream's end forgets its subscriptions.
    await until(
      () => app.mcp.core.features.subscriptions.subscribers('mem://watched').length === 0,
      'the listen session to close',
    );
  });
});
