/** Bounds of an {@link AnswerQueue}. */
export interface AnswerQueueOptions {
  /** Requests being answered at once (handler run and answer sent; default 4). */
  concurrency?: number;
  /** Answers waiting their turn; past it, new ones are dropped (default 256). */
  maxQueued?: number;
}

/** Default answers sent at once. */
export const DEFAULT_ANSWER_CONCURRENCY = 4;
/** Default answers waiting. */
export const DEFAULT_ANSWER_QUEUE = 256;

/** Answers one server request: runs its handler, sends the answer. */
export type AnswerTask = () => Promise<void>;

/**
 * Answers server-to-client requests with bounded concurrency and a bounded queue. A server
 * may send requests far faster than POSTs complete (20 000 `ping`s fit in 1 MB of SSE);
 * answering each at once opened a socket per request. Past the queue a request is dropped
 * unanswered: it then times out on the server, which is what a server that floods us
 * deserves, and our memory, handlers and descriptors stay bounded.
 */
export class AnswerQueue {
  readonly #onFailed: (error: unknown) => void;
  readonly #concurrency: number;
  readonly #maxQueued: number;
  readonly #queue: AnswerTask[] = [];
  #active = 0;
  #dropped = 0;

  constructor(onFailed: (error: unknown) => void, options: AnswerQueueOptions = {}) {
    this.#onFailed = onFailed;
    this.#concurrency = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_ANSWER_CONCURRENCY));
    this.#maxQueued = Math.max(0, Math.floor(options.maxQueued ?? DEFAULT_ANSWER_QUEUE));
  }

  /** Requests being answered. */
  get active(): number {
    return this.#active;
  }

  /** Requests waiting their turn. */
  get queued(): number {
    return this.#queue.length;
  }

  /** Requests dropped unanswered so far because the queue was full. */
  get dropped(): number {
    return this.#dropped;
  }

  /** Runs `task` now, or queues it; false when it was dropped (the queue is full). */
  push(task: AnswerTask): boolean {
    if (this.#active < this.#concurrency) {
      this.#start(task);
      return true;
    }
    if (this.queued >= this.#maxQueued) {
      this.#dropped++;
      return false;
    }
    this.#queue.push(task);
    return true;
  }

  /** Forgets what is still queued (the session closed). */
  clear(): void {
    this.#queue.length = 0;
  }

  #start(task: AnswerTask): void {
    this.#active++;
    // A task that throws synchronously is still a settled promise here.
    Promise.resolve()
      .then(task)
      .catch((error: unknown) => this.#onFailed(error))
      .finally(() => {
        this.#active--;
        this.#next();
      });
  }

  #next(): void {
    // shift() is O(queue), and the queue is small and bounded; no slot outlives its answer.
    const task = this.#queue.shift();
    if (task !== undefined) this.#start(task);
  }
}
