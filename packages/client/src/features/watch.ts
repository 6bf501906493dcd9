import { McpSseClientError } from '../errors.js';
import type { Caller } from './pages.js';

/** What to be told about (the `notifications` filter of `subscriptions/listen`). */
export interface WatchFilter {
  toolsListChanged?: boolean;
  promptsListChanged?: boolean;
  resourcesListChanged?: boolean;
  /** Resource URIs whose `notifications/resources/updated` are wanted. */
  resourceSubscriptions?: string[];
}

/** A running watch; its notifications arrive as the client's events. */
export interface Watch {
  /** What the server agreed to send (its acknowledgment; the filter itself before 2026-07-28). */
  readonly acknowledged: Promise<WatchFilter>;
  /** Resolves when the watch ended: closed, the client closed, or the server ended it. */
  readonly ended: Promise<void>;
  /** Stops watching (closes the stream, or unsubscribes the resources). */
  close(): Promise<void>;
}

/** What a watch needs from its client. */
export interface WatchDeps {
  /** The stateless revision: `subscriptions/listen`; else `resources/subscribe`. */
  modern: boolean;
  call: Caller;
  /** Registers a one-shot listener for the next `notifications/subscriptions/acknowledged`. */
  onAcknowledged(listener: (filter: WatchFilter) => void): () => void;
  /** Whether the client is still usable. */
  isOpen(): boolean;
  /** A failure no promise reports (the stream could not be reopened). */
  onError(error: McpSseClientError): void;
}

/** A listen stream may stay open for days: no request timeout (the largest timer delay). */
const LISTEN_TIMEOUT = 2 ** 31 - 1;
/** Reopening a broken listen stream: at most this many tries in a row, backing off. */
const MAX_RELISTENS = 10;

/**
 * Starts watching. 2026-07-28: a `subscriptions/listen` request whose response stream
 * carries the notifications; when it breaks it is opened again with backoff (bounded), and
 * a completion result from the server ends the watch. Earlier revisions: list changes come
 * by themselves, and each URI is subscribed with `resources/subscribe`.
 */
export function startWatch(deps: WatchDeps, filter: WatchFilter, signal?: AbortSignal): Watch {
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  let acknowledge: (filter: WatchFilter) => void = () => {};
  let refuse: (error: unknown) => void = () => {};
  const acknowledged = new Promise<WatchFilter>((resolve, reject) => {
    acknowledge = resolve;
    refuse = reject;
  });
  // Nobody may await it (a legacy watch, a close before the answer).
  acknowledged.catch(() => undefined);
  const uris = filter.resourceSubscriptions ?? [];
  const ended = (
    deps.modern
      ? listen(deps, filter, controller.signal, acknowledge)
      : subscribe(deps, uris, acknowledge, filter)
  )
    .catch((error: unknown) => {
      refuse(error);
      if (!controller.signal.aborted && deps.isOpen() && McpSseClientError.isInstance(error))
        deps.onError(error);
    })
    .finally(() => signal?.removeEventListener('abort', onAbort));
  return {
    acknowledged,
    ended: deps.modern
      ? ended
      : new Promise<void>((resolve) =>
          controller.signal.addEventListener('abort', () => resolve(), { once: true }),
        ),
    async close() {
      controller.abort();
      refuse(
        new McpSseClientError('closed', 'The watch was closed before the server acknowledged it.'),
      );
      if (!deps.modern && deps.isOpen()) {
        await Promise.allSettled(
          uris.map((uri) => deps.call('resources/unsubscribe', { uri }, { idempotent: true })),
        );
      }
      await ended;
    },
  };
}

async function listen(
  deps: WatchDeps,
  filter: WatchFilter,
  signal: AbortSignal,
  acknowledge: (filter: WatchFilter) => void,
): Promise<void> {
  for (let failures = 0; ; ) {
    if (signal.aborted || !deps.isOpen()) return;
    const detach = deps.onAcknowledged((agreed) => {
      failures = 0;
      acknowledge(agreed);
    });
    try {
      // A result is the server ending the subscription on purpose.
      await deps.call(
        'subscriptions/listen',
        { notifications: filter },
        { signal, timeout: LISTEN_TIMEOUT },
      );
      return;
    } catch (error) {
      if (signal.aborted || !deps.isOpen()) return;
      const broken = McpSseClientError.isInstance(error) && error.code === 'session_lost';
      if (!broken || ++failures > MAX_RELISTENS) throw error;
    } finally {
      detach();
    }
    await sleep(Math.min(30_000, 250 * 2 ** failures), signal);
  }
}

async function subscribe(
  deps: WatchDeps,
  uris: readonly string[],
  acknowledge: (filter: WatchFilter) => void,
  filter: WatchFilter,
): Promise<void> {
  for (const uri of uris) await deps.call('resources/subscribe', { uri }, { idempotent: true });
  acknowledge(filter);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
