import { describe, expect, it } from 'vitest';
import { echoTool } from '../examples/echo.js';
import { McpServerCore } from './mcp-server-core.js';

describe('CoreSessionInit.encodeResult', () => {
  it('serialises every result the core answers with, and leaves errors alone', () => {
    const core = new McpServerCore({ tools: [echoTool] });
    const sent: string[] = [];
    const encoded: unknown[] = [];
    core.openSession({
      id: 's',
      protocolVersion: '2025-11-25',
      send: (json) => sent.push(json),
      encodeResult: (id, result) => {
        encoded.push(id);
        return JSON.stringify({ jsonrpc: '2.0', id, result: { shaped: true, ...result } });
      },
    });
    core.handle('s', {
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: { name: 'echo', arguments: { message: 'hi' } },
    });
    core.handle('s', { jsonrpc: '2.0', id: 2, method: 'ping' });
    core.handle('s', { jsonrpc: '2.0', id: 3, method: 'no/such' });
    const answers = sent.map((json) => JSON.parse(json));
    expect(encoded).toEqual([1, 2]);
    expect(answers[0]).toMatchObject({
      id: 1,
      result: { shaped: true, content: [{ text: 'hi' }] },
    });
    expect(answers[1]).toEqual({ jsonrpc: '2.0', id: 2, result: { shaped: true } });
    expect(answers[2]).toMatchObject({ id: 3, error: { code: -32601 } });
  });

  it('defaults to the plain JSON-RPC result', () => {
    const core = new McpServerCore({ tools: [echoTool] });
    const sent: string[] = [];
    core.openSession({ id: 's', protocolVersion: '2025-11-25', send: (json) => sent.push(json) });
    core.handle('s', { jsonrpc: '2.0', id: 'p', method: 'ping' });
    expect(sent).toEqual(['{"jsonrpc":"2.0","id":"p","result":{}}']);
  });
});
