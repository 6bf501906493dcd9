import type { ServerResponse } from 'node:http';
import { encodeSseFrame, encodeSseMessage } from '@mcp-sse/protocol';
import type { BudgetShare } from '../sse/outbound-budget.js';
import { SseOutbox } from '../sse/sse-outbox.js';
import type { EdgeWriter } from './redis-stream-edge.js';

/** Options of {@link SseEdgeWriter}. */
export interface SseEdgeWriterOptions {
  /** The session id: HTTP+SSE event ids are `<session>:<seq>`, so an id alone finds its session. */
  sessionId: string;
  maxBufferedBytes: number;
  budget?: BudgetShare;
  onOverflow: (reason: string) => void;
  /** Called once when the response is over; `lost` when its client went (not ended here). */
  onEnd: (lost: boolean) => void;
}

/**
 * An HTTP+SSE session's stream on one response (its GET), fed from the session's log:
 * events named as logged (`message`, `tools`, `result`, `error`) with ids
 * `<session>:<seq>`, after a preamble that is not logged (`retry`, `endpoint`, ...).
 */
export class SseEdgeWriter implements EdgeWriter {
  readonly #o: SseEdgeWriterOptions;
  readonly #outbox: SseOutbox;
  #lastSeq: number;
  #done = false;

  /** Writes `preamble` at once; events after `lastSeq` follow. */
  constructor(res: ServerResponse, options: SseEdgeWriterOptions, preamble: string, lastSeq = 0) {
    this.#o = options;
    this.#lastSeq = lastSeq;
    this.#outbox = new SseOutbox(res, {
      maxBufferedBytes: options.maxBufferedBytes,
      ...(options.budget === undefined ? {} : { budget: options.budget }),
      onOverflow: options.onOverflow,
    });
    this.#outbox.raw(preamble);
    res.once('close', () => this.#finish(true));
    if (res.destroyed) queueMicrotask(() => this.#finish(true));
  }

  get done(): boolean {
    return this.#done;
  }

  event(seq: number, name: string, data: string): void {
    if (seq <= this.#lastSeq || this.#done) return;
    this.#lastSeq = seq;
    const id = `${this.#o.sessionId}:${seq}`;
    this.#outbox.raw(
      name === 'message' ? encodeSseMessage(data, id) : encodeSseFrame({ event: name, id, data }),
    );
  }

  heartbeat(): void {
    this.#outbox.comment('ping');
  }

  end(force = false): void {
    if (this.#done) return;
    this.#outbox.close(force);
    this.#finish(false);
  }

  #finish(lost: boolean): void {
    if (this.#done) return;
    this.#done = true;
    this.#outbox.close(true);
    this.#o.onEnd(lost);
  }
}
