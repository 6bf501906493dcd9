import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { onCleanup, untilAsync } from '../../../test/helpers.js';
import { startRedisServer } from '../../../test/redis-server.js';
import { defineTool } from '../../tools/define-tool.js';
import { RedisTaskStore } from './redis-task-store.js';
import { TaskManager } from './task-manager.js';

const ask = defineTool({
  name: 'ask',
  description: 'asks, then answers',
  input: z.object({}),
  execution: { taskSupport: 'required' },
  handler: async (_args, ctx) => {
    const answer = await ctx.elicit(
      { message: 'ok?', requestedSchema: { type: 'object', properties: {} } },
      { key: 'ok' },
    );
    return `answer: ${answer.action}`;
  },
});

describe('tasks on Redis: any instance answers', { timeout: 60_000 }, () => {
  it('runs on A, is read, fed and finished through B', async () => {
    const path = await startRedisServer();
    const prefix = `tasks-${process.pid}:`;
    const storeA = new RedisTaskStore({ client: new Redis({ path, lazyConnect: true }), prefix });
    const storeB = new RedisTaskStore({ client: new Redis({ path, lazyConnect: true }), prefix });
    onCleanup(() => Promise.all([storeA.close(), storeB.close()]).then(() => {}));
    const a = new TaskManager({ store: storeA });
    const b = new TaskManager({ store: storeB });
    const session = {
      id: 's',
      clientInfo: undefined,
      protocolVersion: '2026-07-28',
      principal: undefined,
    };
    const started = await a.start({
      tool: ask,
      args: {},
      session,
      flavour: 'extension',
      capabilities: { elicitation: {} },
    });
    if (!started.ok) throw new Error(started.error.message);
    const { taskId } = started.record;
    await untilAsync(async () => {
      const seen = await b.get(taskId, undefined);
      return seen.ok && seen.record.status === 'input_required';
    }, 'input_required on B');
    const updated = await b.update(taskId, undefined, { ok: { action: 'accept', content: {} } });
    expect(updated.ok).toBe(true);
    await untilAsync(async () => {
      const seen = await b.get(taskId, undefined);
      return seen.ok && seen.record.status === 'completed';
    }, 'completed on B');
    const done = await b.get(taskId, undefined);
    expect(done.ok && done.record.result).toEqual({
      content: [{ type: 'text', text: 'answer: accept' }],
    });
    expect((await b.list(undefined)).map((t) => t.taskId)).toEqual([taskId]);
    expect((await b.get('nope', undefined)).ok).toBe(false);
  });
});
