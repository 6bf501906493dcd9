import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { RequestId } from '@mcp-sse/protocol';
import type { SendKind } from '../core/core-session.js';
import { ResponseStream, requestKey, type StreamMode } from './response-stream.js';
import { parseStreamEventId, STANDALONE_STREAM } from './stream-event-id.js';

/** The per-stream settings a session hands to its {@link ResponseStream}s. */
export interface StreamSettings {
  retryMs: number;
  maxBufferedBytes: number;
  replayEvents: number;
  replayBytes: number;
  /**
   * Finished POST streams kept per session so that a late resume or re-send still finds them.
   * Under load a client's re-send after a cut arrives after many other calls finished, so
   * this counts in hundreds; `keepFinishedBytes` is what bounds the memory.
   */
  keepFinished: number;
  /** What the kept finished streams may hold in all, per session (default: 4 x replayBytes). */
  keepFinishedBytes?: number;
}

/** What a resume with `Last-Event-ID` found. */
export type ResumeTarget =
  | { kind: 'stream'; stream: ResponseStream; seq: number }
  | { kind: 'unknown' };

/**
 * One Streamable HTTP session (2025-03-26 .. 2025-11-25): its streams (one per POST that
 * carries requests, plus the standalone GET stream) and which stream each request in
 * flight is answered on, so that every message the core sends for a request goes to that
 * request's stream and everything else to the standalone stream.
 */
export class StreamableSession {
  readonly id: string;
  readonly principalId: string | null;
  lastActiveAt: number;
  readonly #settings: StreamSettings;
  readonly #onOverflow: (reason: string) => void;
  readonly #streams = new Map<string, ResponseStream>();
  readonly #byRequest = new Map<string, ResponseStream>();
  readonly #finished: { key: string; bytes: number }[] = [];
  readonly #finishedKeys = new Set<string>();
  /** Request key -> the finished single-request stream that answered it. */
  readonly #finishedRequests = new Map<string, string>();
  #finishedBytes = 0;
  #nextKey = 1;
  #closed = false;
  /** Called (in a microtask) once no request of the session waits for its answer. */
  onAllAnswered: (() => void) | undefined;
  /** The negotiated revision, once known: decides priming. */
  protocolVersion: string | undefined;

  constructor(
    id: string,
    principalId: string | null,
    settings: StreamSettings,
    onOverflow: (reason: string) => void,
  ) {
    this.id = id;
    this.principalId = principalId;
    this.lastActiveAt = Date.now();
    this.#settings = settings;
    this.#onOverflow = onOverflow;
  }

  /** True once ended. */
  get closed(): boolean {
    return this.#closed;
  }

  /** The core's sink for this session: routes by the related request. */
  send(json: string, kind: SendKind | undefined, related: RequestId | undefined): void {
    if (this.#closed) return;
    if (related !== undefined) {
      const key = requestKey(related);
      const stream = this.#byRequest.get(key);
      if (stream !== undefined) {
        stream.deliver(json, kind, key);
        if (kind === undefined) {
          this.#byRequest.delete(key);
          if (stream.unanswered === 0 || stream.finished) this.#retire(stream);
          if (this.#byRequest.size === 0 && this.onAllAnswered !== undefined) {
            queueMicrotask(this.onAllAnswered);
          }
        }
        return;
      }
      // The request's stream is gone (its POST broke before streaming): its answer and its
      // notifications have nowhere to go. A server request still reaches the client below.
      if (kind !== 'request') return;
    }
    this.#standalone().deliver(json, kind, undefined);
  }

  /**
   * A POST carrying requests: its answers (and what the core sends for them) go to `res`.
   * The core must be handed the messages after this.
   */
  openPost(
    res: ServerResponse,
    headers: OutgoingHttpHeaders,
    ids: readonly RequestId[],
    mode: StreamMode,
    batch: boolean,
  ): ResponseStream {
    const key = String(this.#nextKey++);
    const stream = new ResponseStream(this.#options(key, mode, batch), res, headers, ids);
    this.#streams.set(key, stream);
    for (const id of ids) this.#byRequest.set(requestKey(id), stream);
    res.once('close', () => {
      stream.lose(res);
      if (stream.finished && stream.unanswered === 0) this.#retire(stream);
    });
    return stream;
  }

  /**
   * The stream that answers (or answered) request `id`, when a client sends the request
   * again after its POST broke: it re-attaches there instead of running it twice.
   */
  resent(id: RequestId): ResponseStream | undefined {
    const key = requestKey(id);
    const inFlight = this.#byRequest.get(key);
    if (inFlight !== undefined) return inFlight.single ? inFlight : undefined;
    const streamKey = this.#finishedRequests.get(key);
    const stream = streamKey === undefined ? undefined : this.#streams.get(streamKey);
    return stream?.single && stream.answers(key) ? stream : undefined;
  }

  /** Re-attaches a re-sent request's POST to its stream; false when nothing is left to give. */
  adopt(stream: ResponseStream, res: ServerResponse, headers: OutgoingHttpHeaders): boolean {
    if (!stream.adopt(res, headers)) return false;
    res.once('close', () => {
      stream.lose(res);
      if (stream.finished && stream.unanswered === 0) this.#retire(stream);
    });
    return true;
  }

  /** The stream with this key (see `stream-event-id.ts`), while the session keeps it. */
  stream(key: string): ResponseStream | undefined {
    return this.#streams.get(key);
  }

  /** Finds the stream a `Last-Event-ID` names. */
  findResume(lastEventId: unknown): ResumeTarget {
    const parsed = parseStreamEventId(lastEventId);
    const stream = parsed === undefined ? undefined : this.#streams.get(parsed.stream);
    if (parsed === undefined || stream === undefined) return { kind: 'unknown' };
    return { kind: 'stream', stream, seq: parsed.seq };
  }

  /** The standalone GET stream, made on first use (messages wait in it for a GET). */
  standalone(): ResponseStream {
    return this.#standalone();
  }

  /** Moves a stream onto a GET response; false when there was nothing left to send. */
  attach(
    stream: ResponseStream,
    res: ServerResponse,
    headers: OutgoingHttpHeaders,
    seq: number | undefined,
  ): boolean {
    if (!stream.resume(res, headers, seq)) return false;
    res.once('close', () => stream.lose(res));
    return true;
  }

  /** SEP-1699: ends the connection of the stream answering this request (the client resumes it). */
  closeStream(related: RequestId): boolean {
    const stream = this.#byRequest.get(requestKey(related));
    if (stream === undefined) return false;
    // A call that has streamed nothing yet starts its stream now: the priming id is what lets
    // the client come back.
    stream.stream();
    return stream.poll();
  }

  /** SEP-1699: asks the client to poll every streaming POST of this session. */
  pollAll(): number {
    let count = 0;
    for (const stream of this.#streams.values()) {
      if (stream.key !== STANDALONE_STREAM && stream.poll()) count++;
    }
    return count;
  }

  /** Heartbeat comments on every live stream. */
  heartbeat(): void {
    for (const stream of this.#streams.values()) stream.heartbeat();
  }

  /** Ends every stream. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const stream of this.#streams.values()) stream.close();
    this.#streams.clear();
    this.#byRequest.clear();
  }

  #standalone(): ResponseStream {
    let stream = this.#streams.get(STANDALONE_STREAM);
    if (stream === undefined) {
      stream = new ResponseStream(
        this.#options(STANDALONE_STREAM, 'sse', false),
        undefined,
        {},
        [],
      );
      this.#streams.set(STANDALONE_STREAM, stream);
    }
    return stream;
  }

  #options(key: string, mode: StreamMode, batch: boolean) {
    const s = this.#settings;
    return {
      key,
      mode,
      batch,
      // Priming events came with 2025-11-25; older clients may choke on an empty event.
      prime: (this.protocolVersion ?? '') >= '2025-11-25',
      retryMs: s.retryMs,
      maxBufferedBytes: s.maxBufferedBytes,
      replayEvents: s.replayEvents,
      replayBytes: s.replayBytes,
      onOverflow: this.#onOverflow,
    };
  }

  /** Keeps the last few finished streams for late resumes, forgets older ones. */
  #retire(stream: ResponseStream): void {
    if (this.#finishedKeys.has(stream.key)) return;
    // A JSON answer cannot be resumed: nothing to keep (unless it waits for a re-send).
    if (!stream.resumable && !stream.waitingForResend) {
      this.#streams.delete(stream.key);
      return;
    }
    const bytes = stream.retainedBytes;
    this.#finished.push({ key: stream.key, bytes });
    this.#finishedKeys.add(stream.key);
    if (stream.single)
      for (const key of stream.requestKeys) this.#finishedRequests.set(key, stream.key);
    this.#finishedBytes += bytes;
    const s = this.#settings;
    const maxBytes = s.keepFinishedBytes ?? s.replayBytes * 4;
    while (
      this.#finished.length > 1 &&
      (this.#finished.length > s.keepFinished || this.#finishedBytes > maxBytes)
    ) {
      const oldest = this.#finished.shift()!;
      this.#finishedBytes -= oldest.bytes;
      this.#finishedKeys.delete(oldest.key);
      const gone = this.#streams.get(oldest.key);
      if (gone?.single) {
        for (const key of gone.requestKeys) {
          if (this.#finishedRequests.get(key) === oldest.key) this.#finishedRequests.delete(key);
        }
      }
      this.#streams.delete(oldest.key);
    }
  }
}
