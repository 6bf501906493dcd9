import type { RequestId } from '@mcp-sse/protocol';
import type { SendKind } from '../core/core-session.js';
import type { RelayedKind } from '../streamable/relayed-stream.js';
import { requestKey } from '../streamable/response-stream.js';
import { STANDALONE_STREAM } from '../streamable/stream-event-id.js';
import type { StreamRouter, StreamTarget } from './stream-router.js';

/**
 * The {@link StreamRouter} of a Streamable HTTP session: each answer, notification and
 * server request goes to the stream of the request it belongs to (its POST's stream),
 * anything unrelated to the standalone GET stream. It counts the answers each stream
 * still owes, so that the last one is logged as `l` (the stream is complete).
 */
export class RequestStreamRouter implements StreamRouter {
  /** Request key → the stream that answers it. */
  readonly #routes = new Map<string, string>();
  /** Stream → answers it still owes (its last answer completes it). */
  readonly #remaining = new Map<string, number>();

  track(requestId: RequestId, stream: string | undefined, count: number, pending: boolean): void {
    if (stream === undefined) return;
    this.#routes.set(requestKey(requestId), stream);
    // Taken over: what a stream still owes is what is pending on it (the rest was answered).
    if (pending) this.#remaining.set(stream, (this.#remaining.get(stream) ?? 0) + 1);
    else if (!this.#remaining.has(stream)) this.#remaining.set(stream, count);
  }

  target(
    _json: string,
    kind: SendKind | undefined,
    related: RequestId | undefined,
  ): StreamTarget | undefined {
    const name: RelayedKind = kind === 'request' ? 'r' : 'n';
    if (related === undefined) return { stream: STANDALONE_STREAM, name, answered: '' };
    const key = requestKey(related);
    const stream = this.#routes.get(key);
    // Not a request of ours (never routed): nowhere to send it but a server request.
    if (stream === undefined) {
      return kind === 'request' ? { stream: STANDALONE_STREAM, name, answered: '' } : undefined;
    }
    if (kind !== undefined) return { stream, name, answered: '' };
    const left = this.#settle(key, stream);
    return { stream, name: left > 0 ? 'a' : 'l', answered: JSON.stringify(related) };
  }

  forget(requestId: RequestId): void {
    const key = requestKey(requestId);
    const stream = this.#routes.get(key);
    if (stream !== undefined) this.#settle(key, stream);
  }

  streamOf(requestId: RequestId): string | undefined {
    return this.#routes.get(requestKey(requestId));
  }

  /** One answer of `stream` given (or never to come); returns how many it still owes. */
  #settle(key: string, stream: string): number {
    this.#routes.delete(key);
    const left = (this.#remaining.get(stream) ?? 1) - 1;
    if (left > 0) this.#remaining.set(stream, left);
    else this.#remaining.delete(stream);
    return left;
  }
}
