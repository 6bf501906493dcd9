import type { JSONRPCMessage } from '@mcp-sse/protocol';

/** Bounds of an {@link AnswerQueue}. */
export interface AnswerQueueOptions {
  /** Answers being sent at once, each an HTTP request (default 4). */
  concurrency?: number;
  /** Answers waiting their turn; past it, new ones are dropped (default 256). */
  maxQueued?: number;
}

/** Default answers sent at once. */
export const DEFAULT_ANSWER_CONCURRENCY = 4;
/** Default answers waiting. */
export const DEFAULT_ANSWER_QUEUE = 256;

/**
 * Sends the answers to server-to-client requests with bounded concurrency and a bounded
 * queue. A server may send requests far faster than POSTs complete (20 000 `ping`s fit in
 * 1 MB of SSE); answering each at once opened a socket per request. Past the queue an
 * answer is dropped: its request then times out on the server, which is what a server that
 * floods us deserves, and our memory and descriptors stay bounded.
 */
export class AnswerQueue {
  readonly #send: (message: JSONRPCMessage) => Promise<void>;
  readonly #onFailed: (message: JSONRPCMessage, error: unknown) => void;
  readonly #concurrency: number;
  readonly #maxQueued: number;
  readonly #queue: JSONRPCMessage[] = [];
  #active = 0;
  #dropped = 0;

  constructor(
    send: (message: JSONRPCMessage) => Promise<void>,
    onFailed: (message: JSONRPCMessage, error: unknown) => void,
    options: AnswerQueueOptions = {},
  ) {
    this.#send = send;
    this.#onFailed = onFailed;
    this.#concurrency = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_ANSWER_CONCURRENCY));
    this.#maxQueued = Math.max(0, Math.floor(options.maxQueued ?? DEFAULT_ANSWER_QUEUE));
  }

  /** Answers in flight. */
  get active(): number {
    return this.#active;
  }

  /** Answers waiting. */
  get queued(): number {
    return this.#queue.length;
  }

  /** Answers dropped so far because the queue was full. */
  get dropped(): number {
    return this.#dropped;
  }

  /** Sends `answer` now, or queues it; false when it was dropped (the queue is full). */
  push(answer: JSONRPCMessage): boolean {
    if (this.#active < this.#concurrency) {
      this.#start(answer);
      return true;
    }
    if (this.queued >= this.#maxQueued) {
      this.#dropped++;
      return false;
    }
    this.#queue.push(answer);
    return true;
  }

  /** Forgets what is still queued (the session closed). */
  clear(): void {
    this.#queue.length = 0;
  }

  #start(answer: JSONRPCMessage): void {
    this.#active++;
    this.#send(answer)
      .catch((error: unknown) => this.#onFailed(answer, error))
      .finally(() => {
        this.#active--;
        this.#next();
      });
  }

  #next(): void {
    // shift() is O(queue), and the queue is small and bounded; no slot outlives its answer.
    const answer = this.#queue.shift();
    if (answer !== undefined) this.#start(answer);
  }
}
