import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { onCleanup, until, untilAsync } from '../../test/helpers.js';
import { redisSocketPath, startRedisServer } from '../../test/redis-server.js';
import { type CoreLogger, silentLogger } from '../core/logger.js';
import { McpServerCore } from '../core/mcp-server-core.js';
import { defineResource } from '../features/define-resource.js';
import { defineTool } from '../tools/define-tool.js';
import { RedisBroadcast } from './redis-broadcast.js';
import { RedisConnections } from './redis-connections.js';

const watched = defineResource({ uri: 'mem://doc', name: 'doc', read: () => 'doc' });

const tool = (name: string) =>
  defineTool({ name, description: name, input: z.object({}), handler: () => name });

/** An instance on the Redis at `path`: its core, one initialised session's notifications, its warnings. */
async function instance(path: string, prefix: string, redisUp = true, name?: string) {
  const warnings: string[] = [];
  const logger: CoreLogger = {
    ...silentLogger,
    warn: (_data, message) => warnings.push(message ?? ''),
  };
  // The name is copied to both connections: a test finds them in CLIENT LIST by it.
  const base = new Redis({
    path,
    lazyConnect: true,
    ...(name === undefined ? {} : { connectionName: name }),
  });
  const conn = new RedisConnections({ client: base, prefix }, logger);
  expect(await conn.connect(redisUp ? 5000 : 200)).toBe(redisUp);
  const broadcast = new RedisBroadcast(conn, logger);
  await broadcast.start();
  const core = new McpServerCore({ resources: [watched] });
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

/** Closes, on the Redis side, the connection of `type` (pubsub: the subscriber) named `name`. */
async function killConnection(path: string, name: string, type: 'pubsub' | 'normal') {
  const admin = new Redis({ path });
  try {
    const list = (await admin.call('CLIENT', 'LIST', 'TYPE', type)) as string;
    const line = list.split('\n').find((entry) => entry.includes(` name=${name} `));
    const id = line?.match(/^id=(\d+)/)?.[1];
    expect(id, `a ${type} connection named ${name}`).toBeDefined();
    expect(await admin.call('CLIENT', 'KILL', 'ID', id!)).toBe(1);
  } finally {
    admin.disconnect();
  }
}

const TOOLS = 'notifications/tools/list_changed';
const RESOURCES = 'notifications/resources/list_changed';
const UPDATED = 'notifications/resources/updated';

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
    // Its session opened before it could hear anything: told every list may have changed.
    await until(() => late.heard.length === 2, 'the late instance to resync', 10_000);
    expect(late.heard).toEqual([TOOLS, RESOURCES]);
    b.core.tools.add(tool('one'));
    await until(() => late.heard.length === 3, 'the late instance to hear B', 10_000);
    expect(late.heard).toEqual([TOOLS, RESOURCES, TOOLS]);
  });

  it('a subscriber cut while a change is published: its sessions are told after it is back, once', async () => {
    const path = await startRedisServer();
    const a = await instance(path, 'bc:', true, 'bc-a');
    const b = await instance(path, 'bc:', true, 'bc-b');
    b.core.features.subscriptions.subscribe('s', 'mem://doc');
    const resubscribed = new Promise<void>((resolve) => b.conn.onReconnect(resolve));
    await killConnection(path, 'bc-b', 'pubsub');
    // Redis dropped B's subscriber before answering; B reconnects no sooner than its retry
    // delay, and this publish is written before this turn ends: B misses it.
    a.core.tools.add(tool('one'));
    await resubscribed;
    await until(() => b.heard.length === 3, 'B to be told what it may have missed', 10_000);
    expect(b.heard).toEqual([TOOLS, RESOURCES, UPDATED]);
    // A was not cut: it heard its own change once, and no resync.
    expect(a.heard).toEqual([TOOLS]);
    // B is subscribed once, however many times it asked: the next change arrives once.
    a.core.tools.remove('one');
    await until(() => b.heard.length === 4, 'B to hear the next change', 10_000);
    // B's own change: told here at once, and never again when Redis echoes it.
    b.core.features.notifyResourceUpdated('mem://doc');
    // A third change closes the sequence: a duplicate of the others would come before it.
    a.core.tools.add(tool('two'));
    await until(() => b.heard.length === 6, 'B to hear the last change', 10_000);
    expect(b.heard).toEqual([TOOLS, RESOURCES, UPDATED, TOOLS, UPDATED, TOOLS]);
    // A's session watches nothing: B's resource update is not for it.
    expect(a.heard).toEqual([TOOLS, TOOLS, TOOLS]);
  });

  it('a change that could not be published is published once the connection is back', async () => {
    const path = await startRedisServer();
    const a = await instance(path, 'bc:', true, 'bc-a');
    const b = await instance(path, 'bc:', true, 'bc-b');
    const closed = new Promise<void>((resolve) => a.conn.cmd.once('close', resolve));
    await killConnection(path, 'bc-a', 'normal');
    await closed;
    // Until its retry delay is over A's command connection is down: publishing fails at once.
    a.core.tools.add(tool('one'));
    expect(a.heard).toEqual([TOOLS]);
    await until(() => b.heard.length === 1, 'B to hear the change kept for it', 10_000);
    expect(b.heard).toEqual([TOOLS]);
    expect(a.warnings).toContain('redis broadcast: publish failed, kept');
    // Sent once: the next change is the next thing B hears.
    a.core.tools.add(tool('two'));
    await until(() => b.heard.length === 2, 'B to hear the next change', 10_000);
    expect(b.heard).toEqual([TOOLS, TOOLS]);
  });

  it('a publish that timed out on a Redis that hung is sent once, not again', async () => {
    const path = await startRedisServer();
    const a = await instance(path, 'bc:', true, 'bc-a');
    const b = await instance(path, 'bc:', true, 'bc-b');
    b.core.features.subscriptions.subscribe('s', 'mem://doc');
    const admin = new Redis({ path });
    onCleanup(async () => admin.disconnect());
    // Writes (PUBLISH too) wait longer than A's 2 s command timeout; A's connection stays up.
    await admin.call('CLIENT', 'PAUSE', '2500', 'WRITE');
    a.core.tools.add(tool('one'));
    await until(
      () => a.warnings.includes('redis broadcast: publish failed, kept'),
      'the timeout',
      10_000,
    );
    // Redis runs the queued PUBLISH once it answers again.
    await until(() => b.heard.length === 1, 'B to hear the change', 10_000);
    // A later publish on the same connection shows the first one went through: not kept.
    a.core.tools.add(tool('two'));
    await until(() => b.heard.length === 2, 'B to hear the second change', 10_000);
    const back = new Promise<void>((resolve) => a.conn.cmd.once('ready', resolve));
    await killConnection(path, 'bc-a', 'normal');
    await back;
    // A change closes the sequence: a copy sent again on the new connection would come first.
    a.core.features.notifyResourceUpdated('mem://doc');
    await until(() => b.heard.length === 3, 'B to hear the update', 10_000);
    expect(b.heard).toEqual([TOOLS, TOOLS, UPDATED]);
  });
});
