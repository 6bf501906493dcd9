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

/** Changes waiting for the command connection to come back, at most (the rest are logged). */
const MAX_UNSENT = 1000;

/**
 * {@link NotificationBroadcast} over Redis pub/sub, on the instance's existing connections
 * (commands publish, the one shared subscriber listens): one channel per deployment
 * (`<prefix>broadcast`). Every instance hears its own messages too and drops them by
 * instance id, since it told its own sessions already: a change reaches each session once.
 *
 * Pub/sub keeps nothing, so both ends make up for an outage. A subscriber that comes back
 * from a drop (or connects late) cannot know what it missed: once it is subscribed again
 * it calls the `onMissed` listener, and the notifier tells its sessions that everything
 * may have changed. A change that could not be published (the command connection down) is
 * kept and published when that connection is back; one that timed out on a connection that
 * stayed up (a Redis that hung) is kept only until a later publish on that connection shows
 * it went through.
 */
export class RedisBroadcast implements NotificationBroadcast {
  readonly #conn: RedisConnections;
  readonly #log: CoreLogger;
  readonly #channel: string;
  #receiver: ((change: ServerChange) => void) | undefined;
  #missed: (() => void) | undefined;
  /**
   * Unpublished changes by their envelope's JSON (the same change twice is sent once), with
   * the connection they timed out on, if any: undefined when never sent.
   */
  readonly #unsent = new Map<string, { change: ServerChange; sentOn: number | undefined }>();
  /** Counts the command connection's comings up: which one a publish went out on. */
  #connection = 0;
  #subscribed = false;
  #subscribing: Promise<void> | undefined;
  /** Asked to subscribe again while an attempt was running. */
  #again = false;
  /** Changes may have been missed since the last successful subscribe. */
  #owesResync = false;
  #closed = false;
  /** The last publish failed: warned once, quiet until one succeeds. */
  #failing = false;

  constructor(conn: RedisConnections, logger: CoreLogger) {
    this.#conn = conn;
    this.#log = logger;
    this.#channel = `${conn.keys.prefix}broadcast`;
    // A Redis that was not there at start: subscribe once the subscriber is up. Sessions
    // may have opened meanwhile (listen streams need no Redis) and missed changes.
    conn.sub.on('ready', () => {
      if (!this.#subscribed) void this.#subscribe(true);
    });
    // After a drop: subscribe ourselves (the connections resubscribe too; Redis keeps one
    // subscription per channel, so nothing arrives twice) to learn when we hear again.
    conn.onReconnect(() => {
      if (this.#subscribed) void this.#subscribe(true);
    });
    conn.cmd.on('ready', () => {
      this.#connection++;
      this.#flush();
    });
  }

  /** Subscribes; resolves once Redis confirmed it, or failed (then it retries on reconnect). */
  async start(): Promise<void> {
    await this.#subscribe(false);
  }

  publish(change: ServerChange): void {
    if (this.#closed) return;
    const envelope: Envelope = { from: this.#conn.instanceId, change };
    const json = JSON.stringify(envelope);
    const connection = this.#conn.cmd.status === 'ready' ? this.#connection : undefined;
    this.#conn.cmd.publish(this.#channel, json).then(
      () => {
        this.#failing = false;
        // Commands on one connection run in order: what timed out on it before this one
        // reached Redis after all (a Redis that hung, then answered). Not sent again.
        for (const [key, unsent] of this.#unsent) {
          if (unsent.sentOn === connection) this.#unsent.delete(key);
        }
      },
      (err: unknown) => {
        // The sessions here were told; the others hear it once the connection is back. A
        // publish that timed out may still reach Redis and be heard twice then: harmless,
        // a notification that something may have changed.
        if (this.#closed) return;
        // One warning per outage, not one per change.
        if (!this.#failing) {
          this.#log.warn({ err, method: change.method }, 'redis broadcast: publish failed, kept');
        }
        this.#failing = true;
        if (this.#unsent.size >= MAX_UNSENT && !this.#unsent.has(json)) {
          this.#log.debug({ method: change.method }, 'redis broadcast: too many unsent, dropped');
          return;
        }
        // A newer connection is up already: its 'ready' came before this failure.
        if (this.#conn.cmd.status === 'ready' && connection !== this.#connection) {
          this.publish(change);
          return;
        }
        // Sent (and timed out) or not, it goes again when the connection comes back up.
        const sentOn = this.#conn.cmd.status === 'ready' ? connection : undefined;
        this.#unsent.set(json, { change, sentOn });
      },
    );
  }

  onChange(receiver: (change: ServerChange) => void): void {
    this.#receiver = receiver;
  }

  onMissed(listener: () => void): void {
    this.#missed = listener;
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#unsent.clear();
    this.#conn.unlisten(this.#channel);
  }

  /**
   * Subscribes, one attempt at a time (a request during one runs again after it). With
   * `resync`, the notifier is told it may have missed changes once an attempt succeeds.
   */
  #subscribe(resync: boolean): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#owesResync ||= resync;
    if (this.#subscribing !== undefined) {
      this.#again = true;
      return this.#subscribing;
    }
    this.#subscribing = this.#attempt().finally(() => {
      this.#subscribing = undefined;
      if (this.#again) {
        this.#again = false;
        void this.#subscribe(false);
      }
    });
    return this.#subscribing;
  }

  async #attempt(): Promise<void> {
    try {
      await this.#conn.listen(this.#channel, (message) => this.#receive(message));
    } catch (err) {
      this.#log.warn({ err }, 'redis broadcast: not subscribed yet');
      return;
    }
    if (this.#closed) return;
    this.#subscribed = true;
    // Only now: a change published before this point may be lost, one after it is heard.
    if (this.#owesResync) {
      this.#owesResync = false;
      this.#log.info({}, 'redis broadcast: subscribed again, sessions told to re-list');
      this.#missed?.();
    }
  }

  #flush(): void {
    if (this.#closed || this.#unsent.size === 0) return;
    const changes = [...this.#unsent.values()];
    this.#unsent.clear();
    for (const { change } of changes) this.publish(change);
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
