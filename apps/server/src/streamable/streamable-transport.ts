import type { CoreLogger } from '../core/logger.js';
import type { McpServerCore } from '../core/mcp-server-core.js';
import { newSessionId } from '../sessions/session-id.js';
import type { Principal } from '../tools/tool-context.js';
import { StreamableSession, type StreamSettings } from './streamable-session.js';

/** Options of {@link StreamableTransport}. */
export interface StreamableTransportOptions extends StreamSettings {
  core: McpServerCore;
  logger: CoreLogger;
}

/**
 * The sessions of the Streamable HTTP transport held by this process, over the same
 * {@link McpServerCore} as the HTTP+SSE transport. The routes speak HTTP; this keeps the
 * sessions, opens them on the core and ends them.
 */
export class StreamableTransport {
  readonly #o: StreamableTransportOptions;
  readonly #sessions = new Map<string, StreamableSession>();
  readonly #companions: Array<{ heartbeat(): void; closeAll(): void }> = [];

  constructor(options: StreamableTransportOptions) {
    this.#o = options;
  }

  /** Streams kept elsewhere (the 2026-07-28 endpoint) that share the heartbeat and shutdown. */
  addCompanion(companion: { heartbeat(): void; closeAll(): void }): void {
    this.#companions.push(companion);
  }

  /** Sessions open here. */
  get size(): number {
    return this.#sessions.size;
  }

  /**
   * Opens a session on the core; the caller hands it `initialize` next, or (a session that
   * lives for one POST, `sessions: false`) passes the version it starts at.
   */
  create(principal: Principal | undefined, protocolVersion?: string): StreamableSession {
    const id = newSessionId();
    const session = new StreamableSession(id, principal?.id ?? null, this.#o, (reason) => {
      this.#o.logger.warn({ sessionId: id, reason }, 'closing session: slow reader');
      this.close(id);
    });
    this.#sessions.set(id, session);
    this.#o.core.openSession({
      id,
      principal,
      send: (json, kind, related) => session.send(json, kind, related),
      closeStream: (related) => session.closeStream(related),
      ...(protocolVersion === undefined ? {} : { protocolVersion }),
    });
    return session;
  }

  /** The open session with this id. */
  get(id: string): StreamableSession | undefined {
    return this.#sessions.get(id);
  }

  /** Ends a session: its calls are aborted, its streams ended. */
  close(id: string): boolean {
    const session = this.#sessions.get(id);
    if (session === undefined) return false;
    this.#sessions.delete(id);
    this.#o.core.closeSession(id);
    session.close();
    return true;
  }

  /** Heartbeat comments on every live stream. */
  heartbeat(): void {
    for (const session of this.#sessions.values()) session.heartbeat();
    for (const companion of this.#companions) companion.heartbeat();
  }

  /** Ends sessions with no request for `ttlMs`. */
  sweep(ttlMs: number, now = Date.now()): number {
    let closed = 0;
    for (const session of [...this.#sessions.values()]) {
      if (now - session.lastActiveAt >= ttlMs && this.close(session.id)) closed++;
    }
    return closed;
  }

  /** Ends every session (shutdown). */
  closeAll(): void {
    for (const id of [...this.#sessions.keys()]) this.close(id);
    for (const companion of this.#companions) companion.closeAll();
  }
}
