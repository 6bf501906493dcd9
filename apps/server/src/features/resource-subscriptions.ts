/**
 * Which session watches which resource URI (`resources/subscribe`, 2025 revisions). Kept
 * per instance: a session's subscriptions live where its stream is.
 */
export class ResourceSubscriptions {
  readonly #byUri = new Map<string, Set<string>>();
  readonly #bySession = new Map<string, Set<string>>();

  /** Subscribes a session to a URI (idempotent). */
  subscribe(sessionId: string, uri: string): void {
    const sessions = this.#byUri.get(uri) ?? new Set<string>();
    this.#byUri.set(uri, sessions.add(sessionId));
    const uris = this.#bySession.get(sessionId) ?? new Set<string>();
    this.#bySession.set(sessionId, uris.add(uri));
  }

  /** Unsubscribes; returns whether the session was subscribed. */
  unsubscribe(sessionId: string, uri: string): boolean {
    const sessions = this.#byUri.get(uri);
    const had = sessions?.delete(sessionId) ?? false;
    if (sessions?.size === 0) this.#byUri.delete(uri);
    const uris = this.#bySession.get(sessionId);
    uris?.delete(uri);
    if (uris?.size === 0) this.#bySession.delete(sessionId);
    return had;
  }

  /** Forgets every subscription of a closed session. */
  dropSession(sessionId: string): void {
    for (const uri of this.#bySession.get(sessionId) ?? []) {
      const sessions = this.#byUri.get(uri);
      sessions?.delete(sessionId);
      if (sessions?.size === 0) this.#byUri.delete(uri);
    }
    this.#bySession.delete(sessionId);
  }

  /** The sessions subscribed to a URI. */
  subscribers(uri: string): readonly string[] {
    return [...(this.#byUri.get(uri) ?? [])];
  }

  /** The URIs a session watches. */
  of(sessionId: string): readonly string[] {
    return [...(this.#bySession.get(sessionId) ?? [])];
  }
}
