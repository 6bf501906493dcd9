import { jsonRpcResult } from '@mcp-sse/protocol';
import { describe, expect, it } from 'vitest';
import { connect } from '../connect.js';
import { createLinkedTransports } from './linked.js';

describe('McpSseClient over an in-memory linked transport', () => {
  it('runs the whole lifecycle without sockets', async () => {
    const [clientEnd, serverEnd] = createLinkedTransports();
    serverEnd.onmessage = (message) => {
      if (!('method' in message) || !('id' in message)) return;
      const id = message.id as number;
      const reply =
        message.method === 'initialize'
          ? {
              protocolVersion: '2024-11-05',
              capabilities: { tools: {} },
              serverInfo: { name: 'mem', version: '1' },
            }
          : message.method === 'tools/list'
            ? { tools: [{ name: 'hello', inputSchema: { type: 'object' } }] }
            : { content: [{ type: 'text', text: 'hi' }] };
      void serverEnd.send(jsonRpcResult(id, reply));
    };
    const client = await connect('memory://', { transport: clientEnd });
    expect(client.protocolVersion).toBe('2024-11-05');
    expect(client.tools.map((t) => t.name)).toEqual(['hello']);
    expect(await client.callTool('hello')).toEqual({ content: [{ type: 'text', text: 'hi' }] });
    const closed = new Promise((resolve) => client.on('close', resolve));
    await serverEnd.close();
    expect(await closed).toMatchObject({ reason: 'stream_ended', error: { code: 'session_lost' } });
  });
});
