/** The init key under which {@link nodeHttpFetch} takes an {@link AbortHandle} instead of a signal. */
export const ABORT_HANDLE: unique symbol = Symbol.for('@mcp-sse/client/abortHandle');

/** Undo function of {@link AbortHandle.onAbort}. */
export type RemoveAbortListener = () => void;

/**
 * What {@link AbortHandle} offers a listener: the read side of an abort, as `AbortSignal`
 * has it, without being one.
 */
export interface AbortWatch {
  /** True once aborted. */
  readonly aborted: boolean;
  /** Why it was aborted (undefined until then). */
  readonly reason: unknown;
  /** Calls `listener` once on abort (at once, later, when already aborted); returns its undo. */
  onAbort(listener: (reason: unknown) => void): RemoveAbortListener;
  /** A real `AbortSignal` that follows this handle, made on first use. */
  readonly signal: AbortSignal;
}

/**
 * An abort switch for one request that costs a plain object. On Node 20 each `AbortSignal`
 * is a transferable platform object (about 10-30 µs to make, and an `abort()` builds a
 * `DOMException` with a stack), and every call used to make two or three of them; the
 * client's own HTTP path needs none. A real signal is made only when something asks for
 * {@link signal} (a caller's own `fetch`, a backoff sleep).
 */
export class AbortHandle implements AbortWatch {
  #aborted = false;
  #reason: unknown;
  #listeners: Array<(reason: unknown) => void> | undefined;
  #controller: AbortController | undefined;

  get aborted(): boolean {
    return this.#aborted;
  }

  get reason(): unknown {
    return this.#reason;
  }

  get signal(): AbortSignal {
    if (!this.#controller) {
      this.#controller = new AbortController();
      if (this.#aborted) this.#controller.abort(this.#reason);
    }
    return this.#controller.signal;
  }

  /** Aborts (once): listeners run, and the signal, if one was made, aborts with `reason`. */
  abort(reason?: unknown): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#reason = reason ?? abortError();
    const listeners = this.#listeners;
    this.#listeners = undefined;
    this.#controller?.abort(this.#reason);
    if (!listeners) return;
    for (const listener of listeners) listener(this.#reason);
  }

  onAbort(listener: (reason: unknown) => void): RemoveAbortListener {
    if (this.#aborted) {
      listener(this.#reason);
      return noop;
    }
    const listeners = this.#listeners ?? [];
    this.#listeners = listeners;
    listeners.push(listener);
    return () => {
      const at = this.#listeners?.indexOf(listener) ?? -1;
      if (at !== -1) this.#listeners?.splice(at, 1);
    };
  }
}

/**
 * Makes `target` abort when `source` does (an `AbortSignal` or another handle); returns the
 * undo. Nothing to link (no source) costs nothing.
 */
export function linkAbort(
  source: AbortWatch | AbortSignal | undefined,
  target: AbortHandle,
): RemoveAbortListener {
  if (source === undefined) return noop;
  if (source.aborted) {
    target.abort(source.reason);
    return noop;
  }
  if ('onAbort' in source) return source.onAbort((reason) => target.abort(reason));
  const onAbort = () => target.abort(source.reason);
  source.addEventListener('abort', onAbort, { once: true });
  return () => source.removeEventListener('abort', onAbort);
}

/**
 * How to hand `handle` to a fetch: under {@link ABORT_HANDLE} to the client's own Node path
 * (`native`), which then needs no signal, or as a real signal to any other fetch.
 */
export function abortInit(
  handle: AbortHandle,
  native: boolean,
): { signal?: AbortSignal; [ABORT_HANDLE]?: AbortWatch } {
  return native ? { [ABORT_HANDLE]: handle } : { signal: handle.signal };
}

function abortError(): unknown {
  return new DOMException('This operation was aborted', 'AbortError');
}

function noop(): void {}
