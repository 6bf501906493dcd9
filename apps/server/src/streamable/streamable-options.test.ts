import { describe, expect, it } from 'vitest';
import { start } from '../../test/helpers.js';
import { initSession, mcpPost } from './test-client.js';

describe('Streamable HTTP options', () => {
  it('jsonResponse: a call with progress is answered with application/json', async () => {
    const { base } = await start({ jsonResponse: true });
    const url = `${base}/mcp`;
    const { headers } = await initSession(url);
    const res = await mcpPost(
      url,
      {
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/call',
        params: { name: 'sleep', arguments: { ms: 150 }, _meta: { progressToken: 'p' } },
      },
      headers,
    );
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.json()).toMatchObject({ id: 1, result: { content: [{ type: 'text' }] } });
  });

  it('standaloneGet: false answers the GET stream with 405 (a resume still works)', async () => {
    const { base } = await start({ standaloneGet: false });
    const url = `${base}/mcp`;
    const { headers } = await initSession(url);
    const res = await fetch(url, { headers: { ...headers, accept: 'text/event-stream' } });
    expect(res.status).toBe(405);
    expect((await res.json()).jsonrpc).toBe('2.0');
  });

  it('mcpPath moves the endpoint; false turns it off and leaves /sse', async () => {
    const moved = await start({ mcpPath: '/rpc' });
    expect((await initSession(`${moved.base}/rpc`)).sessionId).toBeTypeOf('string');
    const off = await start({ mcpPath: false });
    const res = await mcpPost(`${off.base}/mcp`, { jsonrpc: '2.0', id: 0, method: 'ping' });
    expect(res.status).toBe(404);
    expect((await initSession(`${off.base}/sse`)).sessionId).toBeTypeOf('string');
  });
});
