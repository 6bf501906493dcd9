import type { SessionRecord, SessionStore } from '../sessions/session-store.js';
import type { Principal } from '../tools/tool-context.js';
import type { RedisConnections } from './redis-connections.js';
import { unavailable } from './redis-errors.js';
import { parseState, type RedisSessionState, stateFields } from './redis-session-state.js';

/** Options of {@link RedisSessionStore}. */
export interface RedisSessionStoreOptions {
  /** TTL of every session key, refreshed on activity: the backstop for sessions nobody closes. */
  ttlMs: number;
  /** A POST refreshes the TTL at most this often per session and instance. Default 1000 ms. */
  touchEveryMs?: number;
}

/**
 * {@link SessionStore} in Redis: a hash per session (TTL refreshed on activity) and a
 * sorted set by last activity for counting and sweeping. Every failure to reach Redis
 * becomes a `RedisUnavailableError` (503).
 */
export class RedisSessionStore implements SessionStore {
  readonly #conn: RedisConnections;
  readonly #ttlMs: number;
  readonly #touchEveryMs: number;
  /** Last TTL refresh per session from this instance: most POSTs need no write at all. */
  readonly #touched = new Map<string, number>();
  /**
   * Records seen here. A session's owner never changes, so a cached record answers the
   * principal check of a POST without a round trip; whether the session still exists is
   * checked anyway, atomically, by the delivery script (a deleted one is a 404 there).
   */
  readonly #known = new Map<string, SessionRecord>();

  constructor(conn: RedisConnections, options: RedisSessionStoreOptions) {
    this.#conn = conn;
    this.#ttlMs = options.ttlMs;
    this.#touchEveryMs = options.touchEveryMs ?? 1000;
  }

  /** TTL of session keys in ms. */
  get ttlMs(): number {
    return this.#ttlMs;
  }

  async create(record: SessionRecord): Promise<void> {
    await this.open(record, undefined, this.#conn.instanceId);
  }

  /** Creates a session held by `holder`, keeping the whole principal for a takeover. */
  async open(
    record: SessionRecord,
    principal: Principal | undefined,
    holder: string,
    endpoint = '',
  ): Promise<void> {
    const { cmd, keys } = this.#conn;
    const id = record.id;
    await cmd
      .multi()
      .hset(keys.record(id), {
        pid: JSON.stringify(record.principalId),
        p: principal === undefined ? '' : JSON.stringify(principal),
        c: String(record.createdAt),
        a: String(record.lastActiveAt),
        h: holder,
        ep: endpoint,
        i: '0',
      })
      .pexpire(keys.record(id), this.#ttlMs)
      .set(keys.gen(id), '1', 'PX', this.#ttlMs)
      .zadd(keys.sessions, record.lastActiveAt, id)
      .exec()
      .catch(unavailable);
    this.#remember({ ...record });
  }

  get(id: string): SessionRecord | Promise<SessionRecord | undefined> {
    const known = this.#known.get(id);
    if (known !== undefined) return known;
    const { cmd, keys } = this.#conn;
    return cmd.hmget(keys.record(id), 'pid', 'c', 'a').then(([pid, c, a]) => {
      if (pid === null || pid === undefined || c === null || c === undefined) return undefined;
      const record: SessionRecord = {
        id,
        principalId: JSON.parse(pid) as string | null,
        createdAt: Number(c),
        lastActiveAt: Number(a ?? c),
      };
      this.#remember(record);
      return record;
    }, unavailable);
  }

  /** Forgets a cached record (the session ended, here or elsewhere). */
  forget(id: string): void {
    this.#known.delete(id);
    this.#touched.delete(id);
  }

  #remember(record: SessionRecord): void {
    // Bounded: cleared wholesale rather than tracked per entry; a miss costs one round trip.
    if (this.#known.size >= 50_000) this.#known.clear();
    this.#known.set(record.id, record);
  }

  /** The full record with the protocol state, for resuming on another instance. */
  state(id: string): Promise<RedisSessionState | undefined> {
    const { cmd, keys } = this.#conn;
    return cmd.hgetall(keys.record(id)).then((hash) => parseState(id, hash), unavailable);
  }

  /** Records protocol state the core changed (fire and forget: the holder keeps the truth). */
  saveState(id: string, state: Parameters<typeof stateFields>[0]): Promise<boolean> {
    const { cmd, keys } = this.#conn;
    return cmd
      .mcpUpdate(keys.record(id), ...Object.entries(stateFields(state)).flat())
      .then((updated) => updated === 1, unavailable);
  }

  /** Records the instance now holding the session. */
  setHolder(id: string, holder: string): Promise<boolean> {
    const { cmd, keys } = this.#conn;
    return cmd
      .mcpUpdate(keys.record(id), 'h', holder)
      .then((updated) => updated === 1, unavailable);
  }

  touch(id: string, now: number): Promise<void> | undefined {
    const last = this.#touched.get(id);
    if (last !== undefined && now - last < this.#touchEveryMs) return undefined;
    // Bounded: a map of every session ever seen would grow for the life of the process.
    if (this.#touched.size > 100_000) this.#touched.clear();
    this.#touched.set(id, now);
    const { cmd, keys } = this.#conn;
    const others = keys.all(id).slice(1);
    return cmd
      .mcpTouch(others.length + 2, keys.record(id), keys.sessions, ...others, now, id, this.#ttlMs)
      .then(() => undefined, unavailable);
  }

  /** Removes every key of the session and tells every instance to end it. */
  async delete(id: string): Promise<void> {
    this.forget(id);
    const { cmd, keys } = this.#conn;
    await cmd
      .multi()
      .del(...keys.all(id))
      .zrem(keys.sessions, id)
      .publish(keys.outbound(id), 'x')
      .publish(keys.inbound(id), 'x')
      .exec()
      .catch(unavailable);
  }

  count(): Promise<number> {
    return this.#conn.cmd.zcard(this.#conn.keys.sessions).catch(unavailable);
  }

  idleSince(before: number): Promise<string[]> {
    const { cmd, keys } = this.#conn;
    return cmd
      .zrangebyscore(keys.sessions, '-inf', `(${before}`, 'LIMIT', 0, 1000)
      .catch(unavailable);
  }
}
