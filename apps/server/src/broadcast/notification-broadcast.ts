import type { ServerChange } from './server-change.js';

/**
 * Carries {@link ServerChange}s between the instances of one deployment. Each instance
 * tells its own sessions itself and publishes the change for the others; a broadcast
 * hands an instance only what the *other* instances published, so that nobody hears a
 * change twice. Alone in one process it has nobody to tell; `MemoryBroadcastHub` links the
 * servers of one process; behind several instances it is Redis pub/sub (the `redis`
 * option). Another bus (NATS, Postgres LISTEN...) fits behind the same three methods.
 */
export interface NotificationBroadcast {
  /** Sends a change raised here to every other instance; never throws (failures are logged). */
  publish(change: ServerChange): void;
  /** Registers the one receiver of changes raised on other instances. */
  onChange(receiver: (change: ServerChange) => void): void;
  /**
   * Registers the one listener called when changes from other instances may have been
   * missed: the bus was cut (a Redis restart, a network blip) and carries them again. A bus
   * that never loses a message (the in-process one) needs no such call.
   */
  onMissed?(listener: () => void): void;
  /** Stops receiving; publishing after it does nothing. */
  close(): Promise<void>;
}
