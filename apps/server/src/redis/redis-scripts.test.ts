import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { onCleanup, untilAsync } from '../../test/helpers.js';
import { startRedisServer } from '../../test/redis-server.js';
import { defineScripts } from './redis-scripts.js';

describe('redis scripts', () => {
  it('mcpIfMine refreshes or deletes a key only while it holds the given value', async () => {
    const redis = defineScripts(new Redis({ path: await startRedisServer() }));
    onCleanup(async () => redis.disconnect());
    await redis.set('mark', 'mine');
    expect(await redis.mcpIfMine('mark', 'theirs', 60_000)).toBe(0);
    expect(await redis.pttl('mark')).toBe(-1);
    expect(await redis.mcpIfMine('mark', 'mine', 60_000)).toBe(1);
    expect(await redis.pttl('mark')).toBeGreaterThan(0);
    expect(await redis.mcpIfMine('mark', 'theirs')).toBe(0);
    expect(await redis.get('mark')).toBe('mine');
    expect(await redis.mcpIfMine('mark', 'mine')).toBe(1);
    expect(await redis.exists('mark')).toBe(0);
    expect(await redis.mcpIfMine('mark', 'mine')).toBe(0);
  });

  it('mcpDeliver takes a word-for-word re-send of a pending request as the same request, and refuses another with its id', async () => {
    const redis = defineScripts(new Redis({ path: await startRedisServer() }));
    onCleanup(async () => redis.disconnect());
    const listener = new Redis({ path: redis.options.path! });
    onCleanup(async () => listener.disconnect());
    const heard: string[] = [];
    listener.on('message', (_channel: string, message: string) => heard.push(message));
    await listener.subscribe('in');
    await redis.hset('record', 'c', '1');
    const deliver = (payload: string, field: string) =>
      redis.mcpDeliver('record', 'pending', 'inbox', 'notRun', 'in', payload, field, 60_000, '1');
    const call = 'm{"jsonrpc":"2.0","id":7,"method":"tools/call"}';
    expect(await deliver(call, '7')).toBe(1);
    expect(await deliver(call, '7')).toBe(1);
    expect(await deliver('m{"jsonrpc":"2.0","id":7,"method":"ping"}', '7')).toBe(-2);
    expect(await redis.hgetall('pending')).toEqual({ '7': call });
    await redis.hdel('pending', '7');
    // Answered (no longer pending): the same request again is a new one.
    expect(await deliver(call, '7')).toBe(1);
    await untilAsync(async () => heard.length === 3, 'three messages');
    expect(heard).toEqual([call, 'p', call]);
  });

  it('mcpEmit with onlyWhilePending records an answer only while its request is pending', async () => {
    const redis = defineScripts(new Redis({ path: await startRedisServer() }));
    onCleanup(async () => redis.disconnect());
    await redis.hset('pending', '7', 'm{}');
    const emit = (data: string, onlyWhilePending: '0' | '1') =>
      redis.mcpEmit(
        'seq',
        'events',
        'pending',
        'bytes',
        'out',
        'message',
        data,
        '7',
        100,
        60_000,
        1e6,
        onlyWhilePending,
      );
    expect(await emit('first answer', '1')).toBe(1);
    expect(await redis.hexists('pending', '7')).toBe(0);
    // A second answer to the same request (a takeover ran it again) is not recorded.
    expect(await emit('second answer', '1')).toBe(0);
    expect(await redis.xlen('events')).toBe(1);
    expect(await redis.get('seq')).toBe('1');
    // Without the flag (an answer to a request that never was pending) it is.
    expect(await emit('other', '0')).toBe(2);
  });
});
