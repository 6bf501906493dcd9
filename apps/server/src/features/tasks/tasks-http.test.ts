import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { start } from '../../../test/helpers.js';
import { answerMessages, mcpPost } from '../../streamable/test-client.js';
import { defineTool } from '../../tools/define-tool.js';
import type { Msg } from '../test-harness.js';

const V = '2026-07-28';
const EXT = 'io.modelcontextprotocol/tasks';

const body = (id: number, method: string, params: Record<string, unknown>) => ({
  jsonrpc: '2.0',
  id,
  method,
  params: {
    ...params,
    _meta: {
      'io.modelcontextprotocol/protocolVersion': V,
      'io.modelcontextprotocol/clientCapabilities': { extensions: { [EXT]: {} }, elicitation: {} },
      'io.modelcontextprotocol/clientInfo': { name: 't', version: '1' },
    },
  },
});
const headers = (method: string, name: string) => ({
  'mcp-protocol-version': V,
  'mcp-method': method,
  'mcp-name': name,
});

const confirm = defineTool({
  name: 'confirm',
  description: 'asks, then answers',
  input: z.object({ file: z.string() }),
  execution: { taskSupport: 'required' },
  handler: async ({ file }, ctx) => {
    const answer = await ctx.elicit(
      { message: `Delete ${file}?`, requestedSchema: { type: 'object', properties: {} } },
      { key: 'ok' },
    );
    return `${answer.action} ${file}`;
  },
});

describe('tasks over Streamable HTTP (2026-07-28, one POST per request)', () => {
  it('creates, feeds and reads a task across POSTs; Mcp-Name must be the task id', async () => {
    const { base } = await start({ tools: [confirm] });
    const url = `${base}/mcp`;
    const call = async (
      id: number,
      method: string,
      params: Record<string, unknown>,
      name: string,
    ) =>
      (
        await answerMessages(await mcpPost(url, body(id, method, params), headers(method, name)))
      ).at(-1)!;
    const discover = await call(0, 'server/discover', {}, '');
    expect(discover.result.capabilities.extensions).toEqual({ [EXT]: {} });
    const created = await call(
      1,
      'tools/call',
      { name: 'confirm', arguments: { file: 'a.txt' } },
      'confirm',
    );
    expect(created.result).toMatchObject({ resultType: 'task', status: 'working' });
    const taskId = created.result.taskId as string;
    let task: Msg = {};
    for (let i = 0; i < 100 && task.status !== 'input_required'; i++) {
      task = (await call(2, 'tasks/get', { taskId }, taskId)).result;
    }
    expect(task.inputRequests.ok.method).toBe('elicitation/create');
    const wrongName = await mcpPost(
      url,
      body(3, 'tasks/get', { taskId }),
      headers('tasks/get', 'other'),
    );
    expect(wrongName.status).toBe(400);
    expect((await wrongName.json()).error.code).toBe(-32020);
    const ack = await call(
      4,
      'tasks/update',
      { taskId, inputResponses: { ok: { action: 'accept', content: {} } } },
      taskId,
    );
    expect(ack.result).toMatchObject({ resultType: 'complete' });
    for (let i = 0; i < 100 && task.status !== 'completed'; i++) {
      task = (await call(5, 'tasks/get', { taskId }, taskId)).result;
    }
    expect(task.result.content[0].text).toBe('accept a.txt');
  });
});
