import type { Implementation, LoggingLevel } from '@mcp-sse/protocol';
import type { ClientRequests } from '../features/client-requests.js';

/** Who is calling: set by the `authenticate` hook or the API key that matched. */
export interface Principal {
  /** Stable identifier; sessions are bound to it. */
  id: string;
  /** Anything else the `authenticate` hook wants handlers to see. */
  [key: string]: unknown;
}

/** What a tool handler may know about the session it runs in. */
export interface SessionInfo {
  /** The session id. */
  readonly id: string;
  /** The client's name and version from `initialize`, once it has been received. */
  readonly clientInfo: Implementation | undefined;
  /** The negotiated protocol version, once `initialize` has been answered. */
  readonly protocolVersion: string | undefined;
  /** The authenticated principal, or undefined when the server runs without auth. */
  readonly principal: Principal | undefined;
}

/**
 * The second argument of every tool handler (and of resource reads, prompt gets). With
 * `elicit`, `sample` and `roots` it asks the client (see {@link ClientRequests}).
 */
export interface ToolContext extends ClientRequests {
  /** Aborted when the call is cancelled, times out, its client disconnects or the server stops. */
  readonly signal: AbortSignal;
  /** Sends `notifications/progress` when the caller asked for progress; a no-op otherwise. */
  progress(progress: number, total?: number, message?: string): void;
  /** Sends `notifications/message` when the session's log level lets `level` through. */
  log(level: LoggingLevel, data: unknown): void;
  /** The session the call belongs to. */
  readonly session: SessionInfo;
  /**
   * Ends the connection of the stream this call answers on, without ending the call
   * (Streamable HTTP, SEP-1699 polling): the client reconnects after the `retry` hint and
   * gets the answer on the resumed stream. False where there is no such stream (HTTP+SSE,
   * JSON answers, revisions before 2025-11-25). Optional: contexts of resource reads and
   * prompt gets have no stream of their own to close.
   */
  closeStream?(): boolean;
}
