import type { NotificationBroadcast } from './notification-broadcast.js';
import type { ServerChange } from './server-change.js';

/**
 * The in-process {@link NotificationBroadcast}: links the servers of one process that
 * {@link join} it (tests, or several apps behind one port), synchronously and in order.
 * What one member publishes, every other member receives. A server without Redis and
 * without a `broadcast` option is the only member of its own hub: nobody to tell.
 */
export class MemoryBroadcastHub {
  readonly #members = new Set<(change: ServerChange) => void>();

  /** A new member: give it to a server as its `broadcast` option. */
  join(): NotificationBroadcast {
    const members = this.#members;
    let receiver: ((change: ServerChange) => void) | undefined;
    let closed = false;
    const receive = (change: ServerChange) => receiver?.(change);
    members.add(receive);
    return {
      publish(change) {
        if (closed) return;
        for (const member of [...members]) if (member !== receive) member(change);
      },
      onChange(next) {
        receiver = next;
      },
      async close() {
        closed = true;
        members.delete(receive);
      },
    };
  }
}
