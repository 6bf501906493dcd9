import type { NotificationBroadcast } from './notification-broadcast.js';
import type { ServerChange } from './server-change.js';

/**
 * Links the {@link MemoryBroadcast}s of several servers in one process (tests, or several
 * apps behind one port): what one publishes, every other one receives.
 */
export class MemoryBroadcastHub {
  readonly #members = new Set<MemoryBroadcast>();

  /** A new member of this hub. */
  join(): MemoryBroadcast {
    return new MemoryBroadcast(this);
  }

  /** @internal Used by the members. */
  add(member: MemoryBroadcast): void {
    this.#members.add(member);
  }

  /** @internal Used by the members. */
  remove(member: MemoryBroadcast): void {
    this.#members.delete(member);
  }

  /** @internal Delivers to every member but `from`. */
  send(from: MemoryBroadcast, change: ServerChange): void {
    for (const member of [...this.#members]) if (member !== from) member.receive(change);
  }
}

/**
 * The in-process {@link NotificationBroadcast}. Alone (the default of a server without
 * Redis) it has nobody to tell; on a {@link MemoryBroadcastHub} it reaches the hub's other
 * members, synchronously and in order.
 */
export class MemoryBroadcast implements NotificationBroadcast {
  readonly #hub: MemoryBroadcastHub;
  #receiver: ((change: ServerChange) => void) | undefined;
  #closed = false;

  constructor(hub = new MemoryBroadcastHub()) {
    this.#hub = hub;
    hub.add(this);
  }

  publish(change: ServerChange): void {
    if (!this.#closed) this.#hub.send(this, change);
  }

  onChange(receiver: (change: ServerChange) => void): void {
    this.#receiver = receiver;
  }

  /** @internal A change from another member of the hub. */
  receive(change: ServerChange): void {
    this.#receiver?.(change);
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#hub.remove(this);
  }
}
