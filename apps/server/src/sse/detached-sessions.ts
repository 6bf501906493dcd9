/**
 * What is known of the client behind a stream: enough to recognise it when it reconnects
 * without saying which session it had (the official SDK client never sends `Last-Event-ID`).
 */
export interface ClientHints {
  /** The principal that opened the stream; null without auth. */
  principalId: string | null;
  /** The client's address as the server saw it. */
  address: string;
  /** The `User-Agent` header, or '' without one. */
  userAgent: string;
}

function keyOf(hints: ClientHints): string {
  return JSON.stringify([hints.principalId, hints.address, hints.userAgent]);
}

/**
 * Sessions whose stream dropped and that wait in their grace period, grouped by client, so
 * that a reconnect can be matched to its session only when the match is unambiguous.
 */
export class DetachedSessions<T> {
  readonly #groups = new Map<string, Set<T>>();
  /** Every detached session, in the order they were detached. */
  readonly #all = new Set<T>();

  /** Records a session as detached. */
  add(hints: ClientHints, session: T): void {
    const key = keyOf(hints);
    let group = this.#groups.get(key);
    if (group === undefined) {
      group = new Set();
      this.#groups.set(key, group);
    }
    group.add(session);
    this.#all.add(session);
  }

  /** Forgets a session (resumed or closed); forgetting one not kept is fine. */
  delete(hints: ClientHints, session: T): void {
    this.#all.delete(session);
    const key = keyOf(hints);
    const group = this.#groups.get(key);
    if (group === undefined) return;
    group.delete(session);
    // An empty group would outlive its client: 10,000 clients would leave 10,000 of them.
    if (group.size === 0) this.#groups.delete(key);
  }

  /**
   * The one detached session of this client that `fits`; undefined when there is none or
   * more than one (then nobody can tell which is whose, and guessing could hand one
   * client's results to another).
   */
  only(hints: ClientHints, fits: (session: T) => boolean): T | undefined {
    const group = this.#groups.get(keyOf(hints));
    if (group === undefined) return undefined;
    let found: T | undefined;
    for (const session of group) {
      if (!fits(session)) continue;
      if (found !== undefined) return undefined;
      found = session;
    }
    return found;
  }

  /** The session detached longest ago, if any. */
  oldest(): T | undefined {
    for (const session of this.#all) return session;
    return undefined;
  }

  /** Detached sessions kept (for tests and health). */
  get size(): number {
    return this.#all.size;
  }
}
