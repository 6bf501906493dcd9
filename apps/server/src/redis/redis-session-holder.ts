import type { JSONRPCMessage, RequestId } from '@mcp-sse/protocol';
import type { SendKind } from '../core/core-session.js';
import type { CoreLogger } from '../core/logger.js';
import type { McpServerCore } from '../core/mcp-server-core.js';
import { captureState, restoreState, STATE_CHANGING_METHODS } from '../sessions/session-state.js';
import { mayHaveRunError, takeoverAction } from '../sessions/takeover-policy.js';
import type { Principal } from '../tools/tool-context.js';
import { decodeInbound, decodePendingRequest, pendingField } from './inbound-payload.js';
import type { RedisConnections } from './redis-connections.js';
import type { RedisSessionState } from './redis-session-state.js';
import type { RedisSessionStore } from './redis-session-store.js';
import type { StreamRouter } from './stream-router.js';
import { decodeStreamRequest } from './streamable-payload.js';

/** What differs between the transports on the core side of a held session. */
export interface SessionHolderMode {
  /** How its sessions are named in logs ('session', 'streamable session'). */
  readonly label: string;
  /** Whether a recorded session is of this transport (only those are taken over here). */
  owns(state: RedisSessionState): boolean;
  /** A router for one session's outgoing messages. */
  router(): StreamRouter;
  /** A refused `initialize` ends the session (Streamable HTTP: the client starts another). */
  readonly endsOnRefusedInitialize: boolean;
  /** A released session's streams end everywhere, so their clients come back and it is taken over. */
  readonly releaseEndsStreams: boolean;
  /** Called when a session starts being held here (opened or taken over). */
  onHeld?(id: string): void;
  /** Inbound payloads only this transport sends (HTTP+SSE: stream signals, simple-form calls). */
  onSignal?(id: string, payload: string): void;
  /** Called when a session stops being held here: ended (`released` false) or handed back. */
  onLeft?(id: string, released: boolean): void;
}

/** Options of {@link RedisSessionHolder}. */
export interface RedisSessionHolderOptions {
  core: McpServerCore;
  conn: RedisConnections;
  store: RedisSessionStore;
  logger: CoreLogger;
  /** Events kept per stream in its Redis Stream. */
  replayEvents: number;
  /** Bytes of events kept per stream (the newest is always kept). */
  replayBytes: number;
  mode: SessionHolderMode;
}

/** A session whose core runs here. */
interface Held {
  readonly id: string;
  readonly router: StreamRouter;
  /** Inbound payloads held back while the session is being taken over. */
  backlog: string[] | undefined;
  /**
   * Pending-hash fields of the requests run here and not answered yet: their answers are
   * recorded only while the request is still pending (see `#send`).
   */
  readonly running: Set<string>;
}

/** How a held session was opened: with its state (taken over), and HTTP+SSE's endpoint and revision. */
export interface HoldOptions {
  /** The URL an HTTP+SSE client POSTs to ('' for Streamable HTTP). */
  endpoint?: string;
  /** The revision a reconnecting HTTP+SSE client named: its new session starts there. */
  protocolVersion?: string;
}

/**
 * The core side of sessions shared through Redis, for both transports: the instance
 * holding a session runs its core and listens on its inbound channel (messages and
 * requests from any instance). Every message the core sends is routed to a stream of the
 * session (the {@link SessionHolderMode}'s router), numbered by that stream's counter and
 * kept in its capped log by one script, which also drops the request it answers from the
 * pending hash; whichever instance serves the stream's HTTP response writes it. A session
 * without a holder is taken over by {@link adopt}: its state is restored and its
 * unanswered requests are run again, or, for a tool that is not idempotent and may have
 * run, answered with an error that says so (`takeover-policy.ts`).
 */
export class RedisSessionHolder {
  readonly #o: RedisSessionHolderOptions;
  readonly #held = new Map<string, Held>();
  /** Events on their way to Redis: a shutdown waits for them before the connection closes. */
  readonly #emitting = new Set<Promise<unknown>>();
  #shuttingDown = false;

  constructor(options: RedisSessionHolderOptions) {
    this.#o = options;
  }

  /** Sessions held here. */
  get size(): number {
    return this.#held.size;
  }

  /** The ids of the sessions held here. */
  ids(): IterableIterator<string> {
    return this.#held.keys();
  }

  /** Whether the session's core runs here. */
  holds(id: string): boolean {
    return this.#held.has(id);
  }

  /** Creates a session held here (its record first, so that other instances find it). */
  async open(
    id: string,
    principal: Principal | undefined,
    options: HoldOptions = {},
  ): Promise<void> {
    const { store, conn, core } = this.#o;
    const now = Date.now();
    await store.open(
      { id, principalId: principal?.id ?? null, createdAt: now, lastActiveAt: now },
      principal,
      conn.instanceId,
      options.endpoint,
    );
    await this.#hold(id, principal, undefined, options.protocolVersion);
    if (options.protocolVersion === undefined) return;
    const state = captureState(core, id);
    if (state !== undefined) await store.saveState(id, state);
  }

  /**
   * Takes over a session no instance holds (its holder died or shut down): restores its
   * state, then answers every request that was accepted and not answered (see
   * `takeover-policy.ts`), then runs the notifications that waited. `known` is its state
   * when the caller just read it. True when the session is now held here.
   */
  async adopt(id: string, known?: RedisSessionState): Promise<boolean> {
    if (this.#held.has(id) || this.#shuttingDown) return this.#held.has(id);
    const { conn, store, logger, core, mode } = this.#o;
    const state = known ?? (await store.state(id));
    if (state === undefined || !mode.owns(state) || this.#held.has(id)) return this.#held.has(id);
    const locked = await conn.cmd.set(conn.keys.lock(id), conn.instanceId, 'PX', 10_000, 'NX');
    if (locked !== 'OK') return false; // another instance is taking it over right now
    let held: Held;
    try {
      // Someone may have taken it over between our check and the lock.
      if ((await conn.cmd.publish(conn.keys.inbound(id), 'p')) > 0) return false;
      held = await this.#hold(id, state.principal, state);
      if (!(await store.setHolder(id, conn.instanceId))) {
        this.drop(id);
        return false;
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
        .smembers(conn.keys.notRun(id))
        .del(conn.keys.inbox(id), conn.keys.notRun(id))
        .exec();
    } catch (err) {
      // Without what is pending the session cannot be served: hand it back for the next try.
      this.release(id);
      throw err;
    }
    const pending = (replies?.[0]?.[1] ?? {}) as Record<string, string>;
    const inbox = (replies?.[1]?.[1] ?? []) as string[];
    const notRun = new Set((replies?.[2]?.[1] ?? []) as string[]);
    const requests = Object.entries(pending)
      .map(([field, payload]) => ({ field, request: decodePendingRequest(payload) }))
      .filter((entry) => entry.request !== undefined)
      .sort((a, b) => Number(a.request!.stream ?? 0) - Number(b.request!.stream ?? 0));
    for (const { field, request } of requests) {
      held.router.track(request!.message.id, request!.stream, request!.count, true);
      held.running.add(field);
    }
    const backlog = held.backlog ?? [];
    held.backlog = undefined;
    let rerun = 0;
    let refused = 0;
    for (const { field, request } of requests) {
      const { message } = request!;
      if (takeoverAction(core, message, notRun.has(field)) === 'run') {
        rerun++;
        this.#run(held, message);
      } else {
        refused++;
        const tool = String((message as { params?: { name?: unknown } }).params?.name);
        this.#send(held, mayHaveRunError(message.id, tool), undefined, message.id);
      }
    }
    for (const payload of inbox) this.#onInbound(held, payload);
    for (const payload of backlog) {
      // What was pending ran above; the same request heard live meanwhile does not run twice.
      const request = decodePendingRequest(payload);
      if (request !== undefined && JSON.stringify(request.message.id) in pending) continue;
      this.#onInbound(held, payload);
    }
    logger.info(
      { sessionId: id, previousHolder: state.holder, rerun, refused, notifications: inbox.length },
      `${mode.label} taken over from an instance that is gone`,
    );
    return true;
  }

  /** Ends the session here (it ended everywhere); `reason` is the core's. */
  drop(id: string, reason: 'disconnected' | 'shutdown' = 'disconnected'): void {
    if (!this.#unhold(id, reason)) return;
    this.#o.mode.onLeft?.(id, false);
  }

  /**
   * Stops holding a session that goes on (shutdown, Redis reconnect, Redis errors): what it
   * has not answered stays pending, and the instance its client reaches next takes it over.
   */
  release(id: string): void {
    if (!this.#unhold(id, 'shutdown')) return;
    const { conn, logger, mode } = this.#o;
    if (mode.releaseEndsStreams) conn.cmd.publish(conn.keys.outbound(id), 'x').catch(() => {});
    logger.info({ sessionId: id }, `${mode.label} released`);
    mode.onLeft?.(id, true);
  }

  /** Releases every session held here; with `shutdown`, none is taken over here again. */
  releaseAll(shutdown = false): void {
    if (shutdown) this.#shuttingDown = true;
    for (const id of [...this.#held.keys()]) this.release(id);
  }

  /**
   * Waits (at most `timeoutMs`) for the events handed to Redis to be recorded: an answer
   * sent just before a shutdown must be in the log, and its request out of the pending
   * hash, before the connection closes, or the instance taking over would answer it again.
   */
  async settle(timeoutMs = 2000): Promise<void> {
    if (this.#emitting.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.#emitting]),
      new Promise((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      }),
    ]);
    clearTimeout(timer);
  }

  /**
   * Logs an event the transport makes itself (HTTP+SSE: tool list changes, simple-form
   * results) on a stream of a session held here.
   */
  emit(id: string, stream: string, name: string, data: string): void {
    if (this.#held.has(id)) this.#emit(id, stream, name, data, '');
  }

  async #hold(
    id: string,
    principal: Principal | undefined,
    state: RedisSessionState | undefined,
    protocolVersion?: string,
  ): Promise<Held> {
    const { core, conn, mode } = this.#o;
    const held: Held = {
      id,
      router: mode.router(),
      backlog: state === undefined ? undefined : [],
      running: new Set(),
    };
    this.#held.set(id, held);
    core.openSession({
      id,
      principal,
      send: (json, kind, related) => this.#send(held, json, kind, related),
      closeStream: (related) => this.#closeStream(held, related),
      ...(protocolVersion === undefined ? {} : { protocolVersion }),
    });
    if (state !== undefined) restoreState(core, id, state);
    mode.onHeld?.(id);
    try {
      await conn.listen(conn.keys.inbound(id), (payload) => this.#onInbound(held, payload));
    } catch (err) {
      this.#unhold(id, 'disconnected');
      mode.onLeft?.(id, false);
      throw err;
    }
    return held;
  }

  #unhold(id: string, reason: 'disconnected' | 'shutdown'): boolean {
    if (!this.#held.delete(id)) return false;
    this.#o.conn.unlisten(this.#o.conn.keys.inbound(id));
    this.#o.core.closeSession(id, reason);
    return true;
  }

  #onInbound(held: Held, payload: string): void {
    if (held.backlog !== undefined) {
      held.backlog.push(payload);
      return;
    }
    const kind = payload.charCodeAt(0);
    if (kind === 113 /* q */) {
      const request = decodeStreamRequest(payload);
      if (request === undefined) return;
      held.router.track(request.message.id, request.stream, request.count, false);
      held.running.add(JSON.stringify(request.message.id));
      this.#run(held, request.message);
    } else if (kind === 109 /* m */) {
      const inbound = decodeInbound(payload);
      if (inbound?.kind !== 'message') return;
      const field = pendingField(inbound);
      if (field !== '') held.running.add(field);
      this.#run(held, inbound.message);
    } else if (kind === 120 /* x */) {
      this.#o.store.forget(held.id);
      this.drop(held.id);
    } else {
      this.#o.mode.onSignal?.(held.id, payload);
    }
  }

  #run(held: Held, message: JSONRPCMessage): void {
    const { core, conn, store, logger, mode } = this.#o;
    const id = held.id;
    const request = message as { method?: string; id?: RequestId; params?: unknown };
    if (core.shuttingDown && request.method === 'tools/call' && request.id !== undefined) {
      // A draining instance leaves new calls to the instance that takes the session over,
      // which runs them: they never ran here.
      conn.cmd.sadd(conn.keys.notRun(id), JSON.stringify(request.id)).catch(() => {});
      return;
    }
    core.handle(id, message);
    if (request.method === undefined) return;
    if (request.method === 'notifications/cancelled') {
      // A cancelled call gets no answer: it must not stay pending and be run by a new holder.
      const requestId = (request.params as { requestId?: unknown } | undefined)?.requestId;
      if (requestId !== undefined) {
        const field = JSON.stringify(requestId);
        conn.cmd.hdel(conn.keys.pending(id), field).catch(() => {});
        held.running.delete(field);
        held.router.forget(requestId as RequestId);
      }
      return;
    }
    if (!STATE_CHANGING_METHODS.has(request.method)) return;
    const state = captureState(core, id);
    if (
      mode.endsOnRefusedInitialize &&
      request.method === 'initialize' &&
      state?.protocolVersion === undefined
    ) {
      // A refused initialize leaves no session behind (after its answer, on this connection).
      store.delete(id).catch(() => {});
      return;
    }
    if (state === undefined) return;
    store.saveState(id, state).catch((err: unknown) => {
      logger.warn({ sessionId: id, err }, 'could not record session state');
    });
  }

  /** The core's sink: every message goes to the stream its router names. */
  #send(
    held: Held,
    json: string,
    kind: SendKind | undefined,
    related: RequestId | undefined,
  ): void {
    const target = held.router.target(json, kind, related);
    if (target === undefined) return;
    // An answer to a request that came through the pending hash is recorded only while it
    // is still pending there: the instance this session was taken from may have answered it
    // as it died (its answer reaching Redis after the takeover read what was pending).
    const onlyWhilePending = target.answered !== '' && held.running.delete(target.answered);
    this.#emit(held.id, target.stream, target.name, json, target.answered, onlyWhilePending);
  }

  /** SEP-1699: asks whoever serves the request's stream to end its connection. */
  #closeStream(held: Held, related: RequestId): boolean {
    const stream = held.router.streamOf(related);
    if (stream === undefined) return false;
    const { conn } = this.#o;
    conn.cmd.publish(conn.keys.streamOut(held.id, stream), 'p').catch(() => {});
    return true;
  }

  #emit(
    id: string,
    stream: string,
    name: string,
    data: string,
    answered: string,
    onlyWhilePending = false,
  ): void {
    const { conn, store, logger } = this.#o;
    const emitting: Promise<unknown> = conn.cmd
      .mcpEmit(
        conn.keys.streamSeq(id, stream),
        conn.keys.streamEvents(id, stream),
        conn.keys.pending(id),
        conn.keys.streamBytes(id, stream),
        conn.keys.streamOut(id, stream),
        name,
        data,
        answered,
        this.#o.replayEvents,
        store.ttlMs,
        this.#o.replayBytes,
        onlyWhilePending ? '1' : '0',
      )
      .catch((err: unknown) => {
        // The event is lost for now; its request is still pending in Redis. Handing the
        // session back makes the client resume, and whoever takes it over answers it.
        if (!this.#held.has(id)) return;
        logger.warn(
          { sessionId: id, stream, err },
          'could not publish an event: session handed back',
        );
        this.release(id);
      })
      .finally(() => this.#emitting.delete(emitting));
    this.#emitting.add(emitting);
  }
}

/**
 * Hands every session held here back and ends the streams served here (`edges`), so that
 * clients resume and whoever takes a session over answers what is pending: after a Redis
 * reconnect (messages published meanwhile are gone), and at shutdown (`shutdown`: none is
 * taken over here again, and the last answers, with the errors of the calls the release
 * ended, reach Redis before the streams end).
 */
export async function handBackAll(
  holder: RedisSessionHolder,
  edges: { endAll(): void },
  shutdown: boolean,
): Promise<void> {
  holder.releaseAll(shutdown);
  if (shutdown) await holder.settle();
  edges.endAll();
}
