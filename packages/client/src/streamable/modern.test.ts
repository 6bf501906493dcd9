import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type ModernServer, startModernServer } from '../../test-support/modern-server.js';
import type { McpSseClient } from '../client.js';
import { connect } from '../connect.js';
import { McpSseClientError } from '../errors.js';

let server: ModernServer | undefined;
let client: McpSseClient | undefined;
let plain: Server | undefined;

afterEach(async () => {
  await client?.close();
  await server?.close();
  plain?.closeAllConnections();
  await new Promise<void>((resolve) => (plain ? plain.close(() => resolve()) : resolve()));
  client = undefined;
  server = undefined;
  plain = undefined;
});

describe('a 2026-07-28 server', () => {
  it('connect(url) speaks it: server/discover, _meta and mirrored headers on every request', async () => {
    server = await startModernServer();
    const warnings: string[] = [];
    client = await connect(server.url, {
      logger: { warn: (message: string) => warnings.push(message) },
      clientInfo: { name: 'modern-test', version: '1.0.0' },
    });
    expect(client.protocolVersion).toBe('2026-07-28');
    expect(client.serverInfo).toEqual({ name: 'modern', version: '9.9.9' });
    expect(client.instructions).toBe('Ask about the weather.');
    // The tool whose x-mcp-header is on a number is dropped, with a warning naming it.
    expect(client.tools.map((tool) => tool.name)).toEqual(['weather', 'flaky', 'confirm']);
    expect(warnings.join('\n')).toMatch(/broken/);
    const result = await client.callTool('weather', { region: 'Zürich', days: 2 });
    expect(result.content).toEqual([{ type: 'text', text: 'sunny in Zürich' }]);
    const call = server.posts.at(-1);
    expect(call?.headers['mcp-name']).toBe('weather');
    expect(call?.headers['mcp-param-region']).toBe(
      `=?base64?${Buffer.from('Zürich').toString('base64')}?=`,
    );
    expect(call?.body.params).toMatchObject({
      _meta: {
        'io.modelcontextprotocol/protocolVersion': '2026-07-28',
        'io.modelcontextprotocol/clientInfo': { name: 'modern-test', version: '1.0.0' },
        'io.modelcontextprotocol/clientCapabilities': {},
      },
    });
    // No initialize, no session.
    expect(server.posts.map((post) => post.body.method)).not.toContain('initialize');
    expect(server.posts.every((post) => post.headers['mcp-session-id'] === undefined)).toBe(true);
  });

  it("connect(url) sends server/discover once: the negotiation probe's answer is the one the client reads", async () => {
    server = await startModernServer();
    client = await connect(server.url);
    expect(client.serverInfo).toEqual({ name: 'modern', version: '9.9.9' });
    const discovers = server.posts.filter((post) => post.body.method === 'server/discover');
    expect(discovers).toHaveLength(1);
    // A pinned revision probes too, and still asks once.
    await client.close();
    const before = server.posts.length;
    client = await connect(server.url, { protocolVersion: '2026-07-28' });
    const pinned = server.posts.slice(before).filter((p) => p.body.method === 'server/discover');
    expect(pinned).toHaveLength(1);
  });

  it('setLoggingLevel sends no logging/setLevel (removed in 2026-07-28): later requests carry the level in _meta', async () => {
    server = await startModernServer();
    client = await connect(server.url);
    await client.setLoggingLevel('warning');
    await client.callTool('weather', { region: 'Bern' });
    expect(server.posts.map((post) => post.body.method)).not.toContain('logging/setLevel');
    expect(server.posts.at(-1)?.body.params).toMatchObject({
      _meta: { 'io.modelcontextprotocol/logLevel': 'warning' },
    });
  });

  it('answers input_required with the handlers and retries with inputResponses and requestState', async () => {
    server = await startModernServer();
    const asked: unknown[] = [];
    client = await connect(server.url, {
      handlers: {
        elicitation: async (params) => {
          asked.push(params.message);
          return { action: 'accept', content: {} };
        },
      },
    });
    const result = await client.callTool('confirm');
    expect(asked).toEqual(['Sure?']);
    expect(result.content).toEqual([
      { type: 'text', text: 'accept state-1 {"action":"accept","content":{"ok":true}}' },
    ]);
    const calls = server.posts.filter((post) => post.body.method === 'tools/call');
    expect(calls).toHaveLength(2);
    expect(calls[0]?.body.id).not.toBe(calls[1]?.body.id);
    // The capability was declared because a handler is registered.
    expect(calls[0]?.body.params).toMatchObject({
      _meta: { 'io.modelcontextprotocol/clientCapabilities': { elicitation: {} } },
    });
  });

  it('a broken response stream: re-issued with a new id when idempotent, else reported', async () => {
    server = await startModernServer();
    client = await connect(server.url);
    const again = await client.callTool('flaky', {}, { idempotent: true });
    expect(again.content).toEqual([{ type: 'text', text: 'flaky 2' }]);
    const ids = server.posts
      .filter((post) => post.body.method === 'tools/call')
      .map((post) => post.body.id);
    expect(new Set(ids).size).toBe(2);
    const error = await client.callTool('flaky').catch((e: unknown) => e);
    expect(McpSseClientError.isInstance(error) && error.code).toBe('session_lost');
    expect((error as Error).message).toMatch(/may have run/);
  });

  it('watch(): subscriptions/listen acknowledged, list changes arrive as events, close ends the stream', async () => {
    server = await startModernServer();
    client = await connect(server.url);
    const changed = new Promise((resolve) => client?.on('toolsChanged', resolve));
    const watch = client.watch({ toolsListChanged: true, promptsListChanged: true });
    expect(await watch.acknowledged).toEqual({ toolsListChanged: true });
    await changed;
    const listen = server.posts.find((post) => post.body.method === 'subscriptions/listen');
    expect(listen?.body.params).toMatchObject({
      notifications: { toolsListChanged: true, promptsListChanged: true },
    });
    await watch.close();
    await expect.poll(() => server?.listensClosed).toBe(1);
  });

  it('honours ttlMs: a list that is stale at once is asked for again', async () => {
    server = await startModernServer();
    client = await connect(server.url);
    const lists = () => server?.posts.filter((post) => post.body.method === 'tools/list').length;
    const before = lists() ?? 0;
    await client.listTools();
    await client.listTools();
    expect(lists()).toBe(before + 2);
  });

  it('a POST cut before its answer is not sent again unless idempotent', async () => {
    server = await startModernServer();
    client = await connect(server.url);
    const vanishing = () =>
      server?.posts.filter((post) => (post.body.params as { name?: string })?.name === 'vanish')
        .length;
    const error = await client.callTool('vanish').catch((e: unknown) => e);
    expect(McpSseClientError.isInstance(error) && error.code).toBe('session_lost');
    expect((error as Error).message).toMatch(/may have run/);
    expect(vanishing()).toBe(1);
    await client.callTool('vanish', {}, { idempotent: true }).catch(() => undefined);
    expect(vanishing()).toBe(4);
  });

  it('without a handler, input_required fails with an error saying what to register', async () => {
    server = await startModernServer();
    client = await connect(server.url);
    const error = await client.callTool('confirm').catch((e: unknown) => e);
    expect(McpSseClientError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/handler/);
  });

  it('pinning an earlier revision against it fails with what it supports', async () => {
    server = await startModernServer();
    const error = await connect(server.url, {
      transport: 'streamable-http',
      protocolVersion: '2025-11-25',
    }).catch((e: unknown) => e);
    expect(McpSseClientError.isInstance(error)).toBe(true);
  });
});

describe('negotiation failures', () => {
  it('a URL that is no MCP endpoint: every step named, and where to look', async () => {
    plain = createServer((_req, res) =>
      res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>nope</h1>'),
    );
    await new Promise<void>((resolve) => plain?.listen(0, '127.0.0.1', resolve));
    const { port } = plain.address() as AddressInfo;
    const error = await connect(`http://127.0.0.1:${port}/nothing`).catch((e: unknown) => e);
    expect(McpSseClientError.isInstance(error)).toBe(true);
    const message = (error as Error).message;
    expect(message).toMatch(/server\/discover got HTTP 404/);
    expect(message).toMatch(/GET \(HTTP\+SSE\)/);
    expect(message).toMatch(/\/mcp/);
    expect(message).not.toMatch(/often \/sse\)/);
  });

  it('2026-07-28 pinned against a server that does not speak it', async () => {
    plain = createServer((_req, res) => res.writeHead(404).end());
    await new Promise<void>((resolve) => plain?.listen(0, '127.0.0.1', resolve));
    const { port } = plain.address() as AddressInfo;
    const error = await connect(`http://127.0.0.1:${port}/mcp`, {
      protocolVersion: '2026-07-28',
    }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/does not speak MCP 2026-07-28/);
  });
});
