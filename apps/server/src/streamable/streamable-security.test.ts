import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { start } from '../../test/helpers.js';
import { initParams, mcpPost } from './test-client.js';

const KEY = 'k-alpha-0123456789';
const OTHER = 'k-beta-9876543210';
const init = { jsonrpc: '2.0', id: 0, method: 'initialize', params: initParams() };

describe('Streamable HTTP security', () => {
  it('answers a missing key with 401, WWW-Authenticate and a JSON-RPC error', async () => {
    const { base } = await start({ apiKeys: [KEY] });
    const res = await mcpPost(`${base}/mcp`, init);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('Bearer');
    const body = await res.json();
    expect(body).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32000 } });
    expect(body.error.data.code).toBe('MCP_SSE_UNAUTHORIZED');
  });

  it('binds a session to its principal: another key gets 403 on POST, GET and DELETE', async () => {
    const { base } = await start({ apiKeys: [KEY, OTHER] });
    const url = `${base}/mcp`;
    const opened = await mcpPost(url, init, { 'x-api-key': KEY });
    const sessionId = opened.headers.get('mcp-session-id')!;
    const stranger = { 'x-api-key': OTHER, 'mcp-session-id': sessionId };
    const post = await mcpPost(url, { jsonrpc: '2.0', id: 1, method: 'ping' }, stranger);
    expect(post.status).toBe(403);
    expect((await post.json()).jsonrpc).toBe('2.0');
    const get = await fetch(url, { headers: { ...stranger, accept: 'text/event-stream' } });
    expect(get.status).toBe(403);
    const del = await fetch(url, { method: 'DELETE', headers: stranger });
    expect(del.status).toBe(403);
    const owner = await mcpPost(
      url,
      { jsonrpc: '2.0', id: 2, method: 'ping' },
      {
        'x-api-key': KEY,
        'mcp-session-id': sessionId,
      },
    );
    expect(owner.status).toBe(200);
  });

  it('rate-limits /mcp like the legacy routes, with a JSON-RPC 429', async () => {
    const { base } = await start({ rateLimit: 2 });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await mcpPost(`${base}/mcp`, init)).status);
    expect(statuses).toEqual([200, 200, 429]);
    const limited = await mcpPost(`${base}/mcp`, init);
    expect((await limited.json()).jsonrpc).toBe('2.0');
  });

  it('refuses a DNS-rebinding Host on a loopback listener with 403', async () => {
    const { base } = await start();
    const { port } = new URL(base);
    // fetch cannot set Host: a raw request can.
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: '/mcp',
          method: 'POST',
          headers: {
            host: `evil.example:${port}`,
            'content-type': 'application/json',
            accept: 'application/json, text/event-stream',
          },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify(init));
    });
    expect(status).toBe(403);
  });
});
