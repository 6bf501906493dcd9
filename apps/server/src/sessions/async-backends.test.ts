import { describe, expect, it } from 'vitest';
import { openSession, postJson, rpc, start } from '../../test/helpers.js';
import { MemorySessionDelivery } from './memory-session-delivery.js';
import { MemorySessionStore } from './memory-session-store.js';
import type { Inbound, SessionDelivery } from './session-delivery.js';
import type { SessionRecord, SessionStore } from './session-store.js';

/** A store that answers everything later, as a networked one (Redis) would. */
class SlowStore implements SessionStore {
  readonly inner = new MemorySessionStore();
  readonly #later = <T>(value: T) =>
    new Promise<T>((resolve) => setImmediate(() => resolve(value)));
  create = async (record: SessionRecord) => this.#later(await this.inner.create(record));
  get = async (id: string) => this.#later(await this.inner.get(id));
  touch = async (id: string, now: number) => this.#later(this.inner.touch(id, now));
  delete = async (id: string) => this.#later(await this.inner.delete(id));
  count = async () => this.#later(await this.inner.count());
  idleSince = async (before: number) => this.#later(await this.inner.idleSince(before));
}

/** A delivery that hops through the event loop, as pub/sub would. */
class SlowDelivery implements SessionDelivery {
  readonly inner = new MemorySessionDelivery();
  attach(id: string, handler: (inbound: Inbound) => void) {
    return this.inner.attach(id, handler);
  }
  deliver(id: string, inbound: Inbound) {
    return new Promise<boolean>((resolve) =>
      setImmediate(() => resolve(this.inner.deliver(id, inbound))),
    );
  }
}

describe('async session backends', () => {
  it('serve the same routes and statuses as the in-memory ones', async () => {
    const store = new SlowStore();
    const { base } = await start({
      sessionStore: store,
      sessionDelivery: new SlowDelivery(),
      apiKeys: ['k1-abcdef', 'k2-abcdef'],
    });
    const headers = { 'x-api-key': 'k1-abcdef' };
    const { stream, postUrl, sessionId } = await openSession(base, '/sse', headers);
    expect(
      (
        await postJson(
          postUrl,
          rpc(1, 'tools/call', { name: 'add', arguments: { a: 1, b: 1 } }),
          headers,
        )
      ).status,
    ).toBe(202);
    expect(await stream.reply(1)).toMatchObject({ result: { content: [{ text: '2' }] } });
    expect((await postJson(postUrl, rpc(2, 'ping'), { 'x-api-key': 'k2-abcdef' })).status).toBe(
      403,
    );
    expect((await postJson(postUrl, '{', headers)).status).toBe(400);
    expect(
      (
        await postJson(
          `${base}/messages?sessionId=00000000-0000-4000-8000-000000000000`,
          rpc(3, 'ping'),
          headers,
        )
      ).status,
    ).toBe(404);
    expect((await store.inner.get(sessionId))?.lastActiveAt).toBeGreaterThan(0);
  });
});
