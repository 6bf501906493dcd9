import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTool } from '../tools/define-tool.js';
import { McpServerCore } from './mcp-server-core.js';

// biome-ignore lint/suspicious/noExplicitAny: the test reads arbitrary JSON-RPC shapes
type Sent = { msg: Record<string, any>; kind: string | undefined; related: unknown };

describe('McpServerCore routes by relatedRequestId', () => {
  it('tags answers, progress and logs with the request that caused them; list changes with none', async () => {
    const steps = defineTool({
      name: 'steps',
      description: 'x',
      input: z.object({}),
      handler: async (_args, ctx) => {
        ctx.progress(1, 2);
        ctx.log('info', 'working');
        return 'done';
      },
    });
    const core = new McpServerCore({ tools: [steps] });
    const sent: Sent[] = [];
    core.openSession({
      id: 's1',
      send: (json, kind, related) => sent.push({ msg: JSON.parse(json), kind, related }),
    });
    const init = {
      protocolVersion: '2025-11-25',
      capabilities: {},
      clientInfo: { name: 't', version: '1' },
    };
    core.handle('s1', { jsonrpc: '2.0', id: 0, method: 'initialize', params: init });
    core.handle('s1', { jsonrpc: '2.0', id: 'a', method: 'ping' });
    core.handle('s1', { jsonrpc: '2.0', id: 7, method: 'nope' });
    core.handle('s1', {
      jsonrpc: '2.0',
      id: 9,
      method: 'tools/call',
      params: { name: 'steps', _meta: { progressToken: 'p' } },
    });
    await new Promise((resolve) => setImmediate(resolve));
    core.tools.remove('steps');
    expect(sent.map((s) => [s.msg.method ?? s.msg.id, s.kind, s.related])).toEqual([
      [0, undefined, 0],
      ['a', undefined, 'a'],
      [7, undefined, 7],
      ['notifications/progress', 'notification', 9],
      ['notifications/message', 'notification', 9],
      [9, undefined, 9],
      ['notifications/tools/list_changed', 'notification', undefined],
    ]);
  });
});
