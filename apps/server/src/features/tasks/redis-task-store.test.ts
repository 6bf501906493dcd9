import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { onCleanup, untilAsync } from '../../../test/helpers.js';
import { defineTool } from '../../tools/define-tool.js';
import { RedisTaskStore } from './redis-task-store.js';
import { TaskManager } from './task-manager.js';

/** A throwaway redis-server on a Unix socket, stopped after the test. */
async function startRedis(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-sse-tasks-redis-'));
  const path = join(dir, 'redis.sock');
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', '0', '--unixsocket', path, '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const probe = new Redis({ path, lazyConnect: true, maxRetriesPerRequest: 1 });
  probe.on('error', () => {}); // refused while it starts
  onCleanup(async () => {
    probe.disconnect();
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });
  await untilAsync(
    () =>
      probe.ping().then(
        () => true,
        () => false,
      ),
    'redis-server',
    10_000,
  );
  return path;
}

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
    const path = await startRedis();
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
