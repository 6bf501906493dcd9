import { ErrorCode, LATEST_PROTOCOL_VERSION } from '@mcp-sse/protocol';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { echoTool } from '../examples/echo.js';
import { defineTool } from '../tools/define-tool.js';
import { McpServerCore } from './mcp-server-core.js';

// biome-ignore lint/suspicious/noExplicitAny: the test reads arbitrary JSON-RPC shapes
type Msg = Record<string, any>;

function setup(options: ConstructorParameters<typeof McpServerCore>[0] = {}) {
  const core = new McpServerCore({ tools: [echoTool], ...options });
  const sent: Msg[] = [];
  core.openSession({ id: 's1', send: (json) => sent.push(JSON.parse(json)) });
  const request = (id: number | string, method: string, params?: Record<string, unknown>) =>
    core.handle('s1', { jsonrpc: '2.0', id, method, ...(params ? { params } : {}) });
  const notify = (method: string, params?: Record<string, unknown>) =>
    core.handle('s1', { jsonrpc: '2.0', method, ...(params ? { params } : {}) });
  const byId = (id: number | string) => sent.find((m) => m.id === id && !('method' in m));
  const flush = () => new Promise((resolve) => setImmediate(resolve));
  return { core, sent, request, notify, byId, flush };
}

/** A tool that never answers, and a way to see the signal its handler was given. */
function hangingTool() {
  let signal: AbortSignal | undefined;
  const hang = defineTool({
    name: 'hang',
    description: 'x',
    input: z.object({}),
    handler: (_args, ctx) => {
      signal = ctx.signal;
      return new Promise(() => {});
    },
  });
  return { hang, signal: () => signal };
}

const gate = () => {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
};

describe('McpServerCore lifecycle', () => {
  it('echoes a supported protocol version and answers an unknown one with the latest', () => {
    const { request, byId } = setup();
    const init = { capabilities: {}, clientInfo: { name: 't', version: '1' } };
    request(0, 'initialize', { protocolVersion: '2024-11-05', ...init });
    expect(byId(0)?.result.protocolVersion).toBe('2024-11-05');
    expect(byId(0)?.result.capabilities.tools).toEqual({ listChanged: true });
    request(1, 'initialize', { protocolVersion: '1999-01-01', ...init });
    expect(byId(1)?.result.protocolVersion).toBe(LATEST_PROTOCOL_VERSION);
  });

  it('rejects an initialize without clientInfo with -32602 naming the field', () => {
    const { request, byId } = setup();
    request(0, 'initialize', { protocolVersion: '2025-06-18', capabilities: {} });
    expect(byId(0)?.error.code).toBe(ErrorCode.InvalidParams);
    expect(byId(0)?.error.message).toContain('clientInfo');
  });

  it('answers ping with {} and an unknown method with -32601', () => {
    const { request, byId } = setup();
    request(1, 'ping');
    request(2, 'resources/list');
    expect(byId(1)?.result).toEqual({});
    expect(byId(2)?.error).toMatchObject({
      code: ErrorCode.MethodNotFound,
      message: 'Method not found: resources/list',
    });
  });

  it('treats request id 0 as a real id', () => {
    const { request, sent } = setup();
    request(0, 'ping');
    expect(sent[0]).toEqual({ jsonrpc: '2.0', id: 0, result: {} });
  });

  it('returns false for a session it does not hold', () => {
    const { core } = setup();
    expect(core.handle('nope', { jsonrpc: '2.0', id: 1, method: 'ping' })).toBe(false);
  });
});

describe('tools/list', () => {
  it('pages with an opaque cursor and rejects a forged one', () => {
    const tools = Array.from({ length: 5 }, (_, i) =>
      defineTool({ name: `t${i}`, description: 'x', input: z.object({}), handler: () => 'ok' }),
    );
    const { request, byId } = setup({ tools, pageSize: 2 });
    request(1, 'tools/list');
    const page1 = byId(1)!.result;
    expect(page1.tools.map((t: Msg) => t.name)).toEqual(['t0', 't1']);
    request(2, 'tools/list', { cursor: page1.nextCursor });
    const page2 = byId(2)!.result;
    expect(page2.tools.map((t: Msg) => t.name)).toEqual(['t2', 't3']);
    request(3, 'tools/list', { cursor: page2.nextCursor });
    expect(byId(3)!.result.tools.map((t: Msg) => t.name)).toEqual(['t4']);
    expect(byId(3)!.result.nextCursor).toBeUndefined();
    request(4, 'tools/list', { cursor: 'garbage' });
    expect(byId(4)?.error.code).toBe(ErrorCode.InvalidParams);
  });

  it('publishes JSON Schema generated from zod', () => {
    const { request, byId } = setup();
    request(1, 'tools/list');
    expect(byId(1)!.result.tools[0].inputSchema).toEqual({
      type: 'object',
      properties: { message: { type: 'string', description: 'Text to send back' } },
      required: ['message'],
    });
  });
});

describe('tools/call', () => {
  it('returns the handler result', async () => {
    const { request, byId, flush } = setup();
    request(1, 'tools/call', { name: 'echo', arguments: { message: 'hi' } });
    await flush();
    expect(byId(1)?.result).toEqual({ content: [{ type: 'text', text: 'hi' }] });
  });

  it('refuses a copy of an answered call instead of running the tool twice', async () => {
    let runs = 0;
    const counted = defineTool({
      name: 'count',
      description: 'Counts its runs.',
      input: z.object({}),
      handler: async () => String(++runs),
    });
    const { request, sent, flush } = setup({ tools: [counted] });
    request(0, 'tools/call', { name: 'count', arguments: {} });
    await flush();
    // The same request again, as a client sends it when it never saw the first POST's 202.
    request(0, 'tools/call', { name: 'count', arguments: {} });
    await flush();
    expect(runs).toBe(1);
    const answers = sent.filter((m) => m.id === 0);
    expect(answers[0]?.result).toEqual({ content: [{ type: 'text', text: '1' }] });
    expect(answers[1]?.error).toMatchObject({ code: ErrorCode.InvalidRequest });
    expect(answers[1]?.error.message).toContain('already answered');
  });

  it('answers a copy of a call still running once (the first answers it) and refuses another call with its id', async () => {
    let runs = 0;
    let finish: () => void = () => {};
    const slow = defineTool({
      name: 'slow',
      description: 'Runs until the test lets it finish.',
      input: z.object({ n: z.number() }),
      handler: async () => {
        runs++;
        await new Promise<void>((resolve) => {
          finish = resolve;
        });
        return 'done';
      },
    });
    const { request, sent, flush } = setup({ tools: [slow] });
    request(0, 'tools/call', { name: 'slow', arguments: { n: 1 } });
    await flush();
    // The same request again while it runs, as a client sends it when a POST's 202 was lost.
    request(0, 'tools/call', { name: 'slow', arguments: { n: 1 } });
    await flush();
    expect(sent.filter((m) => m.id === 0)).toEqual([]);
    // Another call with the id in use: refused at once.
    request(0, 'tools/call', { name: 'slow', arguments: { n: 2 } });
    expect(sent.filter((m) => m.id === 0).map((m) => m.error?.message)).toEqual([
      'Request id 0 is in use by a call in flight; ids must not be reused within a session',
    ]);
    finish();
    await flush();
    expect(runs).toBe(1);
    expect(sent.filter((m) => m.id === 0 && m.result !== undefined)).toEqual([
      expect.objectContaining({ result: { content: [{ type: 'text', text: 'done' }] } }),
    ]);
  });

  it('answers an unknown tool with -32602 Unknown tool: NAME', () => {
    const { request, byId } = setup();
    request(1, 'tools/call', { name: 'nope', arguments: {} });
    expect(byId(1)?.error).toMatchObject({ code: -32602, message: 'Unknown tool: nope' });
  });

  it('answers bad arguments with -32602 naming the field', () => {
    const { request, byId } = setup();
    request(1, 'tools/call', { name: 'echo', arguments: { message: 5 } });
    expect(byId(1)?.error.code).toBe(-32602);
    expect(byId(1)?.error.message).toContain('arguments.message');
    expect(byId(1)?.error.data).toEqual({ field: 'arguments.message' });
  });

  it('turns a thrown error into an isError result with the message and no stack', async () => {
    const boom = defineTool({
      name: 'boom',
      description: 'x',
      input: z.object({}),
      handler: () => {
        throw new Error('disk on fire');
      },
    });
    const { request, byId, flush } = setup({ tools: [boom] });
    request(1, 'tools/call', { name: 'boom' });
    await flush();
    expect(byId(1)?.result).toEqual({
      content: [{ type: 'text', text: 'disk on fire' }],
      isError: true,
    });
    expect(JSON.stringify(byId(1))).not.toContain('at ');
  });

  it('sends progress only when the caller gave a progressToken', async () => {
    const steps = defineTool({
      name: 'steps',
      description: 'x',
      input: z.object({}),
      handler: (_args, ctx) => {
        ctx.progress(1, 2, 'half');
        ctx.progress(2, 2);
        return 'done';
      },
    });
    const { request, sent, flush } = setup({ tools: [steps] });
    request(1, 'tools/call', { name: 'steps', _meta: { progressToken: 'p1' } });
    request(2, 'tools/call', { name: 'steps' });
    await flush();
    const progress = sent.filter((m) => m.method === 'notifications/progress');
    expect(progress.map((m) => m.params)).toEqual([
      { progressToken: 'p1', progress: 1, total: 2, message: 'half' },
      { progressToken: 'p1', progress: 2, total: 2 },
    ]);
  });

  it('honours logging/setLevel for ctx.log', async () => {
    const chatty = defineTool({
      name: 'chatty',
      description: 'x',
      input: z.object({}),
      handler: (_args, ctx) => {
        ctx.log('debug', 'quiet');
        ctx.log('error', { loud: true });
        return 'ok';
      },
    });
    const { request, sent, byId, flush } = setup({ tools: [chatty] });
    request(1, 'logging/setLevel', { level: 'warning' });
    expect(byId(1)?.result).toEqual({});
    request(2, 'tools/call', { name: 'chatty' });
    await flush();
    const logs = sent.filter((m) => m.method === 'notifications/message');
    expect(logs.map((m) => m.params)).toEqual([
      { level: 'error', logger: 'chatty', data: { loud: true } },
    ]);
    request(3, 'logging/setLevel', { level: 'loud' });
    expect(byId(3)?.error.code).toBe(-32602);
  });

  it('aborts the handler on notifications/cancelled and sends no answer; a late cancel is harmless', async () => {
    const started = gate();
    let aborted: unknown;
    const wait = defineTool({
      name: 'wait',
      description: 'x',
      input: z.object({}),
      handler: (_args, ctx) =>
        new Promise((resolve) => {
          started.open();
          ctx.signal.addEventListener('abort', () => {
            aborted = ctx.signal.reason;
            resolve('late');
          });
        }),
    });
    const { core, request, notify, byId, flush } = setup({ tools: [wait, echoTool] });
    request(7, 'tools/call', { name: 'wait' });
    await started.promise;
    notify('notifications/cancelled', { requestId: 7, reason: 'user' });
    await flush();
    expect((aborted as Error).name).toBe('AbortError');
    expect(byId(7)).toBeUndefined();
    expect(core.stats().callsInFlight).toBe(0);
    request(8, 'tools/call', { name: 'echo', arguments: { message: 'x' } });
    await flush();
    notify('notifications/cancelled', { requestId: 8 });
    notify('notifications/cancelled', { requestId: 'never-sent' });
    expect(byId(8)?.result.content[0].text).toBe('x');
  });

  it('times out a call on tick with -32001 and aborts its signal', async () => {
    const { hang, signal: signalOf } = hangingTool();
    const { core, request, byId } = setup({ tools: [hang], toolTimeoutMs: 1000 });
    request(1, 'tools/call', { name: 'hang' });
    core.tick(Date.now() + 500);
    expect(byId(1)).toBeUndefined();
    core.tick(Date.now() + 2000);
    expect(byId(1)?.error.code).toBe(ErrorCode.RequestTimeout);
    expect(signalOf()?.aborted).toBe(true);
  });

  it('queues calls beyond the per-session limit and refuses beyond the queue', async () => {
    const release = gate();
    const slow = defineTool({
      name: 'slow',
      description: 'x',
      input: z.object({}),
      handler: async () => {
        await release.promise;
        return 'ok';
      },
    });
    const { core, request, byId, flush } = setup({
      tools: [slow],
      maxCallsPerSession: 2,
      maxQueuedCallsPerSession: 1,
    });
    for (let id = 1; id <= 4; id++) request(id, 'tools/call', { name: 'slow' });
    expect(core.stats()).toMatchObject({ callsInFlight: 2, callsQueued: 1 });
    expect(byId(4)?.error.message).toContain('Too many calls');
    release.open();
    await flush();
    await flush();
    for (let id = 1; id <= 3; id++) expect(byId(id)?.result.content[0].text).toBe('ok');
    expect(core.stats()).toMatchObject({ callsInFlight: 0, callsQueued: 0 });
  });

  it('announces tool changes to initialized sessions', () => {
    const { core, request, sent } = setup();
    request(0, 'initialize', {
      protocolVersion: '2025-06-18',
      capabilities: {},
      clientInfo: { name: 't', version: '1' },
    });
    core.tools.remove('echo');
    expect(sent.at(-1)).toEqual({ jsonrpc: '2.0', method: 'notifications/tools/list_changed' });
  });

  it('drains: waits for calls in flight, refuses new ones, answers stragglers at the deadline', async () => {
    const release = gate();
    const slow = defineTool({
      name: 'slow',
      description: 'x',
      input: z.object({}),
      handler: async () => {
        await release.promise;
        return 'finished';
      },
    });
    const { core, request, byId, flush } = setup({ tools: [slow] });
    request(1, 'tools/call', { name: 'slow' });
    const drained = core.drain(5000);
    request(2, 'tools/call', { name: 'slow' });
    expect(byId(2)?.error.code).toBe(ErrorCode.ConnectionClosed);
    release.open();
    await drained;
    await flush();
    expect(byId(1)?.result.content[0].text).toBe('finished');

    const hung = setup({
      tools: [
        defineTool({
          name: 'hang',
          description: 'x',
          input: z.object({}),
          handler: () => new Promise(() => {}),
        }),
      ],
    });
    hung.request(1, 'tools/call', { name: 'hang' });
    await hung.core.drain(10);
    expect(hung.byId(1)?.error.code).toBe(ErrorCode.ConnectionClosed);
  });

  it('aborts calls and sends nothing when the session closes', async () => {
    const { hang, signal: signalOf } = hangingTool();
    const { core, request, sent } = setup({ tools: [hang] });
    request(1, 'tools/call', { name: 'hang' });
    core.closeSession('s1');
    expect(signalOf()?.aborted).toBe(true);
    expect(sent).toEqual([]);
    expect(core.stats().sessions).toBe(0);
  });
});
