import type { Progress } from '@mcp-sse/protocol';

/** Per-request options. */
export interface RequestOptions {
  /** Aborting sends `notifications/cancelled` and rejects with an `aborted` error. */
  signal?: AbortSignal;
  /** Ms to wait for the answer; defaults to the client's `requestTimeout`. */
  timeout?: number;
  /** Restart the timeout whenever progress arrives; defaults to the client's setting. */
  resetTimeoutOnProgress?: boolean;
  /** Hard cap in ms however much progress arrives; defaults to the client's setting. */
  maxTotalTimeout?: number;
  /**
   * The request is safe to run twice. When the session is lost after the server accepted
   * it, it is sent again on the new session instead of failing with `session_lost`.
   */
  idempotent?: boolean;
  /** Called with each `notifications/progress` for this request. */
  onProgress?: (progress: Progress) => void;
}

/** Session-wide defaults for {@link RequestOptions}. */
export interface SessionDefaults {
  /** Default request timeout in ms (60 000). */
  requestTimeout?: number;
  /** Default for resetting the timeout on progress (false). */
  resetTimeoutOnProgress?: boolean;
  /** Default hard cap in ms (none). */
  maxTotalTimeout?: number;
}

/** Default request timeout: 60 s, as the official SDKs. */
export const DEFAULT_REQUEST_TIMEOUT = 60_000;
