import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { describe, expect, it } from 'vitest';
import { onCleanup, start, until } from '../../test/helpers.js';
import { answerMessages, initParams, mcpPost } from './test-client.js';

const rpc = (id: number, method: string, params?: Record<string, unknown>) => ({
  jsonrpc: '2.0',
  id,
  method,
  ...(params === undefined ? {} : { params }),
});

describe('Streamable HTTP without sessions (streamableSessions: false)', () => {
  it('issues no session id, serves every POST on its own and keeps nothing after', async () => {
    const { app, base } = await start({ streamableSessions: false });
    const url = `${base}/mcp`;
    const init = await mcpPost(url, rpc(0, 'initialize', initParams()));
    expect(init.status).toBe(200);
    expect(init.headers.get('mcp-session-id')).toBeNull();
    const v = { 'mcp-protocol-version': '2025-11-25' };
    expect(
      (await mcpPost(url, { jsonrpc: '2.0', method: 'notifications/initialized' }, v)).status,
    ).toBe(202);
    const list = await answerMessages(await mcpPost(url, rpc(1, 'tools/list'), v));
    expect(list[0]!.result.tools.length).toBeGreaterThan(0);
    const call = await mcpPost(
      url,
      rpc(2, 'tools/call', {
        name: 'sleep',
        arguments: { ms: 150 },
        _meta: { progressToken: 'p' },
      }),
      v,
    );
    const messages = await answerMessages(call);
    expect(messages.at(-1)).toMatchObject({ id: 2, result: {} });
    await until(() => app.mcp.stats().sessions === 0, 'no session left');
    for (const method of ['GET', 'DELETE']) {
      const res = await fetch(url, {
        method,
        headers: { ...v, 'mcp-session-id': 'x', accept: 'text/event-stream' },
      });
      expect(res.status).toBe(405);
    }
  });

  it('serves the SDK 1.32 client, which works without a session id', async () => {
    const { base } = await start({ streamableSessions: false });
    const client = new Client({ name: 'sessionless', version: '1' });
    const transport = new StreamableHTTPClientTransport(new URL(`${base}/mcp`));
    await client.connect(transport);
    onCleanup(() => client.close());
    expect(transport.sessionId).toBeUndefined();
    const result = await client.callTool({ name: 'echo', arguments: { message: 'x' } });
    expect((result.content as Array<{ text: string }>)[0]!.text).toBe('x');
  });
});
