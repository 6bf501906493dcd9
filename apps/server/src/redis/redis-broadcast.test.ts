import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { onCleanup, until, untilAsync } from '../../test/helpers.js';
import { redisSocketPath, startRedisServer } from '../../test/redis-server.js';
import { type CoreLogger, silentLogger } from '../core/logger.js';
import { McpServerCore } from '../core/mcp-server-core.js';
import { defineTool } from '../tools/define-tool.js';
import { RedisBroadcast } from './redis-broadcast.js';
import { RedisConnections } from './redis-connections.js';

const tool = (name: string) =>
  defineTool({ name, description: name, input: z.object({}), handler: () => name });

/** An instance on the Redis at `path`: its core, one initialised session's notifications, its warnings. */
async function instance(path: string, prefix: string, redisUp = true) {
  const warnings: string[] = [];
  const logger: CoreLogger = {
    ...silentLogger,
    warn: (_data, message) => warnings.push(message ?? ''),
  };
  const base = new Redis({ path, lazyConnect: true });
  const conn = new RedisConnections({ client: base, prefix }, logger);
  expect(await conn.connect(redisUp ? 5000 : 200)).toBe(redisUp);
  const broadcast = new RedisBroadcast(conn, logger);
  await broadcast.start();
  const core = new McpServerCore();
  core.features.changes.use(broadcast);
  const heard: string[] = [];
  core.openSession({
    id: 's',
    protocolVersion: '2025-11-25',
    send: (json) => heard.push(JSON.parse(json).method),
  });
  onCleanup(async () => {
    await broadcast.close();
    await conn.close();
    base.disconnect();
  });
  return { core, conn, heard, warnings };
}

describe('RedisBroadcast', { timeout: 60_000 }, () => {
  it('carries a change to the other instances once and never back to its origin', async () => {
    const path = await startRedisServer();
    const a = await instance(path, 'bc:');
    const b = await instance(path, 'bc:');
    const other = await instance(path, 'other-deployment:');
    a.core.tools.add(tool('one'));
    expect(a.heard).toEqual(['notifications/tools/list_changed']);
    await until(() => b.heard.length === 1, 'B to hear the change', 10_000);
    // A round trip back: A's own copy of its change came before B's (one channel, in order).
    b.core.features.notifyResourceUpdated('mem://nobody-watches');
    b.core.tools.add(tool('two'));
    await until(() => a.heard.length === 2, 'A to hear B', 10_000);
    expect(a.heard).toEqual([
      'notifications/tools/list_changed',
      'notifications/tools/list_changed',
    ]);
    expect(b.heard).toEqual(a.heard);
    // Another key prefix is another deployment: it heard nothing.
    expect(other.heard).toEqual([]);
  });

  it('drops what is not a change it knows, and goes on', async () => {
    const path = await startRedisServer();
    const a = await instance(path, 'bc:');
    const b = await instance(path, 'bc:');
    for (const junk of [
      'not json',
      JSON.stringify({ from: 'x', change: { method: 'tools/call' } }),
      JSON.stringify({ change: { method: 'notifications/tools/list_changed' } }),
    ]) {
      await a.conn.cmd.publish('bc:broadcast', junk);
    }
    a.core.tools.add(tool('one'));
    await until(() => b.heard.length === 1, 'B to hear the change', 10_000);
    expect(b.warnings.filter((w) => w.includes('unreadable'))).toHaveLength(3);
  });

  it('subscribes once a Redis that was not there at start comes up', async () => {
    const path = redisSocketPath();
    const late = await instance(path, 'bc:', false);
    expect(late.warnings).toContain('redis broadcast: not subscribed yet');
    await startRedisServer(path);
    const b = await instance(path, 'bc:');
    // Both subscribers on the channel: the late one subscribed when its connection came up.
    await untilAsync(
      async () => {
        const [, count] = (await b.conn.cmd.call('PUBSUB', 'NUMSUB', 'bc:broadcast')) as [
          string,
          number,
        ];
        return count === 2;
      },
      'the late instance to subscribe',
      15_000,
    );
    b.core.tools.add(tool('one'));
    await until(() => late.heard.length === 1, 'the late instance to hear B', 10_000);
    expect(late.heard).toEqual(['notifications/tools/list_changed']);
  });
});
