import { randomUUID } from 'node:crypto';
import { Redis, type RedisOptions } from 'ioredis';
import type { CoreLogger } from '../core/logger.js';
import { RedisKeys } from './redis-keys.js';
import { defineScripts, type RedisScripts } from './redis-scripts.js';

/** How to reach Redis: a URL (`redis://host:port/db`), a client to copy settings from, or both plus a key prefix. */
export type RedisConnectOption =
  | string
  | Redis
  | {
      /** `redis://[:password@]host:port[/db]`. */
      url?: string;
      /** A client whose settings are copied (it is never used or closed by the server). */
      client?: Redis;
      /** Prefix of every key and channel. Default `mcp:`. */
      prefix?: string;
      /** Bound on every command, in ms: a Redis that stops answering is an error, not a hang. Default 2000. */
      commandTimeoutMs?: number;
    };

/**
 * Settings that turn a lost Redis into prompt errors: no offline queue (a command while
 * disconnected fails at once), one retry, a command timeout, reconnects every ≤ 1 s.
 */
function failFast(commandTimeoutMs: number): RedisOptions {
  return {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: commandTimeoutMs,
    enableAutoPipelining: true,
    retryStrategy: (times) => Math.min(50 * times, 1000),
    lazyConnect: true,
  };
}

type Handler = (message: string) => void;

/** An ioredis client, recognised by shape: `instanceof` fails across copies of ioredis. */
function isClient(option: RedisConnectOption): option is Redis {
  return typeof option === 'object' && typeof (option as Redis).duplicate === 'function';
}

/**
 * The two connections an instance keeps (commands, and one subscriber shared by all its
 * sessions), the channel routing on the subscriber, and this instance's id.
 */
export class RedisConnections {
  /** Commands and scripts. */
  readonly cmd: Redis & RedisScripts;
  /** Subscriptions only: one per instance, not one per session. */
  readonly sub: Redis;
  readonly keys: RedisKeys;
  /** Names this process in session records and logs. */
  readonly instanceId = randomUUID();
  readonly #handlers = new Map<string, Handler>();
  readonly #log: CoreLogger;
  readonly #reconnectListeners: Array<() => void> = [];
  #wasReady = false;
  /** False after a probe timed out or failed, until one succeeds: a hung Redis keeps its sockets. */
  #answering = true;

  constructor(option: RedisConnectOption, logger: CoreLogger) {
    this.#log = logger;
    const client = isClient(option) ? option : undefined;
    const spec: Exclude<RedisConnectOption, string | Redis> =
      typeof option === 'string' || client !== undefined
        ? {}
        : (option as Exclude<RedisConnectOption, string | Redis>);
    const url = typeof option === 'string' ? option : spec.url;
    const base: Redis | undefined = client ?? spec.client;
    const settings = failFast(spec.commandTimeoutMs ?? 2000);
    const make = (): Redis =>
      base !== undefined
        ? base.duplicate(settings)
        : url !== undefined
          ? new Redis(url, settings)
          : new Redis(settings);
    this.keys = new RedisKeys(spec.prefix ?? 'mcp:');
    this.cmd = defineScripts(make());
    // The subscriber needs no command timeout: it waits for messages by design.
    this.sub = make();
    this.sub.options.commandTimeout = undefined;
    // Resubscribing is ours to do after a drop: only the channels still wanted, once the
    // sessions that may have missed messages were released.
    this.sub.options.autoResubscribe = false;
    for (const [name, conn] of [
      ['commands', this.cmd],
      ['subscriber', this.sub],
    ] as const) {
      // Without an error listener ioredis prints every failed reconnect: log changes of
      // state only, not each attempt of an outage.
      let up = false;
      conn.on('error', (err: Error) => {
        if (up) this.#log.warn({ err: err.message, conn: name }, 'redis error');
      });
      conn.on('close', () => {
        if (up) this.#log.warn({ conn: name }, 'redis connection lost: reconnecting');
        up = false;
      });
      conn.on('ready', () => {
        up = true;
      });
    }
    this.sub.on('message', (channel: string, message: string) => {
      this.#handlers.get(channel)?.(message);
    });
    this.sub.on('ready', () => {
      if (this.#wasReady) {
        this.#log.info({}, 'redis subscriber reconnected');
        for (const listener of this.#reconnectListeners) listener();
        const channels = [...this.#handlers.keys()];
        if (channels.length > 0) {
          this.sub.subscribe(...channels).catch((err: unknown) => {
            this.#log.error({ err }, 'redis resubscribe failed');
          });
        }
      }
      this.#wasReady = true;
    });
  }

  /** Connects both, waiting at most `timeoutMs`; false when Redis is not there (yet). */
  async connect(timeoutMs = 5000): Promise<boolean> {
    const both = Promise.all([this.cmd.connect(), this.sub.connect()]).then(
      () => true,
      () => false,
    );
    const timer = new Promise<boolean>((resolve) =>
      setTimeout(() => resolve(false), timeoutMs).unref(),
    );
    return Promise.race([both, timer]);
  }

  /** True while both connections are up and Redis answered the last probe. */
  get ready(): boolean {
    return this.cmd.status === 'ready' && this.sub.status === 'ready' && this.#answering;
  }

  /** `ready`, `reconnecting`, `not_answering`, … (for the health check). */
  get status(): string {
    if (this.cmd.status !== 'ready') return this.cmd.status;
    if (this.sub.status !== 'ready') return this.sub.status;
    return this.#answering ? 'ready' : 'not_answering';
  }

  /** PINGs Redis (bounded by the command timeout) and records whether it answered. */
  probe(): void {
    if (this.cmd.status !== 'ready') return;
    this.cmd.ping().then(
      () => {
        this.#answering = true;
      },
      () => {
        this.#answering = false;
      },
    );
  }

  /** Called after the subscriber came back from a drop (messages may have been missed). */
  onReconnect(listener: () => void): void {
    this.#reconnectListeners.push(listener);
  }

  /** Routes a channel's messages to `handler` (one per channel) and subscribes. */
  async listen(channel: string, handler: Handler): Promise<void> {
    this.#handlers.set(channel, handler);
    try {
      await this.sub.subscribe(channel);
    } catch (err) {
      this.#handlers.delete(channel);
      throw err;
    }
  }

  /** Stops routing and unsubscribes; never throws (a lost connection forgets them anyway). */
  unlisten(channel: string): void {
    if (!this.#handlers.delete(channel)) return;
    this.sub.unsubscribe(channel).catch(() => {});
  }

  /** Closes both connections. */
  async close(): Promise<void> {
    this.#handlers.clear();
    await Promise.all(
      [this.cmd, this.sub].map((conn) =>
        conn.status === 'ready' ? conn.quit().catch(() => conn.disconnect()) : conn.disconnect(),
      ),
    );
  }
}
