import { notificationJson } from '../core/wire.js';
import { MemoryBroadcastHub } from './memory-broadcast.js';
import type { NotificationBroadcast } from './notification-broadcast.js';
import type { ListChangedMethod, ServerChange } from './server-change.js';

const UPDATED = 'notifications/resources/updated';
const updated = (uri: string): ServerChange => ({ method: UPDATED, params: { uri } });

/** What the notifier needs of a session. */
export interface NotifiedSession {
  readonly id: string;
  /** Undefined until `initialize` (or a stateless request) set it: such a session hears nothing. */
  readonly protocolVersion: string | undefined;
  readonly closed: boolean;
  send(json: string, kind: 'notification'): void;
}

/** Which session watches which resource URI (`ResourceSubscriptions` is one). */
export interface WatchedResources {
  /** The sessions watching a URI. */
  subscribers(uri: string): readonly string[];
  /** The URIs a session watches. */
  of(sessionId: string): readonly string[];
}

/**
 * Told of each change this instance did not raise itself: another instance's, or one
 * re-announced because it may have been missed (`only` names the one session it went to
 * when a single session caught up).
 */
export type ReceivedListener = (change: ServerChange, only?: string) => void;

/**
 * Tells every session of the deployment about a {@link ServerChange}: those held here at
 * once, those of other instances through the {@link NotificationBroadcast}. A change
 * raised here is delivered here once and published; a change that arrives from the
 * broadcast is only delivered here. So every session, and every `subscriptions/listen`
 * stream, hears each change exactly once, whichever instance raised it.
 *
 * Changes are not logged anywhere, so one published while this instance was deaf to the
 * broadcast (its Redis subscriber down), or while a session had no holder (being taken
 * over), cannot be found again. Instead such sessions are told that every list may have
 * changed and every resource they watch may have been updated ({@link resync},
 * {@link catchUp}): a client re-lists or re-reads for nothing at worst, and misses nothing.
 */
export class ChangeNotifier {
  readonly #sessions: () => Iterable<NotifiedSession>;
  readonly #watched: WatchedResources;
  readonly #lists: () => readonly ListChangedMethod[];
  readonly #received = new Set<ReceivedListener>();
  #broadcast: NotificationBroadcast = new MemoryBroadcastHub().join();

  /**
   * @param lists the list kinds this server may change (what its capabilities declare
   *   `listChanged` for): the ones a session that may have missed changes is told about.
   */
  constructor(
    sessions: () => Iterable<NotifiedSession>,
    watched: WatchedResources,
    lists: () => readonly ListChangedMethod[],
  ) {
    this.#sessions = sessions;
    this.#watched = watched;
    this.#lists = lists;
  }

  /** Carries changes to and from the other instances from now on (one broadcast at a time). */
  use(broadcast: NotificationBroadcast): void {
    this.#broadcast = broadcast;
    broadcast.onChange((change) => this.#receive(change));
    broadcast.onMissed?.(() => this.resync());
  }

  /** A change raised on this instance: told here, then published. Returns how many sessions here heard it. */
  announce(change: ServerChange): number {
    const told = this.deliver(change);
    this.#broadcast.publish(change);
    return told;
  }

  /**
   * Calls `listener` with every change told here that this instance did not raise (see
   * {@link ReceivedListener}). A transport that shows a change in a form of its own (the
   * HTTP+SSE `tools` event) sends it from here; changes raised here it sees at their source.
   * Returns the function that unsubscribes.
   */
  onReceived(listener: ReceivedListener): () => void {
    this.#received.add(listener);
    return () => this.#received.delete(listener);
  }

  /** Tells the sessions held here only; returns how many. */
  deliver(change: ServerChange): number {
    const json = notificationJson(change.method, 'params' in change ? change.params : undefined);
    // resources/updated goes to the sessions watching that URI; list changes to every
    // session that finished its handshake (a client may not hear anything before).
    const watching =
      change.method === 'notifications/resources/updated'
        ? new Set(this.#watched.subscribers(change.params.uri))
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

  /**
   * The broadcast was cut and is back: whatever other instances raised meanwhile is gone.
   * Every session here hears each list kind changed, and each watched resource updated
   * (a spurious `resources/updated` costs a subscribed client one re-read; a missed one
   * leaves it showing stale contents). One pass over the sessions, whatever their number.
   * Returns how many notifications went out.
   */
  resync(): number {
    const lists = this.#lists();
    const uris = new Set<string>();
    let told = 0;
    const texts = lists.map((method) => notificationJson(method, undefined));
    for (const session of this.#sessions()) told += this.#retell(session, texts, uris);
    for (const method of lists) this.#tellListeners({ method });
    for (const uri of uris) this.#tellListeners(updated(uri));
    return told;
  }

  /**
   * The same as {@link resync} for one session: one that may have missed changes while it
   * had no holder (taken over from another instance, restored from saved state). Takes
   * the session itself: a takeover of many sessions costs one step each, not a search.
   */
  catchUp(session: NotifiedSession): number {
    const lists = this.#lists();
    const uris = new Set<string>();
    const texts = lists.map((method) => notificationJson(method, undefined));
    const told = this.#retell(session, texts, uris);
    if (told === 0) return 0;
    for (const method of lists) this.#tellListeners({ method }, session.id);
    for (const uri of uris) this.#tellListeners(updated(uri), session.id);
    return told;
  }

  /**
   * Tells one session every list may have changed (`lists`: the notifications as wire text)
   * and every URI it watches may have been updated; adds those URIs to `uris`.
   */
  #retell(session: NotifiedSession, lists: readonly string[], uris: Set<string>): number {
    if (session.closed) return 0;
    let told = 0;
    // As with any list change: nothing before the handshake.
    if (session.protocolVersion !== undefined) {
      for (const json of lists) {
        session.send(json, 'notification');
        told++;
      }
    }
    for (const uri of this.#watched.of(session.id)) {
      session.send(notificationJson(UPDATED, { uri }), 'notification');
      uris.add(uri);
      told++;
    }
    return told;
  }

  #tellListeners(change: ServerChange, only?: string): void {
    for (const listener of this.#received) listener(change, only);
  }

  #receive(change: ServerChange): number {
    const told = this.deliver(change);
    this.#tellListeners(change);
    return told;
  }
}
