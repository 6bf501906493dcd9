import type { CallOutcome, ResultCheck } from './session.js';

/** How the answers of a Streamable HTTP server came: `application/json` or an SSE stream. */
export interface AnswerCounts {
  json: number;
  sse: number;
}

/**
 * What the closed loop drives: one client's connection to a server, whatever the transport
 * (an HTTP+SSE session, a Streamable HTTP session, or a stateless client).
 */
export interface CallSession {
  /**
   * Sends one request; resolves when it is complete or failed, never rejects. With
   * `progress`, the request id doubles as its progress token.
   */
  call(
    method: string,
    params?: Record<string, unknown>,
    check?: ResultCheck,
    progress?: boolean,
  ): Promise<CallOutcome>;
  /** Calls still waiting for their answer. */
  readonly inFlight: number;
  /** Messages that matched no pending call (duplicates, unknown ids). */
  readonly unexpected: number;
  /** Streamable HTTP: how the answers came; undefined on HTTP+SSE. */
  readonly answers?: AnswerCounts;
  /** Ends the session's connections; calls still pending end as `stream_closed`. */
  close(): void;
}
