import type { CoreLogger } from '../core/logger.js';

/** Why a session ends when its client's stream drops and there is no grace period. */
export const DISCONNECTED = 'client disconnected';

/** Options of {@link ResumeGrace}. */
export interface ResumeGraceOptions {
  /** How long a session whose stream dropped waits for its client (0: it ends at once). */
  graceMs: number;
  logger: CoreLogger;
  /** Ends a session for good. */
  close(id: string, reason: string): void;
}

/** What is kept for a session held here. */
interface Waiting {
  /** The newest stream attachment heard of; a detach of an older one is ignored. */
  gen: number;
  grace: NodeJS.Timeout | undefined;
  /** Why it is being closed here, once closing started. */
  closing?: string;
}

/**
 * The resume grace period of HTTP+SSE sessions held here: a session whose stream dropped
 * (on any instance) waits `graceMs` for its client to resume, then ends. Stream
 * attachments are numbered (a Redis counter per session), so that the drop of a stream
 * an attachment already replaced, heard late, starts nothing.
 */
export class ResumeGrace {
  readonly #o: ResumeGraceOptions;
  readonly #waiting = new Map<string, Waiting>();
  /** The attachment a session is opened or taken over at, until it is held. */
  readonly #atHold = new Map<string, number>();
  /** No more waiting: a drop ends its session at once (shutdown). */
  shuttingDown = false;

  constructor(options: ResumeGraceOptions) {
    this.#o = options;
  }

  /** Sessions held here whose stream dropped, in their grace period. */
  get waiting(): number {
    let count = 0;
    for (const waiting of this.#waiting.values()) if (waiting.grace !== undefined) count++;
    return count;
  }

  /** The attachment the session is about to be held at (opened: 1; taken over: the resume's, or 0). */
  expect(id: string, gen: number): void {
    this.#atHold.set(id, gen);
  }

  /** It was not held after all (another instance was quicker, or it failed). */
  unexpect(id: string): void {
    this.#atHold.delete(id);
  }

  /** The session is held here now. */
  held(id: string): void {
    this.#waiting.set(id, { gen: this.#atHold.get(id) ?? 0, grace: undefined });
    this.#atHold.delete(id);
  }

  /** Records why the session is being closed here (for the log when it is gone). */
  closing(id: string, reason: string): void {
    const waiting = this.#waiting.get(id);
    if (waiting !== undefined) waiting.closing = reason;
  }

  /** The session is no longer held here; returns why it was closed, when it was. */
  left(id: string): string | undefined {
    const waiting = this.#waiting.get(id);
    this.#waiting.delete(id);
    if (waiting?.grace !== undefined) clearTimeout(waiting.grace);
    return waiting?.closing;
  }

  /** A stream of the session started somewhere: its client is back. */
  attached(id: string, gen: number): void {
    const waiting = this.#waiting.get(id);
    if (waiting === undefined || gen < waiting.gen) return;
    waiting.gen = gen;
    if (waiting.grace !== undefined) clearTimeout(waiting.grace);
    waiting.grace = undefined;
  }

  /** A stream of the session ended somewhere: wait for the client, or close now. */
  detached(id: string, gen: number): void {
    const waiting = this.#waiting.get(id);
    if (waiting === undefined || gen < waiting.gen) return;
    const { graceMs, logger, close } = this.#o;
    if (graceMs <= 0 || this.shuttingDown) {
      close(id, DISCONNECTED);
      return;
    }
    if (waiting.grace !== undefined) clearTimeout(waiting.grace);
    waiting.grace = setTimeout(() => {
      close(id, `client did not come back within ${graceMs} ms`);
    }, graceMs);
    waiting.grace.unref();
    logger.info({ sessionId: id }, 'stream lost: session kept for resume');
  }
}
