import type { NotificationBroadcast } from '../src/broadcast/notification-broadcast.js';

/**
 * A broadcast that carries nothing and, on `miss()`, tells its listener it may have lost
 * changes (as after a subscriber reconnect): what a catch-up test needs.
 */
export function missableBroadcast(): { broadcast: NotificationBroadcast; miss(): void } {
  let missed: (() => void) | undefined;
  return {
    broadcast: {
      publish() {},
      onChange() {},
      onMissed(listener) {
        missed = listener;
      },
      async close() {},
    },
    miss: () => missed?.(),
  };
}
