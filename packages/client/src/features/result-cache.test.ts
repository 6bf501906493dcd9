import { afterEach, describe, expect, it } from 'vitest';
import { type ModernServer, startModernServer } from '../../test-support/modern-server.js';
import type { McpSseClient } from '../client.js';
import { connect } from '../connect.js';
import { ResultCache, type ResultCacheKey } from './result-cache.js';

const key = (context: string, uri = 'memo://a'): ResultCacheKey => ({
  server: 'http://127.0.0.1:1/mcp',
  context,
  method: 'resources/read',
  params: { uri },
});
const result = (ttlMs: number | undefined, cacheScope?: string, resultType = 'complete') => ({
  resultType,
  contents: [],
  ...(ttlMs === undefined ? {} : { ttlMs }),
  ...(cacheScope === undefined ? {} : { cacheScope }),
});

describe('ResultCache (2026-07-28 ttlMs and cacheScope)', () => {
  it('a public result is reused by every authorization context, a private one only by its own', () => {
    const cache = new ResultCache();
    cache.set(key('alice', 'memo://shared'), result(1000, 'public'), 0);
    cache.set(key('alice', 'memo://mine'), result(1000, 'private'), 0);
    expect(cache.get(key('bob', 'memo://shared'), 10)).toBeDefined();
    expect(cache.get(key('alice', 'memo://mine'), 10)).toBeDefined();
    expect(cache.get(key('bob', 'memo://mine'), 10)).toBeUndefined();
  });

  it('no scope reads as private (the safe reading); ttlMs absent, 0 or bad keeps nothing; fresh until ttlMs', () => {
    const cache = new ResultCache();
    cache.set(key('alice'), result(1000), 0);
    expect(cache.get(key('bob'), 1)).toBeUndefined();
    expect(cache.get(key('alice'), 999)).toBeDefined();
    expect(cache.get(key('alice'), 1000)).toBeUndefined();
    for (const ttl of [undefined, 0, -5, Number.NaN]) {
      cache.set(key('alice', 'memo://t'), result(ttl as number, 'public'), 0);
      expect(cache.get(key('alice', 'memo://t'), 0)).toBeUndefined();
    }
  });

  it('an input_required result is never kept; other params and methods never match', () => {
    const cache = new ResultCache();
    cache.set(key('alice'), result(1000, 'public', 'input_required'), 0);
    expect(cache.get(key('alice'), 1)).toBeUndefined();
    cache.set(key('alice'), result(1000, 'public'), 0);
    expect(cache.get({ ...key('alice'), params: { uri: 'memo://b' } }, 1)).toBeUndefined();
    expect(cache.get({ ...key('alice'), method: 'resources/list' }, 1)).toBeUndefined();
    // _meta is not part of the key.
    expect(
      cache.get({ ...key('alice'), params: { uri: 'memo://a', _meta: { x: 1 } } }, 1),
    ).toBeDefined();
  });

  it('invalidate forgets a method, or one URI of it; the entry bound drops the least recently used', () => {
    const cache = new ResultCache({ maxEntries: 2 });
    cache.set(key('alice', 'memo://1'), result(1000, 'public'), 0);
    cache.set(key('alice', 'memo://2'), result(1000, 'private'), 0);
    cache.invalidate('http://127.0.0.1:1/mcp', 'resources/read', { uri: 'memo://1' });
    expect(cache.get(key('alice', 'memo://1'), 1)).toBeUndefined();
    expect(cache.get(key('alice', 'memo://2'), 1)).toBeDefined();
    cache.set(key('alice', 'memo://3'), result(1000, 'public'), 0);
    cache.set(key('alice', 'memo://4'), result(1000, 'public'), 0);
    expect(cache.size).toBe(2);
    cache.invalidate('http://127.0.0.1:1/mcp', 'resources/read');
    expect(cache.size).toBe(0);
  });
});

describe('the client honours ttlMs and cacheScope', () => {
  let server: ModernServer | undefined;
  const clients: McpSseClient[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) await client.close();
    await server?.close();
    server = undefined;
  });

  const reads = () => server?.posts.filter((post) => post.body.method === 'resources/read').length;

  it('a fresh read is served from the cache; a stale one (ttlMs 0) is read again', async () => {
    server = await startModernServer();
    const client = await connect(server.url);
    clients.push(client);
    const first = await client.readResource('memo://private/a');
    expect(await client.readResource('memo://private/a')).toEqual(first);
    expect(reads()).toBe(1);
    await client.readResource('file:///stale');
    await client.readResource('file:///stale');
    expect(reads()).toBe(3);
  });

  it('clients sharing a cache share public results; private ones only within the same cacheContext', async () => {
    server = await startModernServer();
    const cache = new ResultCache();
    const alice = await connect(server.url, { cache, cacheContext: 'alice' });
    const bob = await connect(server.url, { cache, cacheContext: 'bob' });
    const alice2 = await connect(server.url, { cache, cacheContext: 'alice' });
    const alone = await connect(server.url, { cache });
    clients.push(alice, bob, alice2, alone);
    await alice.readResource('memo://public/p');
    await bob.readResource('memo://public/p');
    expect(reads()).toBe(1);
    await alice.readResource('memo://private/q');
    await alice2.readResource('memo://private/q');
    expect(reads()).toBe(2);
    await bob.readResource('memo://private/q');
    await alone.readResource('memo://private/q');
    expect(reads()).toBe(4);
  });

  it('cache: false keeps nothing', async () => {
    server = await startModernServer();
    const client = await connect(server.url, { cache: false });
    clients.push(client);
    await client.readResource('memo://public/p');
    await client.readResource('memo://public/p');
    expect(reads()).toBe(2);
  });
});
