import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { onCleanup } from '../../test/helpers.js';
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
});
