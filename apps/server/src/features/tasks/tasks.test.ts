import { ErrorCode } from '@mcp-sse/protocol';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTool } from '../../tools/define-tool.js';
import { coreHarness, type Msg } from '../test-harness.js';
import { JsonRpcError } from './json-rpc-error.js';
import { MemoryTaskStore } from './memory-task-store.js';
import { TaskManager } from './task-manager.js';

const V = '2026-07-28';
const EXT = 'io.modelcontextprotocol/tasks';
const withTasks = { extensions: { [EXT]: {} }, elicitation: {} };
const meta = (capabilities: Record<string, unknown> = withTasks) => ({
  _meta: { 'io.modelcontextprotocol/clientCapabilities': capabilities },
});

/** A gate a test opens to let a handler finish. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

function tools(release: Promise<void>, aborted: AbortSignal[] = []) {
  return [
    defineTool({
      name: 'long',
      description: 'waits for the test',
      input: z.object({ n: z.number().default(1) }),
      execution: { taskSupport: 'optional' },
      handler: async ({ n }, ctx) => {
        aborted.push(ctx.signal);
        await release;
        return `done ${n}`;
      },
    }),
    defineTool({
      name: 'ask',
      description: 'asks twice at once',
      input: z.object({}),
      execution: { taskSupport: 'optional' },
      handler: async (_args, ctx) => {
        const form = (field: string) => ({
          message: field,
          requestedSchema: { type: 'object' as const, properties: { [field]: { type: 'string' } } },
        });
        const [a, b] = await Promise.all([
          ctx.elicit(form('a'), { key: 'a' }),
          ctx.elicit(form('b'), { key: 'b' }),
        ]);
        return `${String(a.content?.a)}+${String(b.content?.b)}`;
      },
    }),
    defineTool({
      name: 'only_task',
      description: 'required',
      input: z.object({}),
      execution: { taskSupport: 'required' },
      handler: () => {
        throw new JsonRpcError(ErrorCode.InternalError, 'crashed', { why: 'test' });
      },
    }),
    defineTool({ name: 'plain', description: 'sync', input: z.object({}), handler: () => 'plain' }),
  ];
}

let polls = 0;

/** Polls tasks/get (bounded) until `done` accepts the task. */
async function pollTask(
  h: ReturnType<typeof coreHarness>,
  taskId: string,
  done: (task: Msg) => boolean,
  params: Record<string, unknown> = meta(),
): Promise<Msg> {
  for (let i = 0; i < 200; i++) {
    const id = `get-${polls++}`;
    h.request(id, 'tasks/get', { taskId, ...params });
    const { result, error } = await h.answer(id);
    if (error !== undefined) throw new Error(JSON.stringify(error));
    if (done(result)) return result;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`task ${taskId} never got there`);
}

describe('tasks (2026-07-28 io.modelcontextprotocol/tasks extension, through the core)', () => {
  it('runs a call as a task: CreateTaskResult, working, then the result inlined on tasks/get', async () => {
    const { open, opened } = gate();
    const h = coreHarness({ tools: tools(opened) }, V);
    expect(h.core.serverCapabilities(V)).toMatchObject({ extensions: { [EXT]: {} } });
    expect(h.core.serverCapabilities(V)).not.toHaveProperty('tasks');
    h.request(1, 'tools/call', { name: 'long', arguments: { n: 7 }, ...meta() });
    const created = (await h.answer(1)).result;
    expect(created).toMatchObject({ resultType: 'task', status: 'working', ttlMs: 3_600_000 });
    expect(created).not.toHaveProperty('requestState');
    expect(created).not.toHaveProperty('task');
    const working = await pollTask(h, created.taskId, () => true);
    expect(working).toMatchObject({ taskId: created.taskId, status: 'working' });
    expect(working).not.toHaveProperty('result');
    open();
    const done = await pollTask(h, created.taskId, (t) => t.status === 'completed');
    expect(done.result).toEqual({ content: [{ type: 'text', text: 'done 7' }] });
  });

  it('parks on input: inputRequests, partial tasks/update, then completion', async () => {
    const h = coreHarness({ tools: tools(Promise.resolve()) }, V);
    h.request(1, 'tools/call', { name: 'ask', arguments: {}, ...meta() });
    const { taskId } = (await h.answer(1)).result;
    const parked = await pollTask(
      h,
      taskId,
      (t) => t.status === 'input_required' && Object.keys(t.inputRequests).length === 2,
    );
    expect(parked.inputRequests.a).toMatchObject({ method: 'elicitation/create' });
    h.request(2, 'tasks/update', {
      taskId,
      inputResponses: { a: { action: 'accept', content: { a: 'x' } }, stray: { nope: 1 } },
      ...meta(),
    });
    expect((await h.answer(2)).result).toEqual({ resultType: 'complete' });
    const partial = await pollTask(h, taskId, () => true);
    expect(partial.status).toBe('input_required');
    expect(Object.keys(partial.inputRequests)).toEqual(['b']);
    h.request(3, 'tasks/update', {
      taskId,
      inputResponses: { b: { action: 'accept', content: { b: 'y' } } },
      ...meta(),
    });
    await h.answer(3);
    const done = await pollTask(h, taskId, (t) => t.status === 'completed');
    expect(done.result.content[0].text).toBe('x+y');
  });

  it('cancels: empty ack, status cancelled, the handler aborted; again on a terminal task', async () => {
    const signals: AbortSignal[] = [];
    const h = coreHarness({ tools: tools(new Promise(() => {}), signals) }, V);
    h.request(1, 'tools/call', { name: 'long', arguments: {}, ...meta() });
    const { taskId } = (await h.answer(1)).result;
    h.request(2, 'tasks/cancel', { taskId, ...meta() });
    expect((await h.answer(2)).result).toEqual({ resultType: 'complete' });
    expect((await pollTask(h, taskId, () => true)).status).toBe('cancelled');
    expect(signals[0]?.aborted).toBe(true);
    h.request(3, 'tasks/cancel', { taskId, ...meta() });
    expect((await h.answer(3)).result).toEqual({ resultType: 'complete' });
  });

  it('gates on the extension: sync fallback, -32021 for required tools and tasks methods, -32602 for unknown ids', async () => {
    const h = coreHarness({ tools: tools(Promise.resolve()) }, V);
    h.request(1, 'tools/call', { name: 'long', arguments: { n: 2 }, ...meta({}) });
    expect((await h.answer(1)).result).toEqual({ content: [{ type: 'text', text: 'done 2' }] });
    h.request(2, 'tools/call', { name: 'only_task', arguments: {}, ...meta({}) });
    expect((await h.answer(2)).error).toMatchObject({
      code: -32021,
      data: { requiredCapabilities: { extensions: { [EXT]: {} } } },
    });
    h.request(3, 'tasks/get', { taskId: 'x', ...meta({}) });
    expect((await h.answer(3)).error.code).toBe(-32021);
    h.request(4, 'tasks/get', { taskId: 'nope', ...meta() });
    expect((await h.answer(4)).error.code).toBe(ErrorCode.InvalidParams);
    for (const method of ['tasks/list', 'tasks/result']) {
      h.request(method, method, { taskId: 'nope', ...meta() });
      expect((await h.answer(method)).error.code).toBe(ErrorCode.MethodNotFound);
    }
    // The legacy params.task does not make a plain tool a task.
    h.request(5, 'tools/call', { name: 'plain', arguments: {}, task: { ttl: 1 }, ...meta() });
    expect((await h.answer(5)).result.content[0].text).toBe('plain');
  });

  it('fails a task with the JSON-RPC error a handler throws (not a tool error)', async () => {
    const h = coreHarness({ tools: tools(Promise.resolve()) }, V);
    h.request(1, 'tools/call', { name: 'only_task', arguments: {}, ...meta() });
    const { taskId } = (await h.answer(1)).result;
    const failed = await pollTask(h, taskId, (t) => t.status === 'failed');
    expect(failed.error).toEqual({ code: -32603, message: 'crashed', data: { why: 'test' } });
    expect(failed).not.toHaveProperty('result');
  });

  it('fails the tasks still running when the server drains (-32000), aborting them', async () => {
    const signals: AbortSignal[] = [];
    const h = coreHarness({ tools: tools(new Promise(() => {}), signals) }, V);
    h.request(1, 'tools/call', { name: 'long', arguments: {}, ...meta() });
    const { taskId } = (await h.answer(1)).result;
    await h.core.drain(0);
    expect(signals[0]?.aborted).toBe(true);
    const found = await h.core.tasks.get(taskId, undefined);
    expect(found.ok && found.record).toMatchObject({ status: 'failed', error: { code: -32000 } });
  });

  it('outlives the session that created it: another session reads the result', async () => {
    const { open, opened } = gate();
    const store = new MemoryTaskStore();
    const h = coreHarness({ tools: tools(opened), tasks: { store } }, V);
    h.request(1, 'tools/call', { name: 'long', arguments: { n: 3 }, ...meta() });
    const { taskId } = (await h.answer(1)).result;
    h.core.closeSession('s1');
    open();
    const sent: Msg[] = [];
    h.core.openSession({
      id: 's2',
      protocolVersion: V,
      send: (json) => sent.push(JSON.parse(json)),
    });
    for (let i = 0; i < 200; i++) {
      h.core.handle('s2', {
        jsonrpc: '2.0',
        id: i,
        method: 'tasks/get',
        params: { taskId, ...meta() },
      });
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (sent.at(-1)?.result?.status === 'completed') break;
    }
    expect(sent.at(-1)?.result?.result?.content?.[0]?.text).toBe('done 3');
  });
});

describe('experimental tasks (2025-11-25)', () => {
  it('runs params.task calls as tasks: {task}, tasks/get, tasks/result, tasks/list', async () => {
    const { open, opened } = gate();
    const h = coreHarness({ tools: tools(opened) });
    h.initialize({});
    expect((await h.answer('init')).result.capabilities.tasks).toMatchObject({
      requests: { tools: { call: {} } },
    });
    h.request(1, 'tools/call', { name: 'long', arguments: { n: 4 }, task: { ttl: 60_000 } });
    const { task } = (await h.answer(1)).result;
    expect(task).toMatchObject({ status: 'working', ttl: 3_600_000, pollInterval: 1000 });
    h.request(2, 'tasks/result', { taskId: task.taskId });
    h.request(3, 'tasks/list', {});
    expect((await h.answer(3)).result.tasks.map((t: Msg) => t.taskId)).toEqual([task.taskId]);
    open();
    const payload = (await h.answer(2)).result;
    expect(payload.content[0].text).toBe('done 4');
    expect(payload._meta['io.modelcontextprotocol/related-task']).toEqual({ taskId: task.taskId });
    h.request(4, 'tasks/get', { taskId: task.taskId });
    expect((await h.answer(4)).result).toMatchObject({ status: 'completed' });
    h.request(5, 'tools/call', { name: 'only_task', arguments: {} });
    expect((await h.answer(5)).error.code).toBe(ErrorCode.MethodNotFound);
  });

  it('keeps tasks private to their principal', async () => {
    const manager = new TaskManager();
    const tool = tools(Promise.resolve())[3]!;
    const session = {
      id: 's',
      clientInfo: undefined,
      protocolVersion: V,
      principal: { id: 'alice' },
    };
    const started = await manager.start({
      tool,
      args: {},
      session,
      flavour: 'extension',
      capabilities: {},
    });
    expect(started.ok).toBe(true);
    const taskId = started.ok ? started.record.taskId : '';
    expect((await manager.get(taskId, 'alice')).ok).toBe(true);
    expect(await manager.get(taskId, 'mallory')).toMatchObject({
      ok: false,
      error: { code: -32602 },
    });
  });
});
