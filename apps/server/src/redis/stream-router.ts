import type { RequestId } from '@mcp-sse/protocol';
import type { SendKind } from '../core/core-session.js';

/**
 * Where one message a held session's core sends is logged: a stream of the session, the
 * event's name in that stream's log, and the pending-hash field it answers ('' when it
 * answers nothing), which the event script drops in the same step.
 */
export interface StreamTarget {
  stream: string;
  name: string;
  answered: string;
}

/**
 * The one difference between the transports on the core side: how a session's outgoing
 * messages map to its streams. HTTP+SSE has one stream for everything; Streamable HTTP
 * routes each message to the stream of the request it belongs to. One router per held
 * session (it remembers that session's requests).
 */
export interface StreamRouter {
  /**
   * A request the holder runs (or, `pending`, one it found unanswered when it took the
   * session over), answered on `stream`, which carries `count` requests. `stream` is
   * undefined when the payload named none (HTTP+SSE).
   */
  track(requestId: RequestId, stream: string | undefined, count: number, pending: boolean): void;
  /** Where the core's message goes; undefined when nowhere (not a request of this session). */
  target(
    json: string,
    kind: SendKind | undefined,
    related: RequestId | undefined,
  ): StreamTarget | undefined;
  /** A request that will get no answer (cancelled): its stream owes one answer less. */
  forget(requestId: RequestId): void;
  /** The stream a request is answered on, when it has one of its own (SEP-1699 polling). */
  streamOf(requestId: RequestId): string | undefined;
}
