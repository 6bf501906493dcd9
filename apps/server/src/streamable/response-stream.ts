import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { RequestId } from '@mcp-sse/protocol';
import type { SendKind } from '../core/core-session.js';
import { SSE_HEADERS } from '../sse/sse-headers.js';
import { SseOutbox } from '../sse/sse-outbox.js';
import { writeJsonBody } from './json-body.js';
import { parseStreamEventId, streamEventId } from './stream-event-id.js';

/**
 * How a POST's requests are answered: 'auto' answers with JSON unless something is streamed
 * first (progress, logs, a server request), 'sse' opens the stream at once, 'json' never
 * streams (request-scoped notifications are then dropped).
 */
export type StreamMode = 'auto' | 'sse' | 'json';

/** Limits and hooks of a {@link ResponseStream}. */
export interface ResponseStreamOptions {
  /** The stream's key within its session (see `stream-event-id.ts`). */
  key: string;
  mode: StreamMode;
  /** Answer with a JSON array (a 2025-03-26 batch) rather than one object. */
  batch: boolean;
  /** Send the `retry` hint and the priming event (2025-11-25), which makes the stream resumable. */
  prime: boolean;
  retryMs: number;
  maxBufferedBytes: number;
  replayEvents: number;
  replayBytes: number;
  /** The reader is too slow; the stream was cut. */
  onOverflow: (reason: string) => void;
  /** The HTTP status of a single answer sent as JSON (2026-07-28 maps some errors); 200 without. */
  statusOf?: (json: string) => number;
}

interface Pending {
  id: RequestId;
  /** The answer once it came; kept until the JSON body can be written. */
  json: string | undefined;
}

type State = 'waiting' | 'sse' | 'done' | 'lost';

/** JSON answers up to this size are kept after writing, for a client that sends the request again. */
export const KEEP_JSON_BYTES = 64 * 1024;

/** A request key: ids 1 and "1" are different requests. */
export function requestKey(id: RequestId): string {
  return typeof id === 'number' ? `n${id}` : `s${id}`;
}

/**
 * One stream of a Streamable HTTP session: the answer to one POST (one request, or a
 * 2025-03-26 batch of them), or the standalone GET stream. A POST is answered with JSON
 * when nothing else comes first; otherwise it turns into an SSE stream whose events are
 * numbered and kept (an {@link SseOutbox} with replay), so that a client whose connection
 * broke, or that the server asked to poll, resumes it with GET and `Last-Event-ID`.
 */
export class ResponseStream {
  readonly key: string;
  readonly #o: ResponseStreamOptions;
  readonly #pending = new Map<string, Pending>();
  /** The one request of a non-batch POST: its answer is written without going through the Map. */
  readonly #only: Pending | undefined;
  #remaining = 0;
  /** The JSON body written, while it is small enough to give again to a re-sent request. */
  #written: string | undefined;
  #state: State;
  #res: ServerResponse | undefined;
  #headers: OutgoingHttpHeaders;
  #outbox: SseOutbox | undefined;

  /** A POST stream on `res` answering `ids`, or (no ids) the standalone stream, detached. */
  constructor(
    options: ResponseStreamOptions,
    res: ServerResponse | undefined,
    headers: OutgoingHttpHeaders,
    ids: readonly RequestId[],
  ) {
    this.key = options.key;
    this.#o = options;
    this.#res = res;
    this.#headers = headers;
    for (const id of ids) this.#pending.set(requestKey(id), { id, json: undefined });
    this.#remaining = this.#pending.size;
    this.#only =
      options.batch || ids.length !== 1 ? undefined : this.#pending.get(requestKey(ids[0]!));
    if (ids.length === 0) {
      this.#state = 'sse';
      this.#outbox = this.#newOutbox(undefined);
    } else {
      this.#state = 'waiting';
      if (options.mode === 'sse') this.#startSse();
    }
  }

  /** True once every request of the stream was answered on it (or it was lost before streaming). */
  get finished(): boolean {
    return this.#state === 'done' || this.#state === 'lost';
  }

  /** True while a live response is attached. */
  get attached(): boolean {
    return this.#res !== undefined && !this.#res.destroyed && this.#state !== 'done';
  }

  /** Whether the stream streamed (SSE): only such a stream can be resumed with `Last-Event-ID`. */
  get resumable(): boolean {
    return this.#outbox !== undefined;
  }

  /** The requests this stream still owes an answer. */
  get unanswered(): number {
    return this.#remaining;
  }

  /** The last event written to a live response: a plain GET of the standalone stream goes on from there. */
  get sentSeq(): number {
    return this.#outbox?.sentSeq ?? 0;
  }

  /**
   * Whether a resume after `afterSeq` has anything to give: false for a stream that never
   * streamed, and for one that is complete and whose client has all of it.
   */
  resumesAfter(afterSeq: number): boolean {
    const outbox = this.#outbox;
    if (outbox === undefined) return false;
    const last = parseStreamEventId(outbox.lastEventId)?.seq ?? 0;
    return this.#state !== 'done' || Math.min(afterSeq, last) < last;
  }

  /** Whether this stream answers the request with this key. */
  answers(key: string): boolean {
    return this.#pending.has(key);
  }

  /** Opens the SSE stream now if it still waits (a call that may run long). */
  stream(): void {
    if (this.#state === 'waiting' && this.#o.mode !== 'json') this.#startSse();
  }

  /** Sends one message; `requestKey` names the request it relates to (an answer when `kind` is undefined). */
  deliver(json: string, kind: SendKind | undefined, key: string | undefined): void {
    const pending = key === undefined ? undefined : this.#pending.get(key);
    const isAnswer = kind === undefined && pending !== undefined && pending.json === undefined;
    if (this.#state === 'lost' && isAnswer) {
      // Kept for the client that sends the request again (same id) on a new POST.
      pending.json = json;
      this.#remaining--;
      return;
    }
    if (this.#state === 'lost' || this.#state === 'done') return;
    if (this.#state === 'waiting') {
      if (isAnswer) {
        pending.json = json;
        if (--this.#remaining === 0) this.#writeJson();
        return;
      }
      if (this.#o.mode === 'json') return; // nowhere to send it on a JSON answer
      this.#startSse();
    }
    this.#outbox!.message(json, kind === 'notification');
    if (isAnswer) {
      pending.json = '';
      if (--this.#remaining === 0) this.#end('done');
    }
  }

  /** The response went away (client closed it, or the network broke). */
  lose(res: ServerResponse): void {
    if (res !== this.#res) return;
    this.#res = undefined;
    if (this.#state === 'waiting') {
      // Nothing was streamed, so there is no event id to resume from: the answers wait for
      // the client to send the request again with the same id (see adopt).
      this.#state = 'lost';
      return;
    }
    this.#outbox?.detach();
  }

  /** True when answers are kept for a re-send: lost before streaming, or a small JSON answer. */
  get waitingForResend(): boolean {
    if (this.#state === 'lost') return true;
    return this.#state === 'done' && this.#outbox === undefined && this.#written !== undefined;
  }

  /**
   * The JSON body a re-sent request of this finished, never streamed stream gets: the one
   * written (when small enough to keep), or, lost before it could be written, the one made
   * of the answers that came since. Undefined while answers are owed, or once it streamed.
   */
  get resendBody(): string | undefined {
    if (this.#outbox !== undefined || this.#remaining > 0) return undefined;
    if (this.#state === 'done') return this.#written;
    return this.#state === 'lost' ? this.#body() : undefined;
  }

  /** Bytes this stream still holds for a late resume or re-send (replayable events, kept answers). */
  get retainedBytes(): number {
    let bytes = this.#outbox?.replayStats?.bytes ?? 0;
    for (const pending of this.#pending.values()) bytes += pending.json?.length ?? 0;
    return bytes;
  }

  /** The keys of the requests this stream answers. */
  get requestKeys(): IterableIterator<string> {
    return this.#pending.keys();
  }

  /** Whether this stream answers one request (not a batch): only such a stream can be adopted. */
  get single(): boolean {
    return this.#pending.size === 1;
  }

  /**
   * A client sent the request of this stream again (same id) on a new POST, after its
   * connection broke: the new response takes the stream over. Nothing streamed yet: it gets
   * the JSON answer (now, or when it comes); streamed: the whole stream is replayed from its
   * priming event. False when there is nothing to give (a JSON answer already written).
   */
  adopt(res: ServerResponse, headers: OutgoingHttpHeaders): boolean {
    if (this.#state === 'done' && this.#outbox === undefined) {
      if (!this.waitingForResend) return false;
      this.#res = res;
      this.#headers = headers;
      this.#writeJson();
      return true;
    }
    if (this.#state === 'waiting' || this.#state === 'lost') {
      const old = this.#res;
      if (old !== undefined && old !== res && !old.destroyed) old.destroy();
      this.#res = res;
      this.#headers = headers;
      this.#state = 'waiting';
      if (this.#remaining === 0) this.#writeJson();
      return true;
    }
    if (this.#outbox === undefined) return false;
    const old = this.#res;
    if (this.#state === 'sse' && old !== undefined && old !== res && !old.destroyed) old.end();
    return this.resume(res, headers, 0);
  }

  /**
   * Moves the stream to a GET response, replaying every event after `afterSeq` (undefined:
   * everything not yet written to a live response). Returns false, writing nothing, when
   * there is nothing to resume: the stream is complete and the client has all of it.
   */
  resume(res: ServerResponse, headers: OutgoingHttpHeaders, afterSeq: number | undefined): boolean {
    const outbox = this.#outbox;
    if (outbox === undefined) return false;
    const last = parseStreamEventId(outbox.lastEventId)?.seq ?? 0;
    const from = Math.min(afterSeq ?? outbox.sentSeq, last);
    if (this.#state === 'done' && from >= last) return false;
    res.writeHead(200, { ...headers, ...SSE_HEADERS });
    this.#res = res;
    // Priming again: the resumed stream also starts with the retry hint and an id to come back with.
    outbox.attach(res, this.#preamble(from), from);
    if (this.#state === 'done') {
      outbox.detach();
      this.#res = undefined;
      res.end();
    }
    return true;
  }

  /**
   * SEP-1699 polling: ends the current connection without ending the stream (only once
   * it carried an id and the retry hint); the client comes back with GET and `Last-Event-ID`.
   */
  poll(): boolean {
    const res = this.#res;
    if (this.#state !== 'sse' || !this.#o.prime || res === undefined || res.destroyed) return false;
    this.#outbox!.detach();
    this.#res = undefined;
    res.end();
    return true;
  }

  /** A heartbeat comment on a live SSE response. */
  heartbeat(): void {
    if (this.#state === 'sse' && this.attached) this.#outbox!.comment('');
  }

  /** Ends the stream for good (session ended): unanswered requests get `-32000`. */
  close(): void {
    if (this.#state === 'waiting') {
      for (const pending of this.#pending.values()) {
        if (pending.json !== undefined) continue;
        pending.json = sessionEndedJson(pending.id);
        this.#remaining--;
      }
      this.#writeJson();
      return;
    }
    this.#state = 'done';
    this.#outbox?.close();
    this.#res = undefined;
  }

  #newOutbox(res: ServerResponse | undefined): SseOutbox {
    return new SseOutbox(res, {
      maxBufferedBytes: this.#o.maxBufferedBytes,
      replayEvents: this.#o.replayEvents,
      replayBytes: this.#o.replayBytes,
      idPrefix: this.key,
      onOverflow: this.#o.onOverflow,
    });
  }

  #preamble(seq: number): string {
    if (!this.#o.prime) return '';
    // One event: the retry hint, an id to come back with, and no data (SDK clients skip it).
    return `retry: ${Math.max(0, Math.floor(this.#o.retryMs))}\nid: ${streamEventId(this.key, seq)}\ndata: \n\n`;
  }

  #startSse(): void {
    const res = this.#res;
    this.#state = 'sse';
    this.#outbox = this.#newOutbox(undefined);
    if (res !== undefined && !res.destroyed) {
      res.writeHead(200, { ...this.#headers, ...SSE_HEADERS });
      this.#outbox.attach(res, this.#preamble(0), 0);
    } else {
      this.#res = undefined;
    }
    // Answers of a batch that came before the first streamed message go first.
    for (const pending of this.#pending.values()) {
      if (pending.json !== undefined && pending.json !== '') {
        this.#outbox.message(pending.json);
        pending.json = '';
      }
    }
  }

  #writeJson(): void {
    const res = this.#res;
    this.#res = undefined;
    if (res === undefined || res.destroyed) {
      // The connection went before the answers: they wait for a re-send of the request.
      this.#state = 'lost';
      return;
    }
    this.#state = 'done';
    const body = this.#body();
    const status = this.#o.batch ? 200 : (this.#o.statusOf?.(body) ?? 200);
    writeJsonBody(res, status, this.#headers, body);
    // A small answer is kept for a client that sends the request again because the answer
    // never reached it (a socket the client already closed still takes the write here).
    if (body.length > KEEP_JSON_BYTES) {
      this.#written = undefined;
      for (const pending of this.#pending.values()) pending.json = '';
    } else {
      this.#written = body;
    }
  }

  /** The JSON body of the answers: one object, or a batch's array in request order. */
  #body(): string {
    if (this.#only !== undefined) return this.#only.json!;
    const answers: string[] = [];
    for (const pending of this.#pending.values()) answers.push(pending.json!);
    return this.#o.batch ? `[${answers.join(',')}]` : answers[0]!;
  }

  #end(state: State): void {
    this.#state = state;
    const res = this.#res;
    this.#res = undefined;
    this.#outbox?.detach();
    if (res !== undefined && !res.destroyed) res.end();
  }
}

function sessionEndedJson(id: RequestId): string {
  return JSON.stringify({
    jsonrpc: '2.0',
    id,
    error: { code: -32000, message: 'The session ended before the request was answered' },
  });
}
