import type { AddressInfo } from 'node:net';
import { createServer as createNetServer, type Server as NetServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../test-support/close-after-each.js';
import { startScriptedServer } from '../test-support/scripted-server.js';
import { McpSseClient } from './client.js';
import { connect } from './connect.js';
import { McpSseClientError } from './errors.js';
import type { CloseInfo } from './events.js';

const closeLater = closeAfterEach();

async function failure(promise: Promise<unknown>): Promise<McpSseClientError> {
  try {
    await promise;
  } catch (error) {
    expect(McpSseClientError.isInstance(error)).toBe(true);
    return error as McpSseClientError;
  }
  throw new Error('expected a rejection');
}

async function closedPort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('every error code, provoked for real', () => {
  it('connect_failed: nothing listens on the port', async () => {
    const port = await closedPort();
    const error = await failure(connect(`http://127.0.0.1:${port}/sse`, { connectTimeout: 2000 }));
    expect(error.code).toBe('connect_failed');
    expect(error.message).toMatch(/ECONNREFUSED/);
  });

  it('connect_failed: not a URL', async () => {
    const error = await failure(connect('not a url'));
    expect(error.code).toBe('connect_failed');
  });

  it('auth_failed: HTTP 401 on the GET', async () => {
    const server = closeLater(await startScriptedServer({ getStatus: 401 }));
    const error = await failure(connect(server.url, { apiKey: 'wrong' }));
    expect(error).toMatchObject({ code: 'auth_failed', status: 401 });
    expect(error.message).toMatch(/API key/);
  });

  it('http_status: HTTP 500 on the GET', async () => {
    const server = closeLater(await startScriptedServer({ getStatus: 500 }));
    const error = await failure(connect(server.url));
    expect(error).toMatchObject({ code: 'http_status', status: 500 });
  });

  it('connect_timeout: the stream opens but no endpoint comes', async () => {
    const server = closeLater(await startScriptedServer({ endpoint: null }));
    const error = await failure(connect(server.url, { connectTimeout: 150 }));
    expect(error.code).toBe('connect_timeout');
    expect(error.message).toMatch(/no endpoint event/);
  });

  it('connect_timeout: the server accepts the socket and never answers', async () => {
    const sockets = new Set<import('node:net').Socket>();
    const silent: NetServer = createNetServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const error = await failure(connect(`http://127.0.0.1:${port}/sse`, { connectTimeout: 150 }));
      expect(error.code).toBe('connect_timeout');
      expect(error.message).toMatch(/did not answer/);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('protocol_error: the URL serves HTML, not SSE', async () => {
    const server = closeLater(await startScriptedServer({ getContentType: 'text/html' }));
    const error = await failure(connect(server.url));
    expect(error.code).toBe('protocol_error');
    expect(error.message).toMatch(/not an SSE stream/);
  });

  it('protocol_error: the endpoint is on another origin', async () => {
    const server = closeLater(
      await startScriptedServer({
        endpoint: () => 'http://localhost:1/messages?sessionId=x',
      }),
    );
    const error = await failure(connect(server.url));
    expect(error.code).toBe('protocol_error');
    expect(error.message).toMatch(/another origin/);
  });

  it('protocol_error: the server answers with a protocol version we do not speak', async () => {
    const server = closeLater(await startScriptedServer({ protocolVersion: '1999-01-01' }));
    const error = await failure(connect(server.url));
    expect(error.code).toBe('protocol_error');
    expect(error.message).toMatch(/1999-01-01/);
  });

  it('protocol_error: garbage on the stream is reported, and the client goes on', async () => {
    const server = closeLater(await startScriptedServer());
    const client = closeLater(await connect(server.url));
    const errors: McpSseClientError[] = [];
    client.on('error', (error) => errors.push(error));
    const session = [...server.sessions.values()][0];
    session?.write('event: message\ndata: {not json\n\n');
    session?.write('data: {"jsonrpc":"2.0","id":"x"}\n\n');
    const result = await client.callTool('echo', { text: 'still here' });
    expect(result.content).toEqual([{ type: 'text', text: 'still here' }]);
    expect(errors.map((e) => e.code)).toEqual(['protocol_error', 'protocol_error']);
  });

  it('protocol_error: an invalid response rejects its own call at once', async () => {
    const server = closeLater(
      await startScriptedServer({
        onMessage: (message, session) => {
          if ('method' in message && message.method === 'tools/call' && 'id' in message) {
            session.write(
              `data: ${JSON.stringify({ jsonrpc: '2.0', id: message.id, result: 'nope' })}\n\n`,
            );
            return true;
          }
          return undefined;
        },
      }),
    );
    const client = closeLater(await connect(server.url));
    const error = await failure(client.callTool('echo', { text: 'x' }));
    expect(error.code).toBe('protocol_error');
  });

  it('protocol_error: a result that is not a CallToolResult', async () => {
    const server = closeLater(
      await startScriptedServer({
        onMessage: (message, session) => {
          if ('method' in message && message.method === 'tools/call' && 'id' in message) {
            session.send({
              jsonrpc: '2.0',
              id: message.id as number,
              result: { content: [{ type: 'image' }] },
            });
            return true;
          }
          return undefined;
        },
      }),
    );
    const client = closeLater(await connect(server.url));
    const error = await failure(client.callTool('echo', { text: 'x' }));
    expect(error.code).toBe('protocol_error');
    expect(error.message).toMatch(/content\.0/);
  });

  it('server_error: an unknown tool answered with -32602', async () => {
    const server = closeLater(await startScriptedServer());
    const client = closeLater(await connect(server.url));
    const error = await failure(client.callTool('nope'));
    expect(error).toMatchObject({ code: 'server_error', rpcCode: -32602 });
    expect(error.message).toMatch(/Unknown tool: nope/);
  });

  it('request_timeout: no answer in time, and the server is told to cancel', async () => {
    const server = closeLater(await startScriptedServer());
    const client = closeLater(await connect(server.url));
    const error = await failure(client.callTool('hang', {}, { timeout: 100 }));
    expect(error.code).toBe('request_timeout');
    const cancelled = await server.waitFor(
      (m) => 'method' in m && m.method === 'notifications/cancelled',
    );
    expect(cancelled).toMatchObject({ params: { reason: 'Request timed out' } });
  });

  it('request_timeout: maxTotalTimeout caps a call however much progress arrives', async () => {
    const server = closeLater(await startScriptedServer());
    const client = closeLater(await connect(server.url));
    const call = client.callTool(
      'slow',
      { steps: 50, delayMs: 20 },
      { timeout: 1000, resetTimeoutOnProgress: true, maxTotalTimeout: 150 },
    );
    const error = await failure(call);
    expect(error.code).toBe('request_timeout');
    expect(error.message).toMatch(/maxTotalTimeout/);
  });

  it('aborted: the signal cancels the call and tells the server', async () => {
    const server = closeLater(await startScriptedServer());
    const client = closeLater(await connect(server.url));
    const controller = new AbortController();
    const call = client.callTool('hang', {}, { signal: controller.signal });
    const sent = await server.waitFor((m) => 'method' in m && m.method === 'tools/call');
    controller.abort(new Error('user pressed Ctrl-C'));
    const error = await failure(call);
    expect(error.code).toBe('aborted');
    expect(error.message).toMatch(/Ctrl-C/);
    const cancelled = await server.waitFor(
      (m) => 'method' in m && m.method === 'notifications/cancelled',
    );
    expect(cancelled).toMatchObject({ params: { requestId: (sent as { id: number }).id } });
  });

  it('aborted: the client signal closes everything', async () => {
    const server = closeLater(await startScriptedServer());
    const controller = new AbortController();
    const client = closeLater(await connect(server.url, { signal: controller.signal }));
    const closed = new Promise<CloseInfo>((resolve) => client?.on('close', resolve));
    const call = client.callTool('hang');
    controller.abort();
    expect((await failure(call)).code).toBe('aborted');
    expect((await closed).reason).toBe('aborted');
  });

  it('session_lost: the server ends the stream; pending calls and close say so (reconnect off)', async () => {
    const server = closeLater(await startScriptedServer());
    const client = closeLater(await connect(server.url, { reconnect: false }));
    const closed = new Promise<CloseInfo>((resolve) => client?.on('close', resolve));
    const call = client.callTool('hang');
    await server.waitFor((m) => 'method' in m && m.method === 'tools/call');
    for (const session of server.sessions.values()) session.end();
    expect((await failure(call)).code).toBe('session_lost');
    const info = await closed;
    expect(info.reason).toBe('stream_ended');
    expect(info.error?.code).toBe('session_lost');
    expect((await failure(client.ping())).code).toBe('session_lost');
  });

  it('session_lost: the server answers a POST with 404', async () => {
    const server = closeLater(
      await startScriptedServer({
        postStatus: (m) => ('method' in m && m.method === 'ping' ? 404 : 202),
      }),
    );
    const client = closeLater(await connect(server.url, { reconnect: false }));
    const error = await failure(client.ping());
    expect(error).toMatchObject({ code: 'session_lost', status: 404 });
  });

  it('closed: close() rejects what is pending and later calls', async () => {
    const server = closeLater(await startScriptedServer());
    const client = closeLater(await connect(server.url));
    const call = client.callTool('hang');
    await server.waitFor((m) => 'method' in m && m.method === 'tools/call');
    await client.close();
    expect((await failure(call)).code).toBe('closed');
    expect((await failure(client.callTool('echo', { text: 'x' }))).code).toBe('closed');
  });

  it('closed: calling before connect', async () => {
    const server = closeLater(await startScriptedServer());
    const client = closeLater(new McpSseClient(server.url));
    expect((await failure(client.callTool('echo'))).code).toBe('closed');
  });

  it('isInstance works across copies (brand, not instanceof)', () => {
    const foreign = { [Symbol.for('@mcp-sse/client/McpSseClientError')]: true, code: 'closed' };
    expect(McpSseClientError.isInstance(foreign)).toBe(true);
    expect(McpSseClientError.isInstance(new Error('x'))).toBe(false);
  });
});
