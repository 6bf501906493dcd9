import type { ServerResponse } from 'node:http';
import { encodeSseFrame, encodeSseRetry } from '@mcp-sse/protocol';
import { clientKey } from '../sessions/client-key.js';
import { isValidSessionId } from '../sessions/session-id.js';
import type { SessionTransport } from '../sessions/session-transport.js';
import type { ClientHints } from '../sse/detached-sessions.js';
import { parseEventId } from '../sse/sse-outbox.js';
import { STANDALONE_STREAM } from '../streamable/stream-event-id.js';
import type { Principal } from '../tools/tool-context.js';
import { decodeInbound } from './inbound-payload.js';
import { handBackAll, RedisSessionHolder } from './redis-session-holder.js';
import type { RedisSessionsOptions } from './redis-sessions-options.js';
import { type Edge, RedisStreamEdge } from './redis-stream-edge.js';
import { DISCONNECTED, ResumeGrace } from './resume-grace.js';
import { SingleStreamRouter } from './single-stream-router.js';
import { SseEdgeWriter } from './sse-edge-writer.js';

/** An HTTP+SSE session's one stream is logged under the standalone stream's key. */
const STREAM = STANDALONE_STREAM;

/** Options of {@link RedisSseSessions}. */
export interface RedisSseSessionsOptions extends RedisSessionsOptions {
  /** How long a session whose stream dropped waits for its client (on any instance). */
  resumeGraceMs: number;
}

/**
 * The legacy HTTP+SSE transport on the sessions shared through Redis: the same holder
 * ({@link RedisSessionHolder}) and stream edge ({@link RedisStreamEdge}) as Streamable
 * HTTP, with every message of a session on its one stream. What is HTTP+SSE's own stays
 * here: the `endpoint` event, the resume grace period (counted from stream attachments,
 * `a<gen>` / `d<gen>` on the inbound channel), the simple form `POST /sse` and its
 * `result` / `error` events, the `tools` event, per-client stream counts and event ids
 * `<session>:<seq>` on the wire. No sticky sessions: a client that reconnects to any
 * instance with `Last-Event-ID` gets the missed events from the log, and that instance
 * takes the session over when its holder is gone.
 */
export class RedisSseSessions implements SessionTransport {
  readonly #o: RedisSseSessionsOptions;
  readonly #holder: RedisSessionHolder;
  readonly #edges: RedisStreamEdge<SseEdgeWriter>;
  readonly #grace: ResumeGrace;
  /** Streams served here per {@link clientKey}. */
  readonly #perClient = new Map<string, number>();
  #toolsFrame: string | undefined;

  constructor(options: RedisSseSessionsOptions) {
    this.#o = options;
    this.#grace = new ResumeGrace({
      graceMs: options.resumeGraceMs,
      logger: options.logger,
      close: (id, reason) => void this.close(id, reason),
    });
    this.#holder = new RedisSessionHolder({
      ...options,
      mode: {
        label: 'session',
        // A Streamable HTTP session (no endpoint) is held by its own transport.
        owns: (state) => state.endpoint !== '',
        router: () => new SingleStreamRouter(),
        endsOnRefusedInitialize: false,
        // Its clients reconnect, and the instance they reach takes the session over.
        releaseEndsStreams: true,
        onHeld: (id) => this.#grace.held(id),
        onSignal: (id, payload) => this.#onSignal(id, payload),
        onLeft: (id, released) => this.#onLeft(id, released),
      },
    });
    this.#edges = new RedisStreamEdge({ ...options, holder: this.#holder });
    options.core.tools.onChange(() => {
      this.#toolsFrame = undefined;
      const json = options.core.tools.listJson();
      for (const id of [...this.#holder.ids()]) this.#holder.emit(id, STREAM, 'tools', json);
    });
    // A tools change raised on another instance, or told again to sessions that may have
    // missed one: this instance's list (what its held sessions call), as after a change here.
    options.core.features.changes.onReceived((change, only) => {
      if (change.method !== 'notifications/tools/list_changed') return;
      const json = options.core.tools.listJson();
      for (const id of only === undefined ? [...this.#holder.ids()] : [only]) {
        this.#holder.emit(id, STREAM, 'tools', json);
      }
    });
    options.delivery.onOrphan = (id) => this.#adoptOrphan(id);
    // Messages published while the subscriber was away are gone: hand every session back.
    options.conn.onReconnect(() => void handBackAll(this.#holder, this.#edges, false));
  }

  get size(): number {
    return this.#holder.size;
  }

  get detached(): number {
    return this.#grace.waiting;
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
    return { ok: this.#o.conn.ready, redis: this.#o.conn.status, streams: this.#edges.size };
  }

  async open(
    res: ServerResponse,
    id: string,
    principal: Principal | undefined,
    endpoint: string,
    init: { protocolVersion?: string; client?: { address: string } } = {},
  ): Promise<void> {
    const { core, logger } = this.#o;
    this.#grace.expect(id, 1);
    try {
      await this.#holder.open(id, principal, {
        endpoint,
        ...(init.protocolVersion === undefined ? {} : { protocolVersion: init.protocolVersion }),
      });
    } finally {
      this.#grace.unexpect(id);
    }
    this.#toolsFrame ??= encodeSseFrame({ event: 'tools', data: core.tools.listJson() });
    const preamble = `${encodeSseRetry(this.#o.retryMs)}${encodeSseFrame({ event: 'endpoint', data: endpoint })}${this.#toolsFrame}`;
    const client = clientKey(principal?.id ?? null, init.client?.address ?? '');
    // What the core sent before the stream listened is in the log: replayed from its start.
    await this.#edges.start(this.#serve(res, id, 1, client, preamble, 0), 0);
    logger.info({ sessionId: id, principal: principal?.id }, 'session opened');
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
    let edge: Edge<SseEdgeWriter> | undefined;
    try {
      const gen = await conn.cmd.incr(conn.keys.gen(id));
      // resume() is not told the address: an anonymous resumed stream counts on its own.
      const client = principal === undefined ? `session:${id}` : clientKey(principal.id, '');
      const preamble = `${encodeSseRetry(this.#o.retryMs)}${encodeSseFrame({ event: 'endpoint', data: state.endpoint })}`;
      edge = this.#serve(res, id, gen, client, preamble, parsed.seq);
      // Any older stream of this session, here or elsewhere, ends now.
      const replayed = await this.#edges.start(edge, parsed.seq, true);
      const complete = replayed.first === undefined || replayed.first <= parsed.seq + 1;
      logger.info(
        { sessionId: id, lastEventId, complete, replayed: replayed.count },
        complete ? 'session resumed' : 'session resumed with a gap: older events were dropped',
      );
      const listeners = await delivery.publish(id, `a${gen}`);
      if (listeners === 0 && !this.#holder.holds(id)) {
        this.#grace.expect(id, gen);
        if (!(await this.#holder.adopt(id, state))) this.#grace.unexpect(id);
      } else if (listeners < 0) {
        edge.writer.end();
      }
    } catch (err) {
      logger.error({ err, sessionId: id }, 'resume failed');
      edge?.writer.end();
      res.destroy();
    }
    return true;
  }

  async close(id: string, reason: string): Promise<void> {
    // The record goes first: while this instance still listens, no other one can find the
    // session without a holder and take it over.
    this.#grace.closing(id, reason);
    await this.#o.store.delete(id).catch((err: unknown) => {
      this.#o.logger.error({ sessionId: id, err }, 'session store delete failed');
    });
    this.#holder.drop(id, reason === 'server shutdown' ? 'shutdown' : 'disconnected');
    this.#edges.endSession(id, reason === DISCONNECTED);
  }

  /**
   * Heartbeats on local streams; a stream served for a session held elsewhere also checks
   * that its holder still listens (see {@link RedisStreamEdge.heartbeat}).
   */
  heartbeat(): void {
    this.#o.conn.probe();
    this.#edges.heartbeat();
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
  async closeAll(_reason: string): Promise<void> {
    this.#grace.shuttingDown = true;
    await handBackAll(this.#holder, this.#edges, true);
  }

  /** A response for the session's stream, counted under its client and in the budget. */
  #serve(
    res: ServerResponse,
    id: string,
    gen: number,
    client: string,
    preamble: string,
    lastSeq: number,
  ): Edge<SseEdgeWriter> {
    const { logger, budget } = this.#o;
    const slow = (reason: string) => {
      logger.warn({ sessionId: id, reason }, 'closing session: slow reader');
      void this.close(id, reason);
    };
    this.#perClient.set(client, (this.#perClient.get(client) ?? 0) + 1);
    const edge = this.#edges.open(id, STREAM, (ended) => {
      const share = budget?.track(client, (reason) => {
        edge.writer.end(true);
        slow(reason);
      });
      return new SseEdgeWriter(
        res,
        {
          sessionId: id,
          maxBufferedBytes: this.#o.maxBufferedBytes,
          ...(share === undefined ? {} : { budget: share }),
          onOverflow: slow,
          onEnd: (lost) => {
            ended();
            const left = (this.#perClient.get(client) ?? 1) - 1;
            if (left > 0) this.#perClient.set(client, left);
            else this.#perClient.delete(client);
            if (lost) this.#lost(id, gen);
          },
        },
        preamble,
        lastSeq,
      );
    });
    return edge;
  }

  /** The client's response ended: tell the holder, which starts the grace period. */
  #lost(id: string, gen: number): void {
    if (this.#holder.holds(id)) {
      this.#grace.detached(id, gen);
      return;
    }
    this.#o.delivery.publish(id, `d${gen}`).catch((err: unknown) => {
      this.#o.logger.warn({ sessionId: id, err }, 'could not tell the holder a stream ended');
    });
  }

  /** Takes over a session a POST found without a holder (see `RedisSessionDelivery.onOrphan`). */
  #adoptOrphan(id: string): void {
    if (this.#holder.holds(id) || this.#grace.shuttingDown) return;
    // Generation 0: a stream that ends anywhere later still starts the grace period.
    this.#grace.expect(id, 0);
    this.#holder.adopt(id).then(
      (adopted) => {
        if (!adopted) this.#grace.unexpect(id);
      },
      (err: unknown) => {
        this.#grace.unexpect(id);
        this.#o.logger.warn({ sessionId: id, err }, 'could not take over an orphaned session');
      },
    );
  }

  #onLeft(id: string, released: boolean): void {
    const closing = this.#grace.left(id);
    if (!released) {
      this.#o.logger.info(
        { sessionId: id, reason: closing ?? 'closed on another instance' },
        'session closed',
      );
    }
    // Its stream here ends too: its client reconnects, wherever the session goes on.
    this.#edges.endSession(id, closing === DISCONNECTED);
  }

  /** HTTP+SSE's own inbound payloads: stream attached / detached, and simple-form calls. */
  #onSignal(id: string, payload: string): void {
    const kind = payload.charCodeAt(0);
    if (kind === 97 /* a */) {
      this.#grace.attached(id, Number(payload.slice(1)));
    } else if (kind === 100 /* d */) {
      this.#grace.detached(id, Number(payload.slice(1)));
    } else if (kind === 115 /* s */) {
      const inbound = decodeInbound(payload);
      if (inbound?.kind !== 'simple') return;
      void this.#o.core.callTool(id, inbound.tool, inbound.args).then((outcome) => {
        const [name, data] = outcome.ok
          ? ['result', JSON.stringify(outcome.result)]
          : ['error', JSON.stringify({ code: outcome.code, message: outcome.message })];
        this.#holder.emit(id, STREAM, name, data);
      });
    }
  }
}
