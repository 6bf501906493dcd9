import type { JSONRPCMessage, RequestId } from '@mcp-sse/protocol';
import type { SendKind } from '../core/core-session.js';
import type { CoreLogger } from '../core/logger.js';
import type { McpServerCore } from '../core/mcp-server-core.js';
import {
  captureState,
  restoreState,
  type SessionState,
  STATE_CHANGING_METHODS,
} from '../sessions/session-state.js';
import { mayHaveRunError, takeoverAction } from '../sessions/takeover-policy.js';
import type { RelayedKind } from '../streamable/relayed-stream.js';
import { requestKey } from '../streamable/response-stream.js';
import { STANDALONE_STREAM } from '../streamable/stream-event-id.js';
import type { Principal } from '../tools/tool-context.js';
import { decodeInbound } from './inbound-payload.js';
import type { RedisConnections } from './redis-connections.js';
import type { RedisSessionStore } from './redis-session-store.js';
import { decodeStreamRequest } from './streamable-payload.js';

/** Options of {@link RedisStreamableHolder}. */
export interface RedisStreamableHolderOptions {
  core: McpServerCore;
  conn: RedisConnections;
  store: RedisSessionStore;
  logger: CoreLogger;
  /** Events kept per stream in its Redis Stream. */
  replayEvents: number;
  /** Bytes of events kept per stream (the newest is always kept). */
  replayBytes: number;
}

/** A Streamable HTTP session whose core runs here. */
interface Held {
  readonly id: string;
  /** Request key → the stream that answers it. */
  readonly routes: Map<string, string>;
  /** Stream → answers it still owes (its last answer completes it). */
  readonly remaining: Map<string, number>;
  /** Inbound payloads held back while the session is being taken over. */
  backlog: string[] | undefined;
}

/**
 * The core side of Streamable HTTP sessions shared through Redis: the instance holding a
 * session runs its core and listens on its inbound channel (the same channel and pending
 * hash as HTTP+SSE sessions). Each message the core sends is routed to the stream of the
 * request it belongs to, numbered by the stream's own counter and kept in the stream's
 * capped log (the same event script as HTTP+SSE), whichever instance serves that stream's
 * HTTP response. A session without a holder is taken over by {@link adopt}: its state is
 * restored and its unanswered requests are run again, or, for a tool that is not
 * idempotent and may have run, answered with an error that says so.
 */
export class RedisStreamableHolder {
  readonly #o: RedisStreamableHolderOptions;
  readonly #held = new Map<string, Held>();
  /** Events on their way to Redis: a shutdown waits for them before the connection closes. */
  readonly #emitting = new Set<Promise<unknown>>();
  #shuttingDown = false;

  constructor(options: RedisStreamableHolderOptions) {
    this.#o = options;
  }

  /** Sessions held here. */
  get size(): number {
    return this.#held.size;
  }

  /** Whether the session's core runs here. */
  holds(id: string): boolean {
    return this.#held.has(id);
  }

  /** Creates a session held here (its record first, so that other instances find it). */
  async open(id: string, principal: Principal | undefined): Promise<void> {
    const { store, conn } = this.#o;
    const now = Date.now();
    await store.open(
      { id, principalId: principal?.id ?? null, createdAt: now, lastActiveAt: now },
      principal,
      conn.instanceId,
    );
    await this.#hold(id, principal, undefined);
  }

  /**
   * Takes over a session no instance holds (its holder died or shut down): restores its
   * state, then answers every request that was accepted and not answered (see
   * `takeover-policy.ts`), then runs the notifications that waited.
   */
  async adopt(id: string): Promise<void> {
    if (this.#held.has(id) || this.#shuttingDown) return;
    const { conn, store, logger, core } = this.#o;
    const state = await store.state(id);
    if (state === undefined || this.#held.has(id)) return;
    const locked = await conn.cmd.set(conn.keys.lock(id), conn.instanceId, 'PX', 10_000, 'NX');
    if (locked !== 'OK') return; // another instance is taking it over right now
    let held: Held;
    try {
      // Someone may have taken it over between our check and the lock.
      if ((await conn.cmd.publish(conn.keys.inbound(id), 'p')) > 0) return;
      held = await this.#hold(id, state.principal, state);
      if (!(await store.setHolder(id, conn.instanceId))) {
        this.drop(id);
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
      .map(([field, payload]) => ({ field, request: decodeStreamRequest(payload) }))
      .filter((entry) => entry.request !== undefined)
      .sort((a, b) => Number(a.request!.stream) - Number(b.request!.stream));
    // What each stream still owes is what is pending on it: the rest was answered before.
    for (const { request } of requests) {
      const { stream, message } = request!;
      held.routes.set(requestKey(message.id), stream);
      held.remaining.set(stream, (held.remaining.get(stream) ?? 0) + 1);
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
      const request = decodeStreamRequest(payload);
      if (request !== undefined && JSON.stringify(request.message.id) in pending) continue;
      this.#onInbound(held, payload);
    }
    logger.info(
      { sessionId: id, previousHolder: state.holder, rerun, refused, notifications: inbox.length },
      'streamable session taken over from an instance that is gone',
    );
  }

  /** Ends the session here (it ended everywhere). */
  drop(id: string): void {
    const held = this.#held.get(id);
    if (held === undefined) return;
    this.#held.delete(id);
    this.#o.conn.unlisten(this.#o.conn.keys.inbound(id));
    this.#o.core.closeSession(id, 'disconnected');
  }

  /**
   * Stops holding a session that goes on (shutdown, Redis reconnect): what it has not
   * answered stays pending, and the instance its client reaches next takes it over.
   */
  release(id: string): void {
    const held = this.#held.get(id);
    if (held === undefined) return;
    this.#held.delete(id);
    this.#o.conn.unlisten(this.#o.conn.keys.inbound(id));
    this.#o.core.closeSession(id, 'shutdown');
    this.#o.logger.info({ sessionId: id }, 'streamable session released');
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

  async #hold(
    id: string,
    principal: Principal | undefined,
    state: Partial<SessionState> | undefined,
  ): Promise<Held> {
    const { core, conn } = this.#o;
    const held: Held = {
      id,
      routes: new Map(),
      remaining: new Map(),
      backlog: state === undefined ? undefined : [],
    };
    this.#held.set(id, held);
    core.openSession({
      id,
      principal,
      send: (json, kind, related) => this.#send(held, json, kind, related),
      closeStream: (related) => this.#closeStream(held, related),
    });
    if (state !== undefined) restoreState(core, id, state);
    try {
      await conn.listen(conn.keys.inbound(id), (payload) => this.#onInbound(held, payload));
    } catch (err) {
      this.#held.delete(id);
      core.closeSession(id, 'disconnected');
      throw err;
    }
    return held;
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
      held.routes.set(requestKey(request.message.id), request.stream);
      if (!held.remaining.has(request.stream)) held.remaining.set(request.stream, request.count);
      this.#run(held, request.message);
      return;
    }
    if (kind === 120 /* x */) {
      this.#o.store.forget(held.id);
      this.drop(held.id);
      return;
    }
    if (kind !== 109 /* m */) return; // probes and legacy stream signals
    const inbound = decodeInbound(payload);
    if (inbound?.kind === 'message') this.#run(held, inbound.message);
  }

  #run(held: Held, message: JSONRPCMessage): void {
    const { core, conn, store, logger } = this.#o;
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
        conn.cmd.hdel(conn.keys.pending(id), JSON.stringify(requestId)).catch(() => {});
        this.#forgetRoute(held, requestId as RequestId);
      }
      return;
    }
    if (!STATE_CHANGING_METHODS.has(request.method)) return;
    const state = captureState(core, id);
    if (request.method === 'initialize' && state?.protocolVersion === undefined) {
      // A refused initialize leaves no session behind (after its answer, on this connection).
      store.delete(id).catch(() => {});
      return;
    }
    if (state === undefined) return;
    store.saveState(id, state).catch((err: unknown) => {
      logger.warn({ sessionId: id, err }, 'could not record session state');
    });
  }

  /** The core's sink: every message goes to the stream of the request it belongs to. */
  #send(
    held: Held,
    json: string,
    kind: SendKind | undefined,
    related: RequestId | undefined,
  ): void {
    let stream = STANDALONE_STREAM;
    let name: RelayedKind = kind === 'request' ? 'r' : 'n';
    let answered = '';
    if (related !== undefined) {
      const key = requestKey(related);
      const routed = held.routes.get(key);
      if (routed !== undefined) {
        stream = routed;
        if (kind === undefined) {
          held.routes.delete(key);
          const left = (held.remaining.get(stream) ?? 1) - 1;
          if (left > 0) held.remaining.set(stream, left);
          else held.remaining.delete(stream);
          name = left > 0 ? 'a' : 'l';
          answered = JSON.stringify(related);
        }
      } else if (kind !== 'request') {
        // Not a request of ours (never routed): nowhere to send it.
        return;
      }
    }
    this.#emit(held.id, stream, name, json, answered);
  }

  /** A request that will get no answer (cancelled): its stream owes one answer less. */
  #forgetRoute(held: Held, requestId: RequestId): void {
    const key = requestKey(requestId);
    const stream = held.routes.get(key);
    if (stream === undefined) return;
    held.routes.delete(key);
    const left = (held.remaining.get(stream) ?? 1) - 1;
    if (left > 0) held.remaining.set(stream, left);
    else held.remaining.delete(stream);
  }

  /** SEP-1699: asks whoever serves the request's stream to end its connection. */
  #closeStream(held: Held, related: RequestId): boolean {
    const stream = held.routes.get(requestKey(related));
    if (stream === undefined) return false;
    const { conn } = this.#o;
    conn.cmd.publish(conn.keys.streamOut(held.id, stream), 'p').catch(() => {});
    return true;
  }

  #emit(id: string, stream: string, name: RelayedKind, data: string, answered: string): void {
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
      )
      .catch((err: unknown) => {
        // The event is lost for now; its request is still pending in Redis. Handing the
        // session back makes the client resume, and whoever takes it over answers it.
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
