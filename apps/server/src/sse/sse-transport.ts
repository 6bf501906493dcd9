import type { ServerResponse } from 'node:http';
import { encodeSseFrame, encodeSseRetry } from '@mcp-sse/protocol';
import type { CoreLogger } from '../core/logger.js';
import type { McpServerCore } from '../core/mcp-server-core.js';
import { clientKey } from '../sessions/client-key.js';
import type { Inbound, SessionDelivery } from '../sessions/session-delivery.js';
import type { SessionStore } from '../sessions/session-store.js';
import type { Principal } from '../tools/tool-context.js';
import { type ClientHints, DetachedSessions } from './detached-sessions.js';
import type { OutboundBudget } from './outbound-budget.js';
import { parseEventId, SseOutbox } from './sse-outbox.js';

const DISCONNECTED = 'client disconnected';

/** Options of {@link SseTransport}. */
export interface SseTransportOptions {
  core: McpServerCore;
  store: SessionStore;
  delivery: SessionDelivery;
  logger: CoreLogger;
  maxBufferedBytes: number;
  /**
   * How long a session outlives its stream, waiting for the client to come back with
   * `Last-Event-ID`; 0 (the default) closes it at once.
   */
  resumeGraceMs?: number;
  /** Events kept per session for replay while resumable. Default 256. */
  replayEvents?: number;
  /** Bytes of events kept per session for replay while resumable. Default 256 KiB. */
  replayBytes?: number;
  /** The `retry:` hint sent first on resumable streams, in ms. Default 1000. */
  retryMs?: number;
  /** The server-wide bound on unread bytes, shared with the other transports. */
  budget?: OutboundBudget;
}

interface Connection {
  readonly id: string;
  readonly outbox: SseOutbox;
  readonly detach: () => void;
  readonly openedAt: number;
  readonly principalId: string | null;
  readonly endpoint: string;
  readonly hints: ClientHints;
  /** The {@link clientKey} its per-client bounds count it under. */
  readonly client: string;
  res: ServerResponse | undefined;
  grace: NodeJS.Timeout | undefined;
}

/**
 * The HTTP+SSE transport over the core: one stream per session, opened by GET and fed
 * by POSTs that reach it through the {@link SessionDelivery}. It holds the local streams;
 * the records live in the {@link SessionStore}. With a grace period, a session survives
 * its stream and a GET with `Last-Event-ID` picks it up where it left off.
 */
export class SseTransport {
  readonly #options: SseTransportOptions;
  readonly #connections = new Map<string, Connection>();
  readonly #graceMs: number;
  readonly #detached = new DetachedSessions<Connection>();
  /** Sessions held per {@link clientKey}. */
  readonly #perClient = new Map<string, number>();
  #shuttingDown = false;
  /** The `tools` event as wire text, built once per change of the list (not per session). */
  #toolsFrame: string | undefined;
  /** Its `data:` lines alone, shared by the numbered `tools` events of resumable streams. */
  #toolsData: string | undefined;

  constructor(options: SseTransportOptions) {
    this.#options = options;
    this.#graceMs = options.resumeGraceMs ?? 0;
    options.core.tools.onChange(() => {
      this.#toolsFrame = undefined;
      this.#toolsData = undefined;
      this.#broadcastTools();
    });
    // A tools change raised on another instance (or told again after the broadcast was
    // cut): this instance's list, what these sessions call, goes out as after a change here.
    options.core.features.changes.onReceived((change, only) => {
      if (change.method !== 'notifications/tools/list_changed') return;
      if (only === undefined) this.#broadcastTools();
      else this.#sendTools(this.#connections.get(only));
    });
  }

  /** Sessions held in this process (streaming, or waiting in their grace period). */
  get size(): number {
    return this.#connections.size;
  }

  /** Sessions held here whose stream dropped, waiting in their grace period. */
  get detached(): number {
    return this.#detached.size;
  }

  /**
   * Starts a session on a response whose SSE headers are already written: registers it,
   * then sends `endpoint` (the URL to POST to) and `tools`. With `init.protocolVersion`
   * the session starts initialised (a client that lost its session and will not send
   * `initialize` again); `init.client` lets a later reconnect be matched to it.
   */
  async open(
    res: ServerResponse,
    id: string,
    principal: Principal | undefined,
    endpoint: string,
    init: { protocolVersion?: string; client?: Omit<ClientHints, 'principalId'> } = {},
  ): Promise<void> {
    const { core, store, delivery, logger } = this.#options;
    const now = Date.now();
    const resumable = this.#graceMs > 0;
    const principalId = principal?.id ?? null;
    const client = clientKey(principalId, init.client?.address ?? '');
    const budget = this.#options.budget?.track(client, (reason) => {
      logger.warn({ sessionId: id, reason }, 'closing session: slow reader');
      outbox.close(true);
      void this.close(id, reason);
    });
    const outbox: SseOutbox = new SseOutbox(res, {
      maxBufferedBytes: this.#options.maxBufferedBytes,
      replayEvents: resumable ? (this.#options.replayEvents ?? 256) : 0,
      replayBytes: this.#options.replayBytes ?? 256 * 1024,
      idPrefix: id,
      ...(budget === undefined ? {} : { budget }),
      onOverflow: (reason) => {
        logger.warn({ sessionId: id, reason }, 'closing session: slow reader');
        void this.close(id, reason);
      },
    });
    await store.create({ id, principalId, createdAt: now, lastActiveAt: now });
    core.openSession({
      id,
      principal,
      send: (json, kind) => outbox.message(json, kind === 'notification'),
      ...(init.protocolVersion === undefined ? {} : { protocolVersion: init.protocolVersion }),
    });
    const detach = delivery.attach(id, (inbound) => this.#receive(id, outbox, inbound));
    const connection: Connection = {
      id,
      outbox,
      detach,
      openedAt: now,
      principalId,
      endpoint,
      hints: { principalId, address: '', userAgent: '', ...init.client },
      client,
      res,
      grace: undefined,
    };
    this.#connections.set(id, connection);
    this.#perClient.set(client, (this.#perClient.get(client) ?? 0) + 1);
    this.#watch(connection, res);
    // The outbox batches writes of one event-loop turn: this preamble leaves in one syscall.
    if (resumable) outbox.raw(encodeSseRetry(this.#options.retryMs ?? 1000));
    outbox.event('endpoint', endpoint);
    if (resumable) {
      outbox.sharedEvent('tools', this.#toolsDataText(), true);
    } else {
      outbox.raw(this.#toolsFrameText());
    }
    logger.info(
      { sessionId: id, principal: principal?.id, protocolVersion: init.protocolVersion },
      init.protocolVersion === undefined ? 'session opened' : 'session opened, initialised',
    );
    // The client may have gone while the store was busy.
    if (res.destroyed) this.#lost(connection, res);
  }

  /**
   * Resumes the session named by a `Last-Event-ID` on a new response: sends the endpoint
   * again, then every event the client missed. Returns false (and writes nothing) when
   * there is no such session here or it belongs to another principal; the caller then
   * opens a new session, since an error would stop the client from reconnecting at all.
   */
  resume(res: ServerResponse, lastEventId: unknown, principal: Principal | undefined): boolean {
    const parsed = parseEventId(lastEventId);
    const connection = this.#resumable(parsed?.sessionId, principal);
    if (parsed === undefined || connection === undefined) return false;
    this.#attach(connection, res, parsed.seq, 'Last-Event-ID');
    return true;
  }

  /**
   * Re-attaches a client that reconnected without `Last-Event-ID` but with the
   * `MCP-Protocol-Version` it negotiated (the official TypeScript SDK client does exactly
   * that): only for an authenticated principal (never anonymous: see #reattachable), and
   * only when exactly one session of the same principal, address and User-Agent
   * waits in its grace period (and, once initialised, at that version). It gets the same
   * endpoint again, then every event produced since its old stream was last written to.
   * Returns false (and writes nothing) when there is no such session or more than one.
   */
  reattach(res: ServerResponse, client: ClientHints, protocolVersion: string): boolean {
    const connection = this.#reattachable(client, protocolVersion);
    if (connection === undefined) return false;
    this.#attach(connection, res, connection.outbox.sentSeq, 'reconnect without Last-Event-ID');
    return true;
  }

  /** Whether {@link reattach} would pick up a session for this client. */
  canReattach(client: ClientHints, protocolVersion: string): boolean {
    return this.#reattachable(client, protocolVersion) !== undefined;
  }

  #reattachable(client: ClientHints, protocolVersion: string): Connection | undefined {
    // Without a principal the session id is the only secret: address and User-Agent are
    // shared by everyone behind a NAT or proxy (and every fetch client says "node"), so a
    // match by them could hand one client's session and results to a stranger.
    if (this.#graceMs <= 0 || client.principalId === null) return undefined;
    return this.#detached.only(client, (connection) => {
      if (connection.outbox.closed || connection.grace === undefined) return false;
      const version = this.#options.core.session(connection.id)?.protocolVersion;
      return version === undefined || version === protocolVersion;
    });
  }

  /** Moves a session to a new response: endpoint again, then what was missed after `afterSeq`. */
  #attach(connection: Connection, res: ServerResponse, afterSeq: number, how: string): void {
    if (connection.grace !== undefined) clearTimeout(connection.grace);
    connection.grace = undefined;
    this.#detached.delete(connection.hints, connection);
    connection.res = res;
    this.#watch(connection, res);
    const preamble = `${encodeSseRetry(this.#options.retryMs ?? 1000)}event: endpoint\ndata: ${connection.endpoint}\n\n`;
    const complete = connection.outbox.attach(res, preamble, afterSeq);
    this.#options.logger.info(
      { sessionId: connection.id, how, afterSeq, complete },
      complete ? 'session resumed' : 'session resumed with a gap: older events were dropped',
    );
  }

  /**
   * Ends the session that has waited longest in its grace period (its handlers are
   * aborted as at the end of the grace period), to make room under `maxSessions` for a
   * client that is here. False when no session waits.
   */
  async evictDetached(): Promise<boolean> {
    const connection = this.#detached.oldest();
    if (connection === undefined) return false;
    this.#options.logger.warn(
      { sessionId: connection.id },
      'session limit reached: ending the session detached longest ago',
    );
    await this.close(connection.id, 'session limit reached while its client was away');
    return true;
  }

  /** Sessions held here for one client (a {@link clientKey}). */
  sessionsOf(client: string): number {
    return this.#perClient.get(client) ?? 0;
  }

  /** Whether {@link resume} would pick up the session this `Last-Event-ID` names. */
  canResume(lastEventId: unknown, principal: Principal | undefined): boolean {
    return this.#resumable(parseEventId(lastEventId)?.sessionId, principal) !== undefined;
  }

  #resumable(id: string | undefined, principal: Principal | undefined): Connection | undefined {
    if (this.#graceMs <= 0 || id === undefined) return undefined;
    const connection = this.#connections.get(id);
    if (connection === undefined || connection.outbox.closed) return undefined;
    // A session is only ever resumed by the principal that opened it.
    return connection.principalId === (principal?.id ?? null) ? connection : undefined;
  }

  /** Closes a session everywhere: stream, core state, record. Idempotent. */
  async close(id: string, reason: string): Promise<void> {
    const connection = this.#connections.get(id);
    if (connection === undefined) return;
    this.#connections.delete(id);
    const held = (this.#perClient.get(connection.client) ?? 1) - 1;
    if (held > 0) this.#perClient.set(connection.client, held);
    else this.#perClient.delete(connection.client);
    if (connection.grace !== undefined) clearTimeout(connection.grace);
    connection.grace = undefined;
    this.#detached.delete(connection.hints, connection);
    connection.detach();
    this.#options.core.closeSession(id, reason === 'server shutdown' ? 'shutdown' : 'disconnected');
    // A client that went away may leave a half-open socket behind: drop it rather than
    // end the response politely and keep the socket alive for nobody.
    connection.outbox.close(reason === DISCONNECTED);
    this.#options.logger.info(
      { sessionId: id, reason, ms: Date.now() - connection.openedAt },
      'session closed',
    );
    await this.#options.store.delete(id).catch((err: unknown) => {
      this.#options.logger.error({ sessionId: id, err }, 'session store delete failed');
    });
  }

  /** Sends a heartbeat comment on every live stream. */
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

  /** Closes every session (graceful shutdown, after calls were drained). */
  async closeAll(reason: string): Promise<void> {
    this.#shuttingDown = true;
    await Promise.all([...this.#connections.keys()].map((id) => this.close(id, reason)));
  }

  #watch(connection: Connection, res: ServerResponse): void {
    res.on('close', () => this.#lost(connection, res));
  }

  /** A response ended: close the session, or keep it for its grace period. */
  #lost(connection: Connection, res: ServerResponse): void {
    if (connection.res !== res) return; // an older response, already replaced
    connection.res = undefined;
    if (this.#graceMs <= 0 || this.#shuttingDown || connection.outbox.closed) {
      void this.close(connection.id, DISCONNECTED);
      return;
    }
    connection.outbox.detach();
    connection.grace = setTimeout(() => {
      void this.close(connection.id, `client did not come back within ${this.#graceMs} ms`);
    }, this.#graceMs);
    connection.grace.unref();
    this.#detached.add(connection.hints, connection);
    this.#options.logger.info({ sessionId: connection.id }, 'stream lost: session kept for resume');
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
    for (const connection of this.#connections.values()) this.#sendTools(connection);
  }

  #sendTools(connection: Connection | undefined): void {
    if (connection === undefined) return;
    if (this.#graceMs > 0) connection.outbox.sharedEvent('tools', this.#toolsDataText(), true);
    else connection.outbox.raw(this.#toolsFrameText());
  }

  #toolsDataText(): string {
    this.#toolsData ??= encodeSseFrame({ data: this.#options.core.tools.listJson() });
    return this.#toolsData;
  }

  #toolsFrameText(): string {
    this.#toolsFrame ??= encodeSseFrame({
      event: 'tools',
      data: this.#options.core.tools.listJson(),
    });
    return this.#toolsFrame;
  }
}
