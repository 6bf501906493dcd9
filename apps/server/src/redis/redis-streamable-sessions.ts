import { randomUUID } from 'node:crypto';
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { JSONRPCMessage, RequestId } from '@mcp-sse/protocol';
import { clientKey } from '../sessions/client-key.js';
import { newSessionId } from '../sessions/session-id.js';
import { RelayedStream } from '../streamable/relayed-stream.js';
import type {
  ResumePlan,
  ServeOptions,
  SharedSessionInfo,
  SharedStreamableSessions,
  StreamClaim,
} from '../streamable/shared-sessions.js';
import { STANDALONE_STREAM } from '../streamable/stream-event-id.js';
import type { Principal } from '../tools/tool-context.js';
import { unavailable } from './redis-errors.js';
import { handBackAll, RedisSessionHolder, type SessionHolderMode } from './redis-session-holder.js';
import type { RedisSessionsOptions } from './redis-sessions-options.js';
import { type Edge, RedisStreamEdge } from './redis-stream-edge.js';
import { RequestStreamRouter } from './request-stream-router.js';

/** Options of {@link RedisStreamableSessions}. */
export type RedisStreamableSessionsOptions = RedisSessionsOptions & {
  /** Heartbeat period (0: off): a standalone stream's live key outlives it 3 times over. */
  heartbeatMs?: number;
};

/** A live mark this recent counts even before its instance subscribed to the stream. */
const FRESH_MARK_MS = 5000;

/** What differs for Streamable HTTP sessions on the core side (see {@link SessionHolderMode}). */
const STREAMABLE_MODE: SessionHolderMode = {
  label: 'streamable session',
  // HTTP+SSE sessions are the ones with an endpoint.
  owns: (state) => state.endpoint === '',
  router: () => new RequestStreamRouter(),
  endsOnRefusedInitialize: true,
  releaseEndsStreams: false,
};

/** Request ids remembered per session for re-sends (the same bound as the core's). */
const REQUESTS_KEPT = 1024;

const isRequest = (message: JSONRPCMessage): message is JSONRPCMessage & { id: RequestId } =>
  'method' in message && 'id' in message && message.id !== undefined;

/**
 * {@link SharedStreamableSessions} on Redis, with the same records, inbound channel,
 * pending hash, holder ({@link RedisSessionHolder}, routing each message to the stream of
 * its request) and stream edge ({@link RedisStreamEdge}) as HTTP+SSE sessions. The
 * instance that gets a POST claims a stream for its requests (or finds the stream of a
 * re-sent one) and hands them to the session's holder, maybe another instance, in one
 * step; it then serves the stream's events on the response. A GET with `Last-Event-ID`
 * replays the stream's log on any instance and goes on live.
 */
export class RedisStreamableSessions implements SharedStreamableSessions {
  readonly #o: RedisStreamableSessionsOptions;
  readonly #holder: RedisSessionHolder;
  readonly #edges: RedisStreamEdge<RelayedStream>;
  /** Revisions seen: fixed once negotiated. */
  readonly #versions = new Map<string, string>();
  /** Standalone streams served here: session -> the token its live key holds. */
  readonly #standalone = new Map<string, string>();

  constructor(options: RedisStreamableSessionsOptions) {
    this.#o = options;
    this.#holder = new RedisSessionHolder({ ...options, mode: STREAMABLE_MODE });
    this.#edges = new RedisStreamEdge({ ...options, holder: this.#holder });
    // Messages published while the subscriber was away are gone: hand every session back.
    options.conn.onReconnect(() => void handBackAll(this.#holder, this.#edges, false));
  }

  get size(): number {
    return this.#holder.size;
  }

  async create(principal: Principal | undefined): Promise<string> {
    const id = newSessionId();
    await this.#holder.open(id, principal);
    return id;
  }

  async info(id: string, fresh: boolean): Promise<SharedSessionInfo | undefined> {
    const { conn, store } = this.#o;
    const known = this.#versions.get(id);
    if (!fresh && known !== undefined) {
      const record = await store.get(id);
      return record === undefined
        ? undefined
        : { principalId: record.principalId, protocolVersion: known };
    }
    const [pid, pv] = await conn.cmd.hmget(conn.keys.record(id), 'pid', 'pv').catch(unavailable);
    if (pid === null || pid === undefined) return undefined;
    if (pv !== null && pv !== undefined) {
      // Bounded: cleared wholesale; a miss costs one round trip.
      if (this.#versions.size >= 50_000) this.#versions.clear();
      this.#versions.set(id, pv);
    }
    return { principalId: JSON.parse(pid) as string | null, protocolVersion: pv ?? undefined };
  }

  touch(id: string): void {
    const touched = this.#o.store.touch(id, Date.now());
    touched?.catch((err: unknown) => this.#o.logger.warn({ sessionId: id, err }, 'touch failed'));
  }

  async notify(id: string, messages: readonly JSONRPCMessage[]): Promise<boolean> {
    let orphan = false;
    for (const message of messages) {
      const listeners = await this.#deliver(id, `m${JSON.stringify(message)}`);
      if (listeners < 0) return false;
      if (listeners === 0) orphan = true;
    }
    if (orphan) this.#edges.adopt(id);
    return true;
  }

  async claim(
    id: string,
    requests: ReadonlyArray<JSONRPCMessage & { id: RequestId }>,
    batch: boolean,
  ): Promise<StreamClaim> {
    const { conn, store } = this.#o;
    const pairs = requests.flatMap((request) => [
      JSON.stringify(request.id),
      JSON.stringify(request),
    ]);
    const reply = await conn.cmd
      .mcpClaim(
        conn.keys.record(id),
        conn.keys.streams(id),
        conn.keys.requests(id),
        conn.keys.requestOrder(id),
        conn.keys.pending(id),
        conn.keys.notRun(id),
        store.ttlMs,
        REQUESTS_KEPT,
        batch ? '' : pairs[0]!,
        conn.keys.inbound(id),
        ...pairs,
      )
      .catch(unavailable);
    if (reply === '-1') return { kind: 'gone' };
    if (reply.startsWith('r')) return { kind: 'resent', stream: reply.slice(1) };
    if (reply.startsWith('o')) return { kind: 'new', stream: reply.slice(1), orphan: true };
    return { kind: 'new', stream: reply };
  }

  async serve(
    id: string,
    claim: StreamClaim & { kind: 'new' | 'resent' },
    messages: readonly JSONRPCMessage[],
    res: ServerResponse,
    headers: OutgoingHttpHeaders,
    options: ServeOptions,
  ): Promise<void> {
    const edge = this.#edge(
      id,
      claim.stream,
      res,
      headers,
      options,
      undefined,
      await this.#clientOf(id),
    );
    try {
      if (claim.kind === 'new' && options.stream) edge.writer.stream();
      // What the holder sent before this instance listened is in the stream's log (a
      // re-sent request: the whole stream again); then live, never an event twice.
      await this.#edges.start(edge, 0);
      if (claim.kind === 'resent') {
        this.#edges.probe(id);
        return;
      }
      // The requests went with the claim; notifications of a batch follow.
      let orphan = claim.orphan === true;
      for (const message of messages) {
        if (isRequest(message)) continue;
        const listeners = await this.#deliver(id, `m${JSON.stringify(message)}`);
        if (listeners === 0) orphan = true;
      }
      if (orphan) this.#edges.adopt(id);
      if (options.stream && options.pollAfterMs > 0) {
        const timer = setTimeout(() => edge.writer.poll(), options.pollAfterMs);
        timer.unref();
      }
    } catch (err) {
      this.#o.logger.error({ err, sessionId: id }, 'streamable POST failed');
      edge.writer.end(true);
      if (!res.headersSent) res.destroy();
    }
  }

  async planResume(
    id: string,
    lastEvent: { stream: string; seq: number } | undefined,
  ): Promise<ResumePlan> {
    const { conn } = this.#o;
    if (lastEvent === undefined) {
      // A plain GET: the standalone stream from what the last one was sent, unless it is
      // open (on any instance): one per session, a resume with Last-Event-ID takes it over.
      const [sent, live] = await conn.cmd
        .mget(conn.keys.standaloneSent(id), conn.keys.standaloneLive(id))
        .catch(unavailable);
      if (live !== null && live !== undefined && (await this.#standaloneServed(id))) {
        return { kind: 'conflict' };
      }
      return { kind: 'stream', stream: STANDALONE_STREAM, from: Number(sent ?? 0) };
    }
    if (lastEvent.stream === STANDALONE_STREAM) {
      return { kind: 'stream', stream: STANDALONE_STREAM, from: lastEvent.seq };
    }
    const [[, count], [, last]] = ((await conn.cmd
      .multi()
      .get(conn.keys.streams(id))
      .xrevrange(conn.keys.streamEvents(id, lastEvent.stream), '+', '-', 'COUNT', 1)
      .exec()
      .catch(unavailable)) ?? [
      [null, null],
      [null, []],
    ]) as [[unknown, string | null], [unknown, Array<[string, string[]]>]];
    if (Number(lastEvent.stream) > Number(count ?? 0)) return { kind: 'unknown' };
    const newest = last[0];
    // Complete (its last answer logged) and the client has all of it: nothing to stream.
    if (
      newest !== undefined &&
      newest[1][1] === 'l' &&
      Number.parseInt(newest[0], 10) <= lastEvent.seq
    ) {
      return { kind: 'complete' };
    }
    return { kind: 'stream', stream: lastEvent.stream, from: lastEvent.seq };
  }

  async attach(
    id: string,
    plan: ResumePlan & { kind: 'stream' },
    res: ServerResponse,
    headers: OutgoingHttpHeaders,
    prime: boolean,
  ): Promise<void> {
    const options: ServeOptions = {
      mode: 'sse',
      batch: false,
      prime,
      stream: true,
      pollAfterMs: 0,
    };
    // Marked open before anything is written: a plain GET that follows gets its 409.
    const live = plan.stream === STANDALONE_STREAM ? randomUUID() : undefined;
    if (live !== undefined) {
      const { conn } = this.#o;
      this.#standalone.set(id, live);
      await conn.cmd
        .set(conn.keys.standaloneLive(id), live, 'PX', this.#liveMs())
        .catch((err: unknown) => this.#o.logger.warn({ err, sessionId: id }, 'live mark failed'));
    }
    const edge = this.#edge(
      id,
      plan.stream,
      res,
      headers,
      options,
      plan.from,
      await this.#clientOf(id),
      live,
    );
    try {
      // One standalone stream per session: this one ends an older one, on whichever instance.
      await this.#edges.start(edge, plan.from, plan.stream === STANDALONE_STREAM);
      this.#edges.probe(id);
    } catch (err) {
      this.#o.logger.error({ err, sessionId: id }, 'streamable resume failed');
      edge.writer.end(true);
    }
  }

  async end(id: string): Promise<void> {
    const { conn, store } = this.#o;
    const streams = Number((await conn.cmd.get(conn.keys.streams(id)).catch(unavailable)) ?? 0);
    await store.delete(id);
    this.#versions.delete(id);
    // The stream logs go too (bounded: the newest streams; older ones expire with their TTL).
    const keys: string[] = [];
    for (let k = streams; k >= Math.max(0, streams - 2000); k--) {
      keys.push(...conn.keys.streamAll(id, String(k)));
    }
    for (let i = 0; i < keys.length; i += 300) {
      conn.cmd.del(...keys.slice(i, i + 300)).catch(() => {});
    }
  }

  heartbeat(): void {
    this.#edges.heartbeat();
    const { conn } = this.#o;
    const ms = this.#liveMs();
    for (const [id, token] of this.#standalone) {
      conn.cmd.mcpIfMine(conn.keys.standaloneLive(id), token, ms).catch(() => {});
    }
  }

  async closeAll(): Promise<void> {
    await handBackAll(this.#holder, this.#edges, true);
  }

  /**
   * How long a standalone stream counts as open without a heartbeat: its instance may have
   * died. Without heartbeats, the session's TTL (a resume with Last-Event-ID still gets in).
   */
  #liveMs(): number {
    const heartbeatMs = this.#o.heartbeatMs ?? 0;
    return heartbeatMs > 0 ? heartbeatMs * 3 : this.#o.store.ttlMs;
  }

  /**
   * Whether some instance still serves the session's standalone stream: it listens on the
   * stream's channel, or marked it open a moment ago (it subscribes right after). The live
   * key of an instance that died stays until it expires; its subscription does not.
   */
  async #standaloneServed(id: string): Promise<boolean> {
    const { conn } = this.#o;
    const replies = (await conn.cmd
      .multi()
      .pubsub('NUMSUB', conn.keys.streamOut(id, STANDALONE_STREAM))
      .pttl(conn.keys.standaloneLive(id))
      .exec()
      .catch(unavailable)) as Array<[Error | null, unknown]> | null;
    const listeners = Number((replies?.[0]?.[1] as [string, number] | undefined)?.[1] ?? 0);
    const ttl = Number(replies?.[1]?.[1] ?? -2);
    return listeners > 0 || ttl > this.#liveMs() - FRESH_MARK_MS;
  }

  /** A standalone stream served here ended: a plain GET may open the next one. */
  #standaloneEnded(id: string, token: string): void {
    if (this.#standalone.get(id) !== token) return;
    this.#standalone.delete(id);
    const { conn } = this.#o;
    conn.cmd.mcpIfMine(conn.keys.standaloneLive(id), token).catch(() => {});
  }

  /** Publishes to the holder: listeners, 0 when none (then it is adopted), -1 when the session is gone. */
  #deliver(id: string, payload: string): Promise<number> {
    return this.#o.delivery.publish(id, payload, '', true);
  }

  /**
   * Who a stream served here counts under in the server-wide budget: the session's
   * principal (the address is not known here), or the session itself when anonymous.
   */
  async #clientOf(id: string): Promise<string | undefined> {
    const { budget, store } = this.#o;
    if (budget === undefined) return undefined;
    const record = await Promise.resolve(store.get(id)).catch(() => undefined);
    const principal = record?.principalId ?? null;
    return principal === null ? `session:${id}` : clientKey(principal, '');
  }

  #edge(
    id: string,
    stream: string,
    res: ServerResponse,
    headers: OutgoingHttpHeaders,
    options: ServeOptions,
    resumeFrom: number | undefined,
    client: string | undefined,
    live?: string,
  ): Edge<RelayedStream> {
    const { conn, store, logger } = this.#o;
    // One response per stream and instance: a newer one (a resume) replaces the older.
    const edge = this.#edges.open(id, stream, (ended) => {
      const budget =
        client === undefined
          ? undefined
          : this.#o.budget?.track(client, (reason) => {
              logger.warn({ sessionId: id, reason }, 'closing stream: slow reader');
              edge.writer.end(true);
            });
      const writer: RelayedStream = new RelayedStream(
        res,
        headers,
        {
          key: stream,
          mode: options.mode,
          batch: options.batch,
          prime: options.prime,
          retryMs: this.#o.retryMs,
          maxBufferedBytes: this.#o.maxBufferedBytes,
          ...(budget === undefined ? {} : { budget }),
          onOverflow: (reason) => {
            logger.warn({ sessionId: id, reason }, 'closing stream: slow reader');
          },
          onEnd: () => {
            ended();
            if (live !== undefined) this.#standaloneEnded(id, live);
            if (stream === STANDALONE_STREAM && writer.lastSeq > 0) {
              // A plain GET later goes on from here (a resume with Last-Event-ID knows better).
              conn.cmd
                .set(conn.keys.standaloneSent(id), String(writer.lastSeq), 'PX', store.ttlMs)
                .catch(() => {});
            }
          },
        },
        resumeFrom,
      );
      return writer;
    });
    return edge;
  }
}
