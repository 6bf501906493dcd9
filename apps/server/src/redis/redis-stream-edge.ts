import { randomUUID } from 'node:crypto';
import type { CoreLogger } from '../core/logger.js';
import type { RedisConnections } from './redis-connections.js';
import type { RedisSessionDelivery } from './redis-session-delivery.js';
import type { RedisSessionHolder } from './redis-session-holder.js';

/**
 * What an edge writes one stream's events to: one HTTP response, in the transport's wire
 * format. Events come in order but possibly twice (replayed, then live): a writer skips a
 * sequence number it already wrote.
 */
export interface EdgeWriter {
  /** One event of the stream's log. */
  event(seq: number, name: string, data: string): void;
  /** A heartbeat comment. */
  heartbeat(): void;
  /** Ends the response (`force`: drop what is still buffered). */
  end(force?: boolean): void;
  /** SEP-1699: the holder asks to end this connection (the client resumes with GET). */
  poll?(): void;
  /** True once the response is over. */
  readonly done: boolean;
}

/** A response served here for one stream of a session. */
export interface Edge<W extends EdgeWriter = EdgeWriter> {
  readonly session: string;
  readonly stream: string;
  readonly writer: W;
  /** Names this response when it replaces the stream's older ones (anywhere). */
  readonly token: string;
  /** Published events held back while the log is read. */
  backlog: string[] | undefined;
}

/** What a replay found in the log: the first sequence number after the resume point, and how many. */
export interface Replayed {
  first: number | undefined;
  count: number;
}

/** Options of {@link RedisStreamEdge}. */
export interface RedisStreamEdgeOptions {
  conn: RedisConnections;
  delivery: RedisSessionDelivery;
  logger: CoreLogger;
  /** The holder of this transport's sessions: a session whose holder is gone is taken over here. */
  holder: Pick<RedisSessionHolder, 'holds' | 'adopt'>;
}

/**
 * The HTTP side of sessions shared through Redis, for both transports: serves a stream of
 * any session on a response here, wherever the session is held. It listens on the stream's
 * channel, replays the stream's log after the client's last event (holding back what is
 * published meanwhile), then writes live events as they are published. Every response ends
 * when its session ends (anywhere); heartbeats also check that a session held elsewhere
 * still has a holder, and take it over here when not: if its holder died while the
 * client's stream was here, nothing else would notice.
 */
export class RedisStreamEdge<W extends EdgeWriter = EdgeWriter> {
  readonly #o: RedisStreamEdgeOptions;
  /** Local responses per session. */
  readonly #edges = new Map<string, Set<Edge<W>>>();
  /** The local response of each stream channel (one per channel and instance). */
  readonly #byChannel = new Map<string, Edge<W>>();
  /** Sessions whose channel (its end) is listened on here. */
  readonly #listening = new Set<string>();

  constructor(options: RedisStreamEdgeOptions) {
    this.#o = options;
  }

  /** Responses served here. */
  get size(): number {
    return this.#byChannel.size;
  }

  /** The responses served here for a session. */
  of(id: string): ReadonlySet<Edge<W>> {
    return this.#edges.get(id) ?? new Set();
  }

  /**
   * Registers a response for a stream; a response of the same stream here ends (a resume
   * replaces it). `make` builds the writer and must call `ended` once the response is over.
   */
  open(session: string, stream: string, make: (ended: () => void) => W): Edge<W> {
    const channel = this.#o.conn.keys.streamOut(session, stream);
    this.#byChannel.get(channel)?.writer.end();
    const edge: Edge<W> = {
      session,
      stream,
      token: randomUUID(),
      backlog: [],
      writer: make(() => this.#forget(edge)),
    };
    const edges = this.#edges.get(session) ?? new Set<Edge<W>>();
    this.#edges.set(session, edges.add(edge));
    this.#byChannel.set(channel, edge);
    return edge;
  }

  /**
   * Starts serving: listens, ends the stream's responses elsewhere when `replace` (one
   * standalone stream per session: the newest wins), writes the log after `from`, then
   * what was published meanwhile, then goes live. May reject (Redis down): the caller ends it.
   */
  async start(edge: Edge<W>, from: number, replace = false): Promise<Replayed> {
    const { conn } = this.#o;
    const id = edge.session;
    if (!this.#listening.has(id) && !edge.writer.done) {
      this.#listening.add(id);
      await conn.listen(conn.keys.outbound(id), (message) => {
        // The session ended (DELETE, expiry) or was handed back: its streams end here.
        if (message === 'x') this.endSession(id);
      });
      // Every response of the session ended while the subscription was on its way.
      if (!this.#edges.has(id)) this.#unlistenSession(id);
    }
    const channel = conn.keys.streamOut(id, edge.stream);
    if (this.#byChannel.get(channel) !== edge) return { first: undefined, count: 0 };
    await conn.listen(channel, (message) => this.#onMessage(edge, message));
    if (!this.#byChannel.has(channel)) conn.unlisten(channel);
    if (this.#byChannel.get(channel) !== edge) return { first: undefined, count: 0 };
    if (replace) await conn.cmd.publish(channel, `a${edge.token}`);
    const entries = await conn.cmd.xrange(
      conn.keys.streamEvents(id, edge.stream),
      `(${from}-1`,
      '+',
    );
    for (const [entryId, fields] of entries) {
      edge.writer.event(Number.parseInt(entryId, 10), fields[1] ?? '', fields[3] ?? '');
    }
    const backlog = edge.backlog ?? [];
    edge.backlog = undefined;
    for (const message of backlog) this.#onMessage(edge, message);
    return {
      first: entries.length > 0 ? Number.parseInt(entries[0]![0], 10) : undefined,
      count: entries.length,
    };
  }

  /** Heartbeats on every response here; checks the holders of sessions held elsewhere. */
  heartbeat(): void {
    for (const [id, edges] of this.#edges) {
      for (const edge of edges) if (edge.backlog === undefined) edge.writer.heartbeat();
      this.probe(id);
    }
  }

  /**
   * Checks the session's holder is there (unless it is held here): takes the session over
   * when nobody holds it, ends its responses here when it is gone.
   */
  probe(id: string): void {
    const { delivery, holder, logger } = this.#o;
    if (holder.holds(id)) return;
    delivery
      .publish(id, 'p')
      .then((listeners) => {
        if (listeners === 0) this.adopt(id);
        else if (listeners < 0) this.endSession(id);
      })
      .catch((err: unknown) => logger.debug({ sessionId: id, err }, 'holder check failed'));
  }

  /** Takes a session over here, logging (not throwing) a failure: the next probe tries again. */
  adopt(id: string): void {
    this.#o.holder.adopt(id).catch((err: unknown) => {
      this.#o.logger.warn({ sessionId: id, err }, 'could not take over a session');
    });
  }

  /** Ends a session's responses here. */
  endSession(id: string, force = false): void {
    for (const edge of [...(this.#edges.get(id) ?? [])]) edge.writer.end(force);
  }

  /** Ends every response here (shutdown, or a Redis reconnect that may have lost events). */
  endAll(): void {
    for (const id of [...this.#edges.keys()]) this.endSession(id);
  }

  #onMessage(edge: Edge<W>, message: string): void {
    if (edge.backlog !== undefined) {
      edge.backlog.push(message);
      return;
    }
    const kind = message.charCodeAt(0);
    if (kind === 101 /* e */) {
      const a = message.indexOf('\n');
      const b = message.indexOf('\n', a + 1);
      edge.writer.event(Number(message.slice(1, a)), message.slice(a + 1, b), message.slice(b + 1));
    } else if (kind === 112 /* p */) {
      edge.writer.poll?.();
    } else if (kind === 97 /* a */ && message.slice(1) !== edge.token) {
      // A newer response of this stream started (on any instance).
      edge.writer.end();
    }
  }

  #forget(edge: Edge<W>): void {
    const { conn } = this.#o;
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
      this.#unlistenSession(id);
    }
  }

  #unlistenSession(id: string): void {
    if (this.#listening.delete(id)) this.#o.conn.unlisten(this.#o.conn.keys.outbound(id));
  }
}
