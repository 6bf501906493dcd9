import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { RequestId } from '@mcp-sse/protocol';
import type { SendKind } from '../core/core-session.js';
import { FinishedRing } from './finished-ring.js';
import { writeJsonBody } from './json-body.js';
import { KEEP_JSON_BYTES, ResponseStream, requestKey, type StreamMode } from './response-stream.js';
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

/**
 * What a re-sent request (same id, after its POST broke) gets: the stream that answers or
 * answered it, or the JSON body it was answered with.
 */
export type ResendTarget = ResponseStream | string;

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
  /**
   * What is kept of finished streams, oldest first: a stream that streamed (stream key ->
   * the stream, for a late resume or re-send) or, for one answered with JSON, only what a
   * re-send needs (request key -> the JSON body). Keys do not clash: request keys start with
   * a letter, stream keys are numbers.
   */
  readonly #finished: FinishedRing<ResendTarget>;
  /** Request key -> the key of the finished single-request stream (kept in #finished) that answered it. */
  readonly #finishedRequests = new Map<string, string>();
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
    this.#finished = new FinishedRing<ResendTarget>(
      {
        maxCount: settings.keepFinished,
        maxBytes: settings.keepFinishedBytes ?? settings.replayBytes * 4,
      },
      (_key, kept) => {
        if (typeof kept !== 'string') this.#forget(kept);
      },
    );
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
   * The stream that answers (or answered) request `id`, or the JSON body that answered it,
   * when a client sends the request again after its POST broke: it gets that instead of
   * the request running twice.
   */
  resent(id: RequestId): ResendTarget | undefined {
    const key = requestKey(id);
    const inFlight = this.#byRequest.get(key);
    if (inFlight !== undefined) return inFlight.single ? inFlight : undefined;
    const kept = this.#finished.get(key);
    if (kept !== undefined) return kept;
    const streamKey = this.#finishedRequests.get(key);
    const stream = streamKey === undefined ? undefined : this.#streams.get(streamKey);
    return stream?.single && stream.answers(key) ? stream : undefined;
  }

  /**
   * Answers a re-sent request's POST from what {@link resent} finds; false when nothing is
   * left to give (the answer went out as JSON too big to keep, or was forgotten).
   */
  resend(id: RequestId, res: ServerResponse, headers: OutgoingHttpHeaders): boolean {
    const target = this.resent(id);
    if (target === undefined) return false;
    if (typeof target !== 'string') return this.adopt(target, res, headers);
    writeJsonBody(res, 200, headers, target);
    // As for an answer written the first time: only a small one is given again.
    if (target.length > KEEP_JSON_BYTES) this.#finished.delete(requestKey(id));
    return true;
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
    this.#finished.clear();
    this.#finishedRequests.clear();
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

  /**
   * Keeps what a late resume or re-send needs of a finished stream, within the session's
   * bounds: a stream that streamed whole; of one answered with JSON only the body (the
   * stream itself goes at once, so a busy session keeps no stream objects alive).
   */
  #retire(stream: ResponseStream): void {
    // Retired already (its answer and its connection's end both lead here), or the session ended.
    if (this.#streams.get(stream.key) !== stream || this.#finished.has(stream.key)) return;
    // A request id may be as long as a body: the keys kept count against the bytes too.
    if (stream.resumable) {
      let bytes = stream.retainedBytes;
      if (stream.single) {
        for (const key of stream.requestKeys) {
          this.#finished.delete(key);
          this.#finishedRequests.set(key, stream.key);
          bytes += key.length;
        }
      }
      this.#finished.set(stream.key, stream, bytes);
      return;
    }
    this.#streams.delete(stream.key);
    // Only a single request can be re-sent (a batch is never re-attached).
    const body = stream.single ? stream.resendBody : undefined;
    if (body === undefined) return;
    for (const key of stream.requestKeys) {
      this.#finishedRequests.delete(key);
      this.#finished.set(key, body, body.length + key.length);
    }
  }

  /** A kept stream that streamed drops out of the bounds: forgotten. */
  #forget(stream: ResponseStream): void {
    this.#streams.delete(stream.key);
    if (!stream.single) return;
    for (const key of stream.requestKeys) {
      if (this.#finishedRequests.get(key) === stream.key) this.#finishedRequests.delete(key);
    }
  }
}
