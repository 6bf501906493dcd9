import type { ServerResponse } from 'node:http';
import { encodeSseFrame, encodeSseMessage, encodeSseRetry } from '@mcp-sse/protocol';
import type { CoreLogger } from '../core/logger.js';
import type { McpServerCore } from '../core/mcp-server-core.js';
import { clientKey } from '../sessions/client-key.js';
import type { Inbound } from '../sessions/session-delivery.js';
import { isValidSessionId } from '../sessions/session-id.js';
import { restoreState } from '../sessions/session-state.js';
import type { SessionTransport } from '../sessions/session-transport.js';
import type { ClientHints } from '../sse/detached-sessions.js';
import type { OutboundBudget } from '../sse/outbound-budget.js';
import { parseEventId, SseOutbox } from '../sse/sse-outbox.js';
import type { Principal } from '../tools/tool-context.js';
import { answeredField, decodeInbound, pendingField } from './inbound-payload.js';
import type { RedisConnections } from './redis-connections.js';
import type { RedisSessionDelivery } from './redis-session-delivery.js';
import type { RedisSessionState } from './redis-session-state.js';
import type { RedisSessionStore } from './redis-session-store.js';

const DISCONNECTED = 'client disconnected';
/** Methods after which the core's session state changed and is written to the record. */
const STATEFUL = new Set(['initialize', 'logging/setLevel', 'notifications/initialized']);

/** Options of {@link RedisSseTransport}. */
export interface RedisSseTransportOptions {
  core: McpServerCore;
  conn: RedisConnections;
  store: RedisSessionStore;
  delivery: RedisSessionDelivery;
  logger: CoreLogger;
  maxBufferedBytes: number;
  /** How long a session whose stream dropped waits for its client (on any instance). */
  resumeGraceMs: number;
  /** Events kept per session in its Redis Stream. */
  replayEvents: number;
  /** Bytes of events kept per session in its Redis Stream (the newest is always kept). */
  replayBytes: number;
  /** The `retry:` hint, in ms. */
  retryMs: number;
  /** The server-wide bound on unread bytes, shared with the other transports. */
  budget?: OutboundBudget;
}

/** A session whose core runs here. */
interface Held {
  readonly id: string;
  /** The newest stream attachment heard of; a detach of an older one is ignored. */
  streamGen: number;
  grace: NodeJS.Timeout | undefined;
  /** Inbound payloads held back while the session is being taken over. */
  backlog: string[] | undefined;
  /** Why it is being closed here, once {@link RedisSseTransport.close} started. */
  closing?: string;
}

/** A client stream served here (for a session held here or on another instance). */
interface Stream {
  readonly id: string;
  readonly gen: number;
  readonly outbox: SseOutbox;
  readonly res: ServerResponse;
  /** Sequence number of the last event written: replayed and live events never repeat. */
  lastSeq: number;
  /** Published events held back while the replay is read. */
  backlog: string[] | undefined;
  /**
   * Fed by the session's outbound channel (the session is held on another instance).
   * A stream on the holding instance is fed by the replies of its own event script
   * instead: no hop through the subscriber for the common case.
   */
  relay: boolean;
  /** The {@link clientKey} its per-client bounds count it under. */
  readonly client: string;
  /** True until it is no longer counted under its client. */
  counted: boolean;
}

/**
 * The HTTP+SSE transport for several instances sharing sessions through Redis, without
 * sticky sessions. A session's core runs on one instance (its holder), which listens on
 * the session's inbound channel; POSTs landing anywhere are published there. Every event
 * gets its id from one Redis script (INCR, XADD to a capped stream, PUBLISH), and
 * whichever instance serves the client's stream writes it, so a stream and its session
 * may live on different instances. A client that reconnects to any instance with
 * `Last-Event-ID` gets the missed events from the stream; if the holder is gone (no
 * listener on the inbound channel), that instance takes the session over, rebuilding the
 * core state from the record and running the requests still pending.
 */
export class RedisSseTransport implements SessionTransport {
  readonly #o: RedisSseTransportOptions;
  readonly #held = new Map<string, Held>();
  readonly #streams = new Map<string, Stream>();
  /** Streams served here per {@link clientKey}. */
  readonly #perClient = new Map<string, number>();
  #shuttingDown = false;
  #toolsFrame: string | undefined;

  constructor(options: RedisSseTransportOptions) {
    this.#o = options;
    options.core.tools.onChange(() => {
      this.#toolsFrame = undefined;
      const json = options.core.tools.listJson();
      for (const id of this.#held.keys()) this.#emit(id, 'tools', json);
    });
    options.delivery.onOrphan = (id) => {
      this.#adoptOrphan(id).catch((err: unknown) => {
        options.logger.warn({ sessionId: id, err }, 'could not take over an orphaned session');
      });
    };
    options.conn.onReconnect(() => {
      // Messages published while the subscriber was away are gone: hand every session
      // back, so clients resume and the adopting instance runs what is pending.
      this.#releaseAll('redis reconnected: sessions handed back for resume');
    });
  }

  get size(): number {
    return this.#held.size;
  }

  get detached(): number {
    let count = 0;
    for (const held of this.#held.values()) if (held.grace !== undefined) count++;
    return count;
  }

  /**
   * Never: matching a reconnect without `Last-Event-ID` by client hints only works in the
   * process that saw the old stream, and across instances it could pick the wrong session.
   * Such clients get a new session, which starts initialised at the version they name.
   */
  reattach(_res: ServerResponse, _client: ClientHints, _protocolVersion: string): boolean {
    return false;
  }

  /** See {@link reattach}. */
  canReattach(_client: ClientHints, _protocolVersion: string): boolean {
    return false;
  }

  /** Streams served here for one client (a {@link clientKey}), to cap them per client. */
  sessionsOf(client: string): number {
    return this.#perClient.get(client) ?? 0;
  }

  /** Redis status for the health check. */
  health(): { ok: boolean; redis: string; streams: number } {
    return { ok: this.#o.conn.ready, redis: this.#o.conn.status, streams: this.#streams.size };
  }

  async open(
    res: ServerResponse,
    id: string,
    principal: Principal | undefined,
    endpoint: string,
    init: { protocolVersion?: string; client?: { address: string } } = {},
  ): Promise<void> {
    const { store, conn, core, logger } = this.#o;
    const now = Date.now();
    const principalId = principal?.id ?? null;
    await store.open(
      { id, principalId, createdAt: now, lastActiveAt: now },
      principal,
      conn.instanceId,
      endpoint,
    );
    const client = clientKey(principalId, init.client?.address ?? '');
    const stream = this.#addStream(res, id, 1, 0, false, client);
    await this.#hold(id, principal, undefined, 1, init.protocolVersion);
    if (init.protocolVersion !== undefined) {
      const session = core.session(id);
      if (session !== undefined) await store.saveState(id, session);
    }
    this.#toolsFrame ??= encodeSseFrame({ event: 'tools', data: core.tools.listJson() });
    stream.outbox.raw(
      `${encodeSseRetry(this.#o.retryMs)}${encodeSseFrame({ event: 'endpoint', data: endpoint })}${this.#toolsFrame}`,
    );
    const backlog = stream.backlog ?? [];
    stream.backlog = undefined;
    for (const message of backlog) this.#onOutbound(stream, message);
    logger.info({ sessionId: id, principal: principal?.id }, 'session opened');
    if (res.destroyed) this.#lost(stream);
  }

  async canResume(lastEventId: unknown, principal: Principal | undefined): Promise<boolean> {
    const parsed = parseEventId(lastEventId);
    if (parsed === undefined || !isValidSessionId(parsed.sessionId)) return false;
    const record = await this.#o.store.get(parsed.sessionId);
    return record !== undefined && record.principalId === (principal?.id ?? null);
  }

  async resume(
    res: ServerResponse,
    lastEventId: unknown,
    principal: Principal | undefined,
  ): Promise<boolean> {
    const { store, conn, delivery, logger } = this.#o;
    const parsed = parseEventId(lastEventId);
    if (parsed === undefined || !isValidSessionId(parsed.sessionId)) return false;
    const id = parsed.sessionId;
    const state = await store.state(id).catch(() => undefined);
    // A Streamable HTTP session (no endpoint) is not resumed as an HTTP+SSE one.
    if (
      state === undefined ||
      state.endpoint === '' ||
      (state.principal?.id ?? null) !== (principal?.id ?? null)
    ) {
      return false;
    }
    // From here on the 200 may be out: failures end the stream (the client reconnects).
    let stream: Stream | undefined;
    try {
      const gen = await conn.cmd.incr(conn.keys.gen(id));
      // resume() is not told the address: an anonymous resumed stream counts on its own.
      const client = principal === undefined ? `session:${id}` : clientKey(principal.id, '');
      stream = this.#addStream(res, id, gen, parsed.seq, !this.#held.has(id), client);
      const current = stream;
      if (current.relay) {
        await conn.listen(conn.keys.outbound(id), (message) => this.#onOutbound(current, message));
      }
      // Any older stream of this session, here or elsewhere, ends now.
      await conn.cmd.publish(conn.keys.outbound(id), `a${gen}`);
      const entries = await conn.cmd.xrange(conn.keys.events(id), `(${parsed.seq}-1`, '+');
      let text = `${encodeSseRetry(this.#o.retryMs)}${encodeSseFrame({ event: 'endpoint', data: state.endpoint })}`;
      const firstSeq = entries.length > 0 ? Number.parseInt(entries[0]![0], 10) : undefined;
      for (const [entryId, fields] of entries) {
        const seq = Number.parseInt(entryId, 10);
        if (seq <= stream.lastSeq) continue;
        stream.lastSeq = seq;
        text += this.#frame(id, seq, fields[1] ?? 'message', fields[3] ?? '');
      }
      stream.outbox.raw(text);
      const backlog = stream.backlog ?? [];
      stream.backlog = undefined;
      for (const message of backlog) this.#onOutbound(stream, message);
      const complete = firstSeq === undefined || firstSeq <= parsed.seq + 1;
      logger.info(
        { sessionId: id, lastEventId, complete, replayed: entries.length },
        complete ? 'session resumed' : 'session resumed with a gap: older events were dropped',
      );
      const listeners = await delivery.publish(id, `a${gen}`);
      if (listeners === 0 && !this.#held.has(id)) await this.#adopt(state, gen);
      else if (listeners < 0) this.#endStream(stream);
      if (res.destroyed) this.#lost(stream);
    } catch (err) {
      logger.error({ err, sessionId: id }, 'resume failed');
      if (stream !== undefined) this.#endStream(stream);
      res.destroy();
    }
    return true;
  }

  async close(id: string, reason: string): Promise<void> {
    // The record goes first: while this instance still listens, no other one can find the
    // session without a holder and take it over.
    const held = this.#held.get(id);
    if (held !== undefined) held.closing = reason;
    await this.#o.store.delete(id).catch((err: unknown) => {
      this.#o.logger.error({ sessionId: id, err }, 'session store delete failed');
    });
    this.#drop(id, reason);
  }

  /**
   * Heartbeats on local streams. A stream relayed for a session held elsewhere also checks
   * that its holder still listens: if it died while the client's stream was here, nothing
   * would reconnect, so this instance takes the session over and runs what is pending.
   */
  heartbeat(): void {
    this.#o.conn.probe();
    for (const stream of this.#streams.values()) {
      stream.outbox.comment('ping');
      if (this.#held.has(stream.id) || stream.backlog !== undefined) continue;
      this.#o.delivery
        .publish(stream.id, 'p')
        .then((listeners) => {
          // No record: the session ended while this relay missed the news.
          if (listeners < 0) this.#endStream(stream);
          else if (listeners === 0) return this.#adoptOrphan(stream.id);
          return undefined;
        })
        .catch((err: unknown) => {
          this.#o.logger.debug({ sessionId: stream.id, err }, 'holder check failed');
        });
    }
  }

  async sweep(ttlMs: number, now = Date.now()): Promise<number> {
    const ids = await this.#o.store.idleSince(now - ttlMs);
    for (const id of ids) await this.close(id, `idle for more than ${ttlMs} ms`);
    return ids.length;
  }

  /**
   * Shutdown hands sessions back instead of ending them: the records stay, streams end,
   * and clients resume on another instance, which takes the sessions over.
   */
  async closeAll(reason: string): Promise<void> {
    this.#shuttingDown = true;
    this.#releaseAll(reason);
  }

  #releaseAll(reason: string): void {
    const ids = new Set([...this.#held.keys(), ...this.#streams.keys()]);
    for (const id of ids) this.#drop(id, reason, true);
  }

  /** Ends a session's local parts: its core here (if held) and its stream here (if any). */
  #drop(id: string, reason: string, release = false): void {
    const { core, conn, logger } = this.#o;
    const held = this.#held.get(id);
    if (held !== undefined) {
      this.#held.delete(id);
      if (held.grace !== undefined) clearTimeout(held.grace);
      conn.unlisten(conn.keys.inbound(id));
      // Streams of a released session, wherever they are, end: their clients reconnect,
      // and the instance they reach takes the session over.
      if (release) conn.cmd.publish(conn.keys.outbound(id), 'x').catch(() => {});
      core.closeSession(id, release || reason === 'server shutdown' ? 'shutdown' : 'disconnected');
      logger.info({ sessionId: id, reason }, release ? 'session released' : 'session closed');
    }
    const stream = this.#streams.get(id);
    if (stream !== undefined) this.#endStream(stream, reason === DISCONNECTED);
  }

  #addStream(
    res: ServerResponse,
    id: string,
    gen: number,
    lastSeq: number,
    relay: boolean,
    client: string,
  ): Stream {
    const budget = this.#o.budget?.track(client, (reason) => {
      this.#o.logger.warn({ sessionId: id, reason }, 'closing session: slow reader');
      outbox.close(true);
      void this.close(id, reason);
    });
    const outbox: SseOutbox = new SseOutbox(res, {
      maxBufferedBytes: this.#o.maxBufferedBytes,
      ...(budget === undefined ? {} : { budget }),
      onOverflow: (reason) => {
        this.#o.logger.warn({ sessionId: id, reason }, 'closing session: slow reader');
        void this.close(id, reason);
      },
    });
    const stream: Stream = {
      id,
      gen,
      outbox,
      res,
      lastSeq,
      backlog: [],
      relay,
      client,
      counted: true,
    };
    this.#perClient.set(client, (this.#perClient.get(client) ?? 0) + 1);
    const previous = this.#streams.get(id);
    if (previous !== undefined) this.#endStream(previous);
    this.#streams.set(id, stream);
    res.on('close', () => this.#lost(stream));
    return stream;
  }

  #endStream(stream: Stream, force = false): void {
    if (stream.counted) {
      stream.counted = false;
      const held = (this.#perClient.get(stream.client) ?? 1) - 1;
      if (held > 0) this.#perClient.set(stream.client, held);
      else this.#perClient.delete(stream.client);
    }
    if (this.#streams.get(stream.id) === stream) {
      this.#streams.delete(stream.id);
      if (stream.relay) this.#o.conn.unlisten(this.#o.conn.keys.outbound(stream.id));
    }
    stream.outbox.close(force);
  }

  /** The client's response ended: tell the holder, which starts the grace period. */
  #lost(stream: Stream): void {
    if (this.#streams.get(stream.id) !== stream) return;
    this.#endStream(stream, true);
    if (this.#held.has(stream.id)) {
      this.#detached(stream.id, stream.gen);
      return;
    }
    this.#o.delivery.publish(stream.id, `d${stream.gen}`).catch((err: unknown) => {
      this.#o.logger.warn(
        { sessionId: stream.id, err },
        'could not tell the holder a stream ended',
      );
    });
  }

  #onOutbound(stream: Stream, message: string): void {
    if (stream.backlog !== undefined) {
      stream.backlog.push(message);
      return;
    }
    const kind = message.charCodeAt(0);
    if (kind === 101 /* e */) {
      const a = message.indexOf('\n');
      const b = message.indexOf('\n', a + 1);
      this.#write(
        stream,
        Number(message.slice(1, a)),
        message.slice(a + 1, b),
        message.slice(b + 1),
      );
    } else if (kind === 97 /* a */) {
      if (Number(message.slice(1)) > stream.gen) this.#endStream(stream);
    } else if (kind === 120 /* x */) {
      this.#endStream(stream);
    }
  }

  /** Writes one event unless the stream already has it (replayed and live overlap). */
  #write(stream: Stream, seq: number, name: string, data: string): void {
    if (seq <= stream.lastSeq) return;
    stream.lastSeq = seq;
    stream.outbox.raw(this.#frame(stream.id, seq, name, data));
  }

  #frame(id: string, seq: number, name: string, data: string): string {
    const eventId = `${id}:${seq}`;
    return name === 'message'
      ? encodeSseMessage(data, eventId)
      : encodeSseFrame({ event: name, id: eventId, data });
  }

  /** Opens the core session here and listens on its inbound channel. */
  async #hold(
    id: string,
    principal: Principal | undefined,
    state: RedisSessionState | undefined,
    gen: number,
    protocolVersion?: string,
  ): Promise<Held> {
    const { core, conn } = this.#o;
    core.openSession({
      id,
      principal,
      send: (json) => this.#emit(id, 'message', json),
      ...(protocolVersion === undefined ? {} : { protocolVersion }),
    });
    // The same state restore as Streamable HTTP sessions (capabilities included).
    if (state !== undefined) restoreState(core, id, state);
    const held: Held = {
      id,
      streamGen: gen,
      grace: undefined,
      backlog: state === undefined ? undefined : [],
    };
    this.#held.set(id, held);
    try {
      await conn.listen(conn.keys.inbound(id), (payload) => this.#onInbound(held, payload));
    } catch (err) {
      this.#held.delete(id);
      core.closeSession(id, 'disconnected');
      throw err;
    }
    return held;
  }

  /**
   * Takes over a session whose holder is gone: rebuilds the core state, then runs the
   * requests that were accepted and never answered, then the notifications that waited.
   */
  async #adopt(state: RedisSessionState, gen: number): Promise<void> {
    const { conn, store, logger } = this.#o;
    const id = state.id;
    const locked = await conn.cmd.set(conn.keys.lock(id), conn.instanceId, 'PX', 10_000, 'NX');
    if (locked !== 'OK') return; // another instance is taking it over right now
    let held: Held;
    try {
      // Someone may have taken it over between our check and the lock.
      if ((await conn.cmd.publish(conn.keys.inbound(id), `a${gen}`)) > 0) return;
      held = await this.#hold(id, state.principal, state, gen);
      if (!(await store.setHolder(id, conn.instanceId))) {
        this.#drop(id, 'ended while being taken over');
        return;
      }
    } finally {
      conn.cmd.del(conn.keys.lock(id)).catch(() => {});
    }
    let replies: Array<[Error | null, unknown]> | null;
    try {
      replies = await conn.cmd
        .multi()
        .hgetall(conn.keys.pending(id))
        .lrange(conn.keys.inbox(id), 0, -1)
        .del(conn.keys.inbox(id))
        .exec();
    } catch (err) {
      // Without what is pending the session cannot be served: hand it back for the next try.
      this.#drop(id, 'takeover failed', true);
      throw err;
    }
    const [pendingReply, inboxReply] = replies ?? [];
    const pending = (pendingReply?.[1] ?? {}) as Record<string, string>;
    const inbox = (inboxReply?.[1] ?? []) as string[];
    const seen = new Set(Object.keys(pending));
    const backlog = held.backlog ?? [];
    held.backlog = undefined;
    for (const payload of Object.values(pending)) this.#onInbound(held, payload);
    for (const payload of inbox) this.#onInbound(held, payload);
    for (const payload of backlog) {
      const inbound = payload.startsWith('m') ? decodeInbound(payload) : undefined;
      if (inbound !== undefined && seen.has(pendingField(inbound))) continue;
      this.#onInbound(held, payload);
    }
    logger.info(
      {
        sessionId: id,
        previousHolder: state.holder,
        rerun: seen.size,
        notifications: inbox.length,
      },
      'session taken over from an instance that is gone',
    );
  }

  /** Takes over a session a POST found without a holder (see `RedisSessionDelivery.onOrphan`). */
  async #adoptOrphan(id: string): Promise<void> {
    if (this.#held.has(id) || this.#shuttingDown) return;
    const state = await this.#o.store.state(id);
    // A Streamable HTTP session (no endpoint) is taken over by its own transport.
    if (state === undefined || state.endpoint === '' || this.#held.has(id)) return;
    // Generation 0: a stream that ends anywhere later still starts the grace period.
    await this.#adopt(state, 0);
  }

  #onInbound(held: Held, payload: string): void {
    if (held.backlog !== undefined) {
      held.backlog.push(payload);
      return;
    }
    const kind = payload.charCodeAt(0);
    if (kind === 97 /* a */) {
      const gen = Number(payload.slice(1));
      if (gen >= held.streamGen) {
        held.streamGen = gen;
        if (held.grace !== undefined) clearTimeout(held.grace);
        held.grace = undefined;
      }
      // A local stream that does not listen on the outbound channel learns of its
      // successor here.
      const stream = this.#streams.get(held.id);
      if (stream !== undefined && !stream.relay && stream.gen < gen) this.#endStream(stream);
      return;
    }
    if (kind === 100 /* d */) {
      this.#detached(held.id, Number(payload.slice(1)));
      return;
    }
    if (kind === 120 /* x */) {
      this.#o.store.forget(held.id);
      this.#drop(held.id, held.closing ?? 'closed on another instance');
      return;
    }
    const inbound = decodeInbound(payload);
    if (inbound !== undefined) this.#receive(held.id, inbound);
  }

  #receive(id: string, inbound: Inbound): void {
    const { core, conn, store, logger } = this.#o;
    if (inbound.kind === 'simple') {
      void core.callTool(id, inbound.tool, inbound.args).then((outcome) => {
        if (outcome.ok) this.#emit(id, 'result', JSON.stringify(outcome.result));
        else
          this.#emit(id, 'error', JSON.stringify({ code: outcome.code, message: outcome.message }));
      });
      return;
    }
    const message = inbound.message as { method?: string; id?: unknown; params?: unknown };
    // A draining instance leaves new calls pending: the instance that takes the session
    // over runs them, instead of this one refusing them.
    if (core.shuttingDown && message.method === 'tools/call') return;
    core.handle(id, inbound.message);
    if (message.method === undefined) return;
    if (message.method === 'notifications/cancelled') {
      // A cancelled call gets no answer: it must not stay pending and be run by a new holder.
      const requestId = (message.params as { requestId?: unknown } | undefined)?.requestId;
      if (requestId !== undefined) {
        conn.cmd.hdel(conn.keys.pending(id), JSON.stringify(requestId)).catch(() => {});
      }
    } else if (STATEFUL.has(message.method)) {
      const session = core.session(id);
      if (session === undefined) return;
      store.saveState(id, session).catch((err: unknown) => {
        logger.warn({ sessionId: id, err }, 'could not record session state');
      });
    }
  }

  /** A stream of the session ended somewhere: wait for the client, or close now. */
  #detached(id: string, gen: number): void {
    const held = this.#held.get(id);
    if (held === undefined || gen < held.streamGen) return;
    if (this.#o.resumeGraceMs <= 0 || this.#shuttingDown) {
      void this.close(id, DISCONNECTED);
      return;
    }
    if (held.grace !== undefined) clearTimeout(held.grace);
    held.grace = setTimeout(() => {
      void this.close(id, `client did not come back within ${this.#o.resumeGraceMs} ms`);
    }, this.#o.resumeGraceMs);
    held.grace.unref();
    this.#o.logger.info({ sessionId: id }, 'stream lost: session kept for resume');
  }

  /** Numbers, keeps and publishes one event of a session held here. */
  #emit(id: string, name: string, data: string): void {
    const { conn, store, logger } = this.#o;
    const answered = name === 'message' ? answeredField(data) : '';
    conn.cmd
      .mcpEmit(
        conn.keys.seq(id),
        conn.keys.events(id),
        conn.keys.pending(id),
        conn.keys.eventBytes(id),
        conn.keys.outbound(id),
        name,
        data,
        answered,
        this.#o.replayEvents,
        store.ttlMs,
        this.#o.replayBytes,
      )
      .then((seq) => {
        const stream = this.#streams.get(id);
        if (stream === undefined || stream.relay) return;
        if (stream.backlog !== undefined) stream.backlog.push(`e${seq}\n${name}\n${data}`);
        else this.#write(stream, seq, name, data);
      })
      .catch((err: unknown) => {
        // The event is lost for now; its request is still pending in Redis. Handing the
        // session back makes the client resume, and whoever takes it over runs it again.
        if (!this.#held.has(id)) return;
        logger.warn({ sessionId: id, err }, 'could not publish an event: session handed back');
        this.#drop(id, 'redis unavailable', true);
      });
  }
}
