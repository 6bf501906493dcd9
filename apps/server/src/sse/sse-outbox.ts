import type { ServerResponse } from 'node:http';
import { encodeSseComment, encodeSseFrame, encodeSseMessage } from '@mcp-sse/protocol';

/** Options of {@link SseOutbox}. */
export interface SseOutboxOptions {
  /**
   * Bytes that may wait in the socket's buffer for a slow reader; past this the outbox
   * closes itself and calls `onOverflow`, so one slow client cannot eat the server's memory.
   */
  maxBufferedBytes: number;
  /** Called once when the limit is passed, with a reason fit for the log. */
  onOverflow: (reason: string) => void;
}

/**
 * Every event bound for one session's stream goes through here, each written with a
 * single `write`. It is the one place where event ids and a replay buffer will go when
 * streams become resumable.
 */
export class SseOutbox {
  readonly #res: ServerResponse;
  readonly #options: SseOutboxOptions;
  #closed = false;

  constructor(res: ServerResponse, options: SseOutboxOptions) {
    this.#res = res;
    this.#options = options;
  }

  /** True once closed, by us or by the client. */
  get closed(): boolean {
    return this.#closed || this.#res.destroyed;
  }

  /** Sends a serialised JSON-RPC message as a `message` event. */
  message(json: string): void {
    this.write(encodeSseMessage(json));
  }

  /** Sends a named event whose data is already text (JSON or, for `endpoint`, a URL). */
  event(name: string, data: string): void {
    this.write(encodeSseFrame({ event: name, data }));
  }

  /** Sends a comment line: a heartbeat that every SSE reader ignores. */
  comment(text: string): void {
    this.write(encodeSseComment(text));
  }

  /** Writes raw SSE text; returns false when it could not be written. */
  write(text: string): boolean {
    if (this.closed) return false;
    this.#res.write(text);
    // Node keeps what the socket cannot take yet in writableLength; a reader that never
    // catches up is cut off instead of growing that buffer without bound.
    if (this.#res.writableLength > this.#options.maxBufferedBytes) {
      const reason = `client reads too slowly: ${this.#res.writableLength} bytes buffered, limit ${this.#options.maxBufferedBytes}`;
      this.close(true);
      this.#options.onOverflow(reason);
      return false;
    }
    return true;
  }

  /** Ends the stream; `force` drops what is still buffered (for a reader that stopped reading). */
  close(force = false): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#res.destroyed) return;
    if (force) this.#res.destroy();
    else this.#res.end();
  }
}
