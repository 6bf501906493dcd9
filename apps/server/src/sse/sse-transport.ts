import type { ServerResponse } from 'node:http';
import type { CoreLogger } from '../core/logger.js';
import type { McpServerCore } from '../core/mcp-server-core.js';
import type { Inbound, SessionDelivery } from '../sessions/session-delivery.js';
import type { SessionStore } from '../sessions/session-store.js';
import type { Principal } from '../tools/tool-context.js';
import { SseOutbox } from './sse-outbox.js';

/** Options of {@link SseTransport}. */
export interface SseTransportOptions {
  core: McpServerCore;
  store: SessionStore;
  delivery: SessionDelivery;
  logger: CoreLogger;
  maxBufferedBytes: number;
}

interface Connection {
  readonly outbox: SseOutbox;
  readonly detach: () => void;
  readonly openedAt: number;
}

/**
 * The HTTP+SSE transport over the core: one stream per session, opened by GET and fed
 * by POSTs that reach it through the {@link SessionDelivery}. It holds the local streams;
 * the records live in the {@link SessionStore}.
 */
export class SseTransport {
  readonly #options: SseTransportOptions;
  readonly #connections = new Map<string, Connection>();

  constructor(options: SseTransportOptions) {
    this.#options = options;
    options.core.tools.onChange(() => this.#broadcastTools());
  }

  /** Streams open in this process. */
  get size(): number {
    return this.#connections.size;
  }

  /**
   * Starts a session on a response whose SSE headers are already written: registers it,
   * then sends `endpoint` (the URL to POST to) and `tools`, in one write.
   */
  async open(
    res: ServerResponse,
    id: string,
    principal: Principal | undefined,
    endpoint: string,
  ): Promise<void> {
    const { core, store, delivery, logger } = this.#options;
    const now = Date.now();
    const outbox = new SseOutbox(res, {
      maxBufferedBytes: this.#options.maxBufferedBytes,
      onOverflow: (reason) => {
        logger.warn({ sessionId: id, reason }, 'closing session: slow reader');
        void this.close(id, reason);
      },
    });
    await store.create({
      id,
      principalId: principal?.id ?? null,
      createdAt: now,
      lastActiveAt: now,
    });
    core.openSession({ id, principal, send: (json) => outbox.message(json) });
    const detach = delivery.attach(id, (inbound) => this.#receive(id, outbox, inbound));
    this.#connections.set(id, { outbox, detach, openedAt: now });
    res.on('close', () => void this.close(id, 'client disconnected'));
    outbox.write(
      `event: endpoint\ndata: ${endpoint}\n\nevent: tools\ndata: ${core.tools.listJson()}\n\n`,
    );
    logger.info({ sessionId: id, principal: principal?.id }, 'session opened');
    // The client may have gone while the store was busy.
    if (res.destroyed) await this.close(id, 'client disconnected');
  }

  /** Closes a session everywhere: stream, core state, record. Idempotent. */
  async close(id: string, reason: string): Promise<void> {
    const connection = this.#connections.get(id);
    if (connection === undefined) return;
    this.#connections.delete(id);
    connection.detach();
    this.#options.core.closeSession(id, reason === 'server shutdown' ? 'shutdown' : 'disconnected');
    connection.outbox.close();
    this.#options.logger.info(
      { sessionId: id, reason, ms: Date.now() - connection.openedAt },
      'session closed',
    );
    await this.#options.store.delete(id).catch((err: unknown) => {
      this.#options.logger.error({ sessionId: id, err }, 'session store delete failed');
    });
  }

  /** Sends a heartbeat comment on every stream. */
  heartbeat(): void {
    for (const connection of this.#connections.values()) connection.outbox.comment('ping');
  }

  /** Closes sessions that were idle for `ttlMs`, here or (records only) on other instances. */
  async sweep(ttlMs: number, now = Date.now()): Promise<number> {
    const ids = await this.#options.store.idleSince(now - ttlMs);
    for (const id of ids) {
      if (this.#connections.has(id)) await this.close(id, `idle for more than ${ttlMs} ms`);
      else await this.#options.store.delete(id);
    }
    return ids.length;
  }

  /** Closes every stream (graceful shutdown, after calls were drained). */
  async closeAll(reason: string): Promise<void> {
    await Promise.all([...this.#connections.keys()].map((id) => this.close(id, reason)));
  }

  #receive(id: string, outbox: SseOutbox, inbound: Inbound): void {
    const { core } = this.#options;
    if (inbound.kind === 'message') {
      core.handle(id, inbound.message);
      return;
    }
    void core.callTool(id, inbound.tool, inbound.args).then((outcome) => {
      if (outcome.ok) outbox.event('result', JSON.stringify(outcome.result));
      else outbox.event('error', JSON.stringify({ code: outcome.code, message: outcome.message }));
    });
  }

  #broadcastTools(): void {
    const json = this.#options.core.tools.listJson();
    for (const connection of this.#connections.values()) connection.outbox.event('tools', json);
  }
}
