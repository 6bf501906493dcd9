import type { NotificationBroadcast } from '../broadcast/notification-broadcast.js';
import { isServerChange, type ServerChange } from '../broadcast/server-change.js';
import type { CoreLogger } from '../core/logger.js';
import type { RedisConnections } from './redis-connections.js';

/** What travels on the channel: the change and the instance that raised it. */
interface Envelope {
  from: string;
  change: ServerChange;
}

function decode(message: string): Envelope | undefined {
  try {
    const value = JSON.parse(message) as Partial<Envelope>;
    return typeof value.from === 'string' && isServerChange(value.change)
      ? (value as Envelope)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * {@link NotificationBroadcast} over Redis pub/sub, on the instance's existing connections
 * (commands publish, the one shared subscriber listens): one channel per deployment
 * (`<prefix>broadcast`). Every instance hears its own messages too and drops them by
 * instance id, since it told its own sessions already. Pub/sub keeps nothing: a change
 * published while an instance's subscriber is down does not reach that instance's sessions.
 */
export class RedisBroadcast implements NotificationBroadcast {
  readonly #conn: RedisConnections;
  readonly #log: CoreLogger;
  readonly #channel: string;
  #receiver: ((change: ServerChange) => void) | undefined;
  #subscribed = false;
  #closed = false;

  constructor(conn: RedisConnections, logger: CoreLogger) {
    this.#conn = conn;
    this.#log = logger;
    this.#channel = `${conn.keys.prefix}broadcast`;
    // A Redis that was not there at start: subscribe once the subscriber is up. After a
    // drop the connections resubscribe the channels they route themselves.
    conn.sub.on('ready', () => {
      if (!this.#subscribed && !this.#closed) void this.start();
    });
  }

  /** Subscribes; resolves once Redis confirmed it, or failed (then it retries on reconnect). */
  async start(): Promise<void> {
    try {
      await this.#conn.listen(this.#channel, (message) => this.#receive(message));
      this.#subscribed = !this.#closed;
    } catch (err) {
      this.#log.warn({ err }, 'redis broadcast: not subscribed yet');
    }
  }

  publish(change: ServerChange): void {
    if (this.#closed) return;
    const envelope: Envelope = { from: this.#conn.instanceId, change };
    this.#conn.cmd.publish(this.#channel, JSON.stringify(envelope)).catch((err: unknown) => {
      // The sessions here were told; the other instances miss this one change.
      this.#log.warn({ err, method: change.method }, 'redis broadcast: publish failed');
    });
  }

  onChange(receiver: (change: ServerChange) => void): void {
    this.#receiver = receiver;
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#conn.unlisten(this.#channel);
  }

  #receive(message: string): void {
    const envelope = decode(message);
    if (envelope === undefined) {
      this.#log.warn({}, 'redis broadcast: unreadable message dropped');
      return;
    }
    if (envelope.from === this.#conn.instanceId || this.#closed) return;
    this.#receiver?.(envelope.change);
  }
}
