import { notificationJson } from '../core/wire.js';
import { MemoryBroadcastHub } from './memory-broadcast.js';
import type { NotificationBroadcast } from './notification-broadcast.js';
import type { ServerChange } from './server-change.js';

/** What the notifier needs of a session. */
export interface NotifiedSession {
  readonly id: string;
  /** Undefined until `initialize` (or a stateless request) set it: such a session hears nothing. */
  readonly protocolVersion: string | undefined;
  readonly closed: boolean;
  send(json: string, kind: 'notification'): void;
}

/**
 * Tells every session of the deployment about a {@link ServerChange}: those held here at
 * once, those of other instances through the {@link NotificationBroadcast}. A change
 * raised here is delivered here once and published; a change that arrives from the
 * broadcast is only delivered here. So every session, and every `subscriptions/listen`
 * stream, hears each change exactly once, whichever instance raised it.
 */
export class ChangeNotifier {
  readonly #sessions: () => Iterable<NotifiedSession>;
  readonly #subscribers: (uri: string) => readonly string[];
  #broadcast: NotificationBroadcast = new MemoryBroadcastHub().join();

  constructor(
    sessions: () => Iterable<NotifiedSession>,
    subscribers: (uri: string) => readonly string[],
  ) {
    this.#sessions = sessions;
    this.#subscribers = subscribers;
  }

  /** Carries changes to and from the other instances from now on (one broadcast at a time). */
  use(broadcast: NotificationBroadcast): void {
    this.#broadcast = broadcast;
    broadcast.onChange((change) => this.deliver(change));
  }

  /** A change raised on this instance: told here, then published. Returns how many sessions here heard it. */
  announce(change: ServerChange): number {
    const told = this.deliver(change);
    this.#broadcast.publish(change);
    return told;
  }

  /** Tells the sessions held here only; returns how many. */
  deliver(change: ServerChange): number {
    const json = notificationJson(change.method, 'params' in change ? change.params : undefined);
    // resources/updated goes to the sessions watching that URI; list changes to every
    // session that finished its handshake (a client may not hear anything before).
    const watching =
      change.method === 'notifications/resources/updated'
        ? new Set(this.#subscribers(change.params.uri))
        : undefined;
    if (watching?.size === 0) return 0;
    let told = 0;
    for (const session of this.#sessions()) {
      if (session.closed) continue;
      if (
        watching === undefined ? session.protocolVersion === undefined : !watching.has(session.id)
      )
        continue;
      session.send(json, 'notification');
      told++;
    }
    return told;
  }
}
