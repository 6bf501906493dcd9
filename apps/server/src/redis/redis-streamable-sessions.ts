import { randomUUID } from 'node:crypto';
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { JSONRPCMessage, RequestId } from '@mcp-sse/protocol';
import type { CoreLogger } from '../core/logger.js';
import type { McpServerCore } from '../core/mcp-server-core.js';
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
import type { RedisConnections } from './redis-connections.js';
import { unavailable } from './redis-errors.js';
import type { RedisSessionStore } from './redis-session-store.js';
import { RedisStreamableHolder } from './redis-streamable-holder.js';

/** Options of {@link RedisStreamableSessions}. */
export interface RedisStreamableSessionsOptions {
  core: McpServerCore;
  conn: RedisConnections;
  store: RedisSessionStore;
  logger: CoreLogger;
  maxBufferedBytes: number;
  replayEvents: number;
  replayBytes: number;
  retryMs: number;
}

/** Request ids remembered per session for re-sends (the same bound as the core's). */
const REQUESTS_KEPT = 1024;

/** An HTTP response served here for one stream of a session. */
interface Edge {
  readonly session: string;
  readonly stream: string;
  readonly writer: RelayedStream;
  /** Tells an older standalone stream (anywhere) that this one replaced it. */
  readonly token: string;
}

const isRequest = (message: JSONRPCMessage): message is JSONRPCMessage & { id: RequestId } =>
  'method' in message && 'id' in message && message.id !== undefined;

/**
 * {@link SharedStreamableSessions} on Redis, with the same records, inbound channel,
 * pending hash, event script and takeover as HTTP+SSE sessions. The instance that gets a
 * POST claims a stream for its requests (or finds the stream of a re-sent one), listens
 * on that stream's channel, and publishes the requests to the session's holder
 * ({@link RedisStreamableHolder}, maybe another instance); it then writes the stream's
 * events to the response as they are published. A GET with `Last-Event-ID` replays the
 * stream's log on any instance and goes on live. When the holder is gone (nobody listens
 * on the inbound channel) the instance that notices takes the session over.
 */
export class RedisStreamableSessions implements SharedStreamableSessions {
  readonly #o: RedisStreamableSessionsOptions;
  readonly #holder: RedisStreamableHolder;
  /** Local responses per session. */
  readonly #edges = new Map<string, Set<Edge>>();
  /** The local response of each stream channel (one per channel and instance). */
  readonly #byChannel = new Map<string, Edge>();
  /** Revisions seen: fixed once negotiated. */
  readonly #versions = new Map<string, string>();

  constructor(options: RedisStreamableSessionsOptions) {
    this.#o = options;
    this.#holder = new RedisStreamableHolder(options);
    options.conn.onReconnect(() => {
      // Messages published while the subscriber was away are gone: hand sessions back and
      // end the streams, so that clients resume and whoever takes over answers what is pending.
      this.#holder.releaseAll();
      this.#endEdges();
    });
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
      const listeners = await this.#deliver(id, `m${JSON.stringify(message)}`, '');
      if (listeners < 0) return false;
      if (listeners === 0) orphan = true;
    }
    if (orphan) this.#adopt(id);
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
    const edge = this.#edge(id, claim.stream, res, headers, options, undefined);
    try {
      if (claim.kind === 'new' && options.stream) edge.writer.stream();
      await this.#listen(edge);
      // What the holder sent before this instance listened is in the stream's log (a
      // re-sent request: the whole stream again); then live, never an event twice.
      await this.#replay(edge, 0);
      if (claim.kind === 'resent') {
        this.#probe(id);
        return;
      }
      // The requests went with the claim; notifications of a batch follow.
      let orphan = claim.orphan === true;
      for (const message of messages) {
        if (isRequest(message)) continue;
        const listeners = await this.#deliver(id, `m${JSON.stringify(message)}`, '');
        if (listeners === 0) orphan = true;
      }
      if (orphan) this.#adopt(id);
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
      // A plain GET: the standalone stream from what the last one was sent.
      const sent = await conn.cmd.get(conn.keys.standaloneSent(id)).catch(unavailable);
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
    const edge = this.#edge(id, plan.stream, res, headers, options, plan.from);
    try {
      await this.#listen(edge);
      if (plan.stream === STANDALONE_STREAM) {
        // One standalone stream per session: the newest wins, on whichever instance.
        const { conn } = this.#o;
        await conn.cmd.publish(conn.keys.streamOut(id, plan.stream), `a${edge.token}`);
      }
      await this.#replay(edge, plan.from);
      this.#probe(id);
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
    for (const [id, edges] of this.#edges) {
      for (const edge of edges) edge.writer.heartbeat();
      // A stream served here for a session held elsewhere: if its holder died while the
      // client's stream was here, nothing would reconnect, so this instance takes over.
      if (!this.#holder.holds(id)) this.#probe(id);
    }
  }

  async closeAll(): Promise<void> {
    this.#holder.releaseAll(true);
    // What the holder answered last (and the errors of calls the release ended) must reach
    // Redis before the connection closes; the streams served here end after that.
    await this.#holder.settle();
    this.#endEdges();
  }

  #endEdges(): void {
    for (const edges of [...this.#edges.values()]) {
      for (const edge of [...edges]) edge.writer.end();
    }
  }

  /** Publishes to the holder: listeners, 0 when none (then it is adopted), -1 when the session is gone. */
  #deliver(id: string, payload: string, field: string): Promise<number> {
    const { conn, store } = this.#o;
    return conn.cmd
      .mcpDeliverStream(
        conn.keys.record(id),
        conn.keys.pending(id),
        conn.keys.inbox(id),
        conn.keys.notRun(id),
        conn.keys.inbound(id),
        payload,
        field,
        store.ttlMs,
        field === '' ? '1' : '0',
      )
      .catch(unavailable);
  }

  /** Checks the session's holder is there; takes the session over when not, ends its streams when it is gone. */
  #probe(id: string): void {
    if (this.#holder.holds(id)) return;
    const { conn, store } = this.#o;
    conn.cmd
      .mcpDeliverStream(
        conn.keys.record(id),
        conn.keys.pending(id),
        conn.keys.inbox(id),
        conn.keys.notRun(id),
        conn.keys.inbound(id),
        'p',
        '',
        store.ttlMs,
        '0',
      )
      .then((listeners) => {
        if (listeners === 0) this.#adopt(id);
        else if (listeners < 0)
          for (const edge of [...(this.#edges.get(id) ?? [])]) edge.writer.end();
      })
      .catch((err: unknown) => this.#o.logger.debug({ sessionId: id, err }, 'holder check failed'));
  }

  #adopt(id: string): void {
    this.#holder.adopt(id).catch((err: unknown) => {
      this.#o.logger.warn({ sessionId: id, err }, 'could not take over a streamable session');
    });
  }

  #edge(
    id: string,
    stream: string,
    res: ServerResponse,
    headers: OutgoingHttpHeaders,
    options: ServeOptions,
    resumeFrom: number | undefined,
  ): Edge {
    const channel = this.#o.conn.keys.streamOut(id, stream);
    // One response per stream and instance: a newer one (a resume) replaces the older.
    this.#byChannel.get(channel)?.writer.end();
    const edge: Edge = {
      session: id,
      stream,
      token: randomUUID(),
      writer: new RelayedStream(
        res,
        headers,
        {
          key: stream,
          mode: options.mode,
          batch: options.batch,
          prime: options.prime,
          retryMs: this.#o.retryMs,
          maxBufferedBytes: this.#o.maxBufferedBytes,
          onOverflow: (reason) => {
            this.#o.logger.warn({ sessionId: id, reason }, 'closing stream: slow reader');
          },
          onEnd: () => this.#forget(edge),
        },
        resumeFrom,
      ),
    };
    const edges = this.#edges.get(id) ?? new Set<Edge>();
    this.#edges.set(id, edges.add(edge));
    this.#byChannel.set(channel, edge);
    return edge;
  }

  async #listen(edge: Edge): Promise<void> {
    const { conn } = this.#o;
    const id = edge.session;
    const sessionChannel = conn.keys.outbound(id);
    if (this.#edges.get(id)?.size === 1) {
      await conn.listen(sessionChannel, (message) => {
        // The session ended (DELETE, expiry) on some instance: its streams end here.
        if (message === 'x')
          for (const other of [...(this.#edges.get(id) ?? [])]) other.writer.end();
      });
    }
    if (edge.writer.done) return;
    await conn.listen(conn.keys.streamOut(id, edge.stream), (message) =>
      this.#onEvent(edge, message),
    );
  }

  /** Feeds the stream's log after `from`, then whatever was published meanwhile (skipped twice by seq). */
  async #replay(edge: Edge, from: number): Promise<void> {
    const { conn } = this.#o;
    const entries = await conn.cmd.xrange(
      conn.keys.streamEvents(edge.session, edge.stream),
      `(${from}-1`,
      '+',
    );
    for (const [entryId, fields] of entries) {
      edge.writer.event(Number.parseInt(entryId, 10), fields[1] ?? 'n', fields[3] ?? '');
    }
  }

  #onEvent(edge: Edge, message: string): void {
    const kind = message.charCodeAt(0);
    if (kind === 101 /* e */) {
      const a = message.indexOf('\n');
      const b = message.indexOf('\n', a + 1);
      edge.writer.event(Number(message.slice(1, a)), message.slice(a + 1, b), message.slice(b + 1));
    } else if (kind === 112 /* p */) {
      // SEP-1699: the holder asks to end this connection; the client resumes with GET.
      edge.writer.stream();
      edge.writer.poll();
    } else if (kind === 97 /* a */ && message.slice(1) !== edge.token) {
      edge.writer.end();
    }
  }

  #forget(edge: Edge): void {
    const { conn, store } = this.#o;
    const id = edge.session;
    const channel = conn.keys.streamOut(id, edge.stream);
    if (this.#byChannel.get(channel) === edge) {
      this.#byChannel.delete(channel);
      conn.unlisten(channel);
    }
    const edges = this.#edges.get(id);
    edges?.delete(edge);
    if (edges?.size === 0) {
      this.#edges.delete(id);
      conn.unlisten(conn.keys.outbound(id));
    }
    if (edge.stream === STANDALONE_STREAM && edge.writer.lastSeq > 0) {
      // A plain GET later goes on from here (a resume with Last-Event-ID knows better).
      conn.cmd
        .set(conn.keys.standaloneSent(id), String(edge.writer.lastSeq), 'PX', store.ttlMs)
        .catch(() => {});
    }
  }
}
