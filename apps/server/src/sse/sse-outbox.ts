import type { ServerResponse } from 'node:http';
import { encodeSseComment, encodeSseFrame, encodeSseMessage } from '@mcp-sse/protocol';
import type { BudgetShare } from './outbound-budget.js';
import { ReplayBuffer } from './replay-buffer.js';

/** Options of {@link SseOutbox}. */
export interface SseOutboxOptions {
  /**
   * Bytes that may wait in the socket's buffer for a slow reader; past this the outbox
   * closes itself and calls `onOverflow`, so one slow client cannot eat the server's memory.
   */
  maxBufferedBytes: number;
  /** Called once when the limit is passed, with a reason fit for the log. */
  onOverflow: (reason: string) => void;
  /**
   * Events kept for replay after a reconnect; 0 (the default) keeps none and sends no
   * event ids, which costs nothing when streams are not resumable.
   */
  replayEvents?: number;
  /** Bytes of event text kept for replay; defaults to `maxBufferedBytes`. */
  replayBytes?: number;
  /** Prefix of event ids (`<prefix>:<seq>`): the session id, so an id alone finds its session. */
  idPrefix?: string;
  /** This stream's share of the server-wide bound on unread bytes; it may cut the stream. */
  budget?: BudgetShare;
}

/**
 * Every event bound for one session's stream goes through here, each written with a
 * single `write`. When replay is on it numbers the events and keeps the last ones, and
 * the stream can move to a new response (a reconnect) without losing what was sent
 * while no response was attached.
 */
export class SseOutbox {
  #res: ServerResponse | undefined;
  readonly #options: SseOutboxOptions;
  readonly #replay: ReplayBuffer | undefined;
  #seq = 0;
  /** The last numbered event handed to a live response: what the client may have seen. */
  #sentSeq = 0;
  #closed = false;
  #corked: ServerResponse | undefined;
  /** The response whose 'drain' we wait for, to tell the budget its buffer emptied. */
  #draining: ServerResponse | undefined;

  constructor(res: ServerResponse | undefined, options: SseOutboxOptions) {
    this.#res = res;
    this.#options = options;
    const events = options.replayEvents ?? 0;
    this.#replay =
      events > 0
        ? new ReplayBuffer(events, options.replayBytes ?? options.maxBufferedBytes)
        : undefined;
  }

  /** True once closed for good. */
  get closed(): boolean {
    return this.#closed;
  }

  /** True while a live response is attached. */
  get attached(): boolean {
    return this.#res !== undefined && !this.#res.destroyed;
  }

  /** The id of the last event sent, when ids are on. */
  get lastEventId(): string | undefined {
    return this.#replay === undefined || this.#seq === 0 ? undefined : this.#id(this.#seq);
  }

  /**
   * The last numbered event written to a live response. Events after it were produced while
   * no stream was attached (or its socket was already gone) and certainly never arrived.
   */
  get sentSeq(): number {
    return this.#sentSeq;
  }

  /** The replay buffer's fill, for logs and tests; undefined when replay is off. */
  get replayStats(): { events: number; bytes: number } | undefined {
    return this.#replay === undefined
      ? undefined
      : { events: this.#replay.size, bytes: this.#replay.bytes };
  }

  /**
   * Sends a serialised JSON-RPC message as a `message` event. `expendable` marks a
   * notification, which the replay buffer drops before unsent answers when it is full.
   */
  message(json: string, expendable = false): void {
    if (this.#replay === undefined) {
      this.#write(encodeSseMessage(json));
      return;
    }
    const seq = ++this.#seq;
    this.#keep(seq, encodeSseMessage(json, this.#id(seq)), expendable);
  }

  /** Sends a named event whose data is already text (JSON or, for `endpoint`, a URL). */
  event(name: string, data: string, expendable = false): void {
    if (this.#replay === undefined) {
      this.#write(encodeSseFrame({ event: name, data }));
      return;
    }
    const seq = ++this.#seq;
    this.#keep(seq, encodeSseFrame({ event: name, id: this.#id(seq), data }), expendable);
  }

  /**
   * Sends a named event whose `data:` lines are already encoded (`encodeSseFrame({ data })`)
   * and shared by many sessions: the replay buffer keeps a reference to that text instead
   * of a copy per session, which matters for the tools list every stream starts with.
   */
  sharedEvent(name: string, dataLines: string, expendable = false): void {
    if (this.#replay === undefined) {
      this.#write(`event: ${name}\n${dataLines}`);
      return;
    }
    const seq = ++this.#seq;
    const head = `event: ${name}\nid: ${this.#id(seq)}\n`;
    const sent = this.#write(head + dataLines);
    if (sent) this.#sentSeq = seq;
    this.#replay.push(seq, head, expendable || sent, dataLines);
  }

  /** Sends a comment line: a heartbeat that every SSE reader ignores (never replayed). */
  comment(text: string): void {
    this.#write(encodeSseComment(text));
  }

  /** Writes raw SSE text that is not numbered or kept (a stream's preamble). */
  raw(text: string): void {
    this.#write(text);
  }

  /** Forgets the response (its client went); events are still numbered and kept. */
  detach(): void {
    this.#res = undefined;
    // The old socket's buffer went with it.
    this.#options.budget?.set(0);
  }

  /**
   * Moves the stream to a new response: writes `preamble`, then every kept event after
   * `afterSeq`, in one write. Returns false when events after `afterSeq` were already
   * dropped from the buffer (the client missed some).
   */
  attach(res: ServerResponse, preamble: string, afterSeq: number): boolean {
    const old = this.#res;
    this.#res = res;
    if (old !== undefined && old !== res && !old.destroyed) old.end();
    const complete =
      this.#replay === undefined ? afterSeq >= this.#seq : this.#replay.dropped <= afterSeq;
    if (this.#write(preamble + (this.#replay?.after(afterSeq) ?? ''))) {
      this.#sentSeq = this.#seq;
      this.#replay?.releaseAll();
    }
    return complete;
  }

  /** Ends the stream for good; `force` drops what is still buffered (a reader that stopped). */
  close(force = false): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#options.budget?.release();
    const res = this.#res;
    this.#res = undefined;
    if (res === undefined || res.destroyed) return;
    if (force) res.destroy();
    else res.end();
  }

  readonly #uncork = (): void => {
    const res = this.#corked;
    this.#corked = undefined;
    if (res !== undefined && !res.destroyed) res.uncork();
  };

  #id(seq: number): string {
    return `${this.#options.idPrefix ?? ''}:${seq}`;
  }

  #keep(seq: number, text: string, expendable: boolean): void {
    const sent = this.#write(text);
    if (sent) this.#sentSeq = seq;
    // An answer that never reached a live stream is what a resume exists for: keep it longest.
    this.#replay!.push(seq, text, expendable || sent);
  }

  /** Returns whether the text went to a live response. */
  #write(text: string): boolean {
    const res = this.#res;
    if (this.#closed || res === undefined || res.destroyed) return false;
    // Events written in the same turn of the event loop leave in one syscall: under load
    // many answers for a stream are ready together, and a syscall each is the main cost.
    if (this.#corked === undefined) {
      this.#corked = res;
      res.cork();
      setImmediate(this.#uncork);
    }
    const flushed = res.write(text);
    // Node keeps what the socket cannot take yet in writableLength; a reader that never
    // catches up is cut off instead of growing that buffer without bound.
    if (res.writableLength > this.#options.maxBufferedBytes) {
      const reason = `client reads too slowly: ${res.writableLength} bytes buffered, limit ${this.#options.maxBufferedBytes}`;
      this.close(true);
      this.#options.onOverflow(reason);
      return true;
    }
    const budget = this.#options.budget;
    if (budget !== undefined) {
      if (!flushed && this.#draining !== res) {
        this.#draining = res;
        res.once('drain', () => {
          if (this.#draining === res) this.#draining = undefined;
          if (this.#res === res && !this.#closed) budget.set(res.writableLength);
        });
      }
      // Below the high-water mark the bytes are about to leave: counting them would add up
      // a just-broadcast tools list over 10,000 healthy streams. Only a backlog counts.
      // May cut this very stream (it holds the most): then it is closed, and that is all.
      budget.set(flushed ? 0 : res.writableLength);
    }
    return true;
  }
}

/** Splits a `Last-Event-ID` of the form `<sessionId>:<seq>`; undefined when it is not one. */
export function parseEventId(value: unknown): { sessionId: string; seq: number } | undefined {
  if (typeof value !== 'string' || value.length > 80) return undefined;
  const colon = value.lastIndexOf(':');
  if (colon <= 0) return undefined;
  const seq = value.slice(colon + 1);
  if (!/^\d{1,15}$/.test(seq)) return undefined;
  return { sessionId: value.slice(0, colon), seq: Number(seq) };
}
