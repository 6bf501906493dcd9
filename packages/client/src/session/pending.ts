import type { JSONRPCRequest, Progress, RequestId } from '@mcp-sse/protocol';
import type { McpSseClientError } from '../errors.js';
import type { AbortHandle } from '../http/abort-handle.js';

/**
 * Where a request is on its way to the server: `queued` (not sent, or sent and certainly
 * not accepted: the POST failed before any answer, or got 404), `sending` (POST in
 * flight), `accepted` (the server said 2xx: it may have run).
 */
export type DeliveryState = 'queued' | 'sending' | 'accepted';

/** A request waiting for its response. */
export interface PendingRequest {
  id: RequestId;
  method: string;
  /** Epoch ms after which it times out. */
  deadline: number;
  /** Epoch ms it may never outlive, progress or not. */
  hardDeadline: number;
  /** Epoch ms it was sent. */
  startedAt: number;
  timeout: number;
  resetOnProgress: boolean;
  onProgress: ((progress: Progress) => void) | undefined;
  resolve: (result: Record<string, unknown>) => void;
  reject: (error: McpSseClientError) => void;
  /** The message as sent, for sending again. */
  message: JSONRPCRequest;
  state: DeliveryState;
  /** The session epoch its last POST went out in; a new session bumps the epoch. */
  epoch: number;
  /** How many times its POST failed before an answer (bounded resends). */
  failures: number;
  /** Epoch ms of its last failed POST: a barrier must start after it to tell anything. */
  failedAt: number;
  /**
   * A POST of it broke after it may have reached the server (a reset, not a refused
   * connection): the server may have run it, so another session must not run it again.
   */
  uncertain: boolean;
  /** Sent again on the same session after a failed POST: the server may hold two copies. */
  resentInSession: boolean;
  /** Safe to run twice: re-sent on a new session even if it may have run. */
  idempotent: boolean;
  /** False for a resend barrier's own ping: a failed POST rejects it at once. */
  recoverable: boolean;
  /** Part of re-initializing: goes out even while the session is paused, never re-sent. */
  urgent: boolean;
  /** The last progress value seen: replayed or stale progress never goes backwards. */
  lastProgress: number | undefined;
  /** Ends the POST that carries it, when the call ends first (timeout, abort). */
  post: AbortHandle | undefined;
  /** Detaches the abort listener. */
  cleanup: (() => void) | undefined;
}
