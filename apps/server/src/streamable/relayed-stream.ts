import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { encodeSseMessage } from '@mcp-sse/protocol';
import type { BudgetShare } from '../sse/outbound-budget.js';
import { SSE_HEADERS } from '../sse/sse-headers.js';
import { SseOutbox } from '../sse/sse-outbox.js';
import type { ResponseStreamOptions } from './response-stream.js';
import { streamEventId } from './stream-event-id.js';

/**
 * What an event of a shared stream log is: an answer ('a'), the last answer the stream
 * owes ('l': the stream is complete), a notification ('n') or a server-to-client request
 * ('r'). The log keeps it as the event's name.
 */
export type RelayedKind = 'a' | 'l' | 'n' | 'r';

/** Options of {@link RelayedStream}: a local stream's, but the log is kept elsewhere. */
export interface RelayedStreamOptions
  extends Pick<
    ResponseStreamOptions,
    'key' | 'mode' | 'batch' | 'prime' | 'retryMs' | 'maxBufferedBytes' | 'onOverflow'
  > {
  /** This stream's share of the server-wide bound on unread bytes. */
  budget?: BudgetShare;
  /** Called once when this response is over (complete, cut, polled or ended). */
  onEnd: () => void;
}

/**
 * One HTTP response carrying a stream whose events are numbered and kept elsewhere (a
 * shared log, fed through {@link event} in order, possibly twice: replayed and live), so
 * that any instance can serve any stream of a session. The HTTP side is the same as a
 * local stream's: JSON when the answer comes before anything else ('auto'), otherwise SSE
 * with the priming event and ids `<stream>:<seq>`.
 */
export class RelayedStream {
  readonly #o: RelayedStreamOptions;
  readonly #res: ServerResponse;
  readonly #headers: OutgoingHttpHeaders;
  #state: 'waiting' | 'sse' | 'done' = 'waiting';
  #outbox: SseOutbox | undefined;
  /** Answers kept while waiting, to write as one JSON body (or first, when streaming starts). */
  readonly #answers: Array<{ seq: number; data: string }> = [];
  #lastSeq = 0;
  #complete = false;

  /** A POST's response (waiting: JSON or SSE decided by what comes first), or, `resumeFrom` set, a GET resuming after that sequence number. */
  constructor(
    res: ServerResponse,
    headers: OutgoingHttpHeaders,
    options: RelayedStreamOptions,
    resumeFrom?: number,
  ) {
    this.#o = options;
    this.#res = res;
    this.#headers = headers;
    res.once('close', () => this.#finish());
    if (resumeFrom !== undefined) {
      this.#lastSeq = resumeFrom;
      this.#startSse(resumeFrom);
    }
  }

  /** The last sequence number handed to the response. */
  get lastSeq(): number {
    return this.#lastSeq;
  }

  /** True once the stream's last answer came. */
  get complete(): boolean {
    return this.#complete;
  }

  /** True once this response is over. */
  get done(): boolean {
    return this.#state === 'done';
  }

  /** Whether the response is streaming (SSE). */
  get streaming(): boolean {
    return this.#state === 'sse';
  }

  /** One event of the stream, in order; one seen before (replayed, then live) is skipped. */
  event(seq: number, kind: string, data: string): void {
    if (seq <= this.#lastSeq || this.#state === 'done') return;
    this.#lastSeq = seq;
    const answer = kind === 'a' || kind === 'l';
    if (kind === 'l') this.#complete = true;
    if (this.#state === 'waiting') {
      if (answer) {
        this.#answers.push({ seq, data });
        if (this.#complete) this.#writeJson();
        return;
      }
      if (this.#o.mode === 'json') return; // nowhere to send it on a JSON answer
      this.#startSse(0);
    }
    this.#write(seq, data);
    if (this.#complete) this.end();
  }

  /** Opens the SSE stream now if it still waits (a call that may run long). */
  stream(): void {
    if (this.#state === 'waiting' && this.#o.mode !== 'json') this.#startSse(0);
  }

  /**
   * SEP-1699: ends this connection (once it carried an id; a response still waiting turns
   * into a stream first, to carry one); the client resumes with GET.
   */
  poll(): boolean {
    this.stream();
    if (this.#state !== 'sse' || !this.#o.prime) return false;
    this.end();
    return true;
  }

  /** A heartbeat comment while streaming. */
  heartbeat(): void {
    if (this.#state === 'sse') this.#outbox?.comment('');
  }

  /**
   * Ends the response: a stream still waiting for its JSON answer is cut (the client sends
   * the request again, and re-attaches), a streaming one ends (the client resumes it).
   */
  end(force = false): void {
    if (this.#state === 'done') return;
    if (this.#outbox !== undefined) this.#outbox.close(force);
    else this.#res.destroy();
    this.#finish();
  }

  #finish(): void {
    if (this.#state === 'done') return;
    this.#state = 'done';
    this.#outbox?.close(true);
    this.#o.onEnd();
  }

  #startSse(from: number): void {
    this.#state = 'sse';
    const res = this.#res;
    if (!res.headersSent) res.writeHead(200, { ...this.#headers, ...SSE_HEADERS });
    this.#outbox = new SseOutbox(res, {
      maxBufferedBytes: this.#o.maxBufferedBytes,
      onOverflow: this.#o.onOverflow,
      ...(this.#o.budget === undefined ? {} : { budget: this.#o.budget }),
    });
    if (this.#o.prime) {
      // One event: the retry hint, an id to come back with, and no data (SDK clients skip it).
      const retry = Math.max(0, Math.floor(this.#o.retryMs));
      this.#outbox.raw(`retry: ${retry}\nid: ${streamEventId(this.#o.key, from)}\ndata: \n\n`);
    }
    // Answers of a batch that came before the first streamed message go first.
    for (const answer of this.#answers.splice(0)) this.#write(answer.seq, answer.data);
  }

  #write(seq: number, data: string): void {
    this.#outbox?.raw(encodeSseMessage(data, streamEventId(this.#o.key, seq)));
  }

  #writeJson(): void {
    const res = this.#res;
    const body = this.#o.batch
      ? `[${this.#answers.map((answer) => answer.data).join(',')}]`
      : this.#answers[0]!.data;
    this.#answers.length = 0;
    if (!res.destroyed) {
      // A length, so that Node writes it whole instead of chunked.
      res.writeHead(200, {
        ...this.#headers,
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
      });
      res.end(body);
    }
    this.#finish();
  }
}
