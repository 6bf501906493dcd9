/** What went wrong, as a stable string a caller can switch on. */
export type McpSseClientErrorCode =
  /** No `endpoint` event (or no HTTP answer) arrived within `connectTimeout`. */
  | 'connect_timeout'
  /** The server could not be reached at all (refused, DNS, TLS, reset). */
  | 'connect_failed'
  /** The server answered with an unexpected HTTP status (see `status`). */
  | 'http_status'
  /** The server refused the credentials (HTTP 401 or 403). */
  | 'auth_failed'
  /**
   * The server redirected to another origin (or in a way that would drop the message):
   * not followed, so credentials never leave the origin given (see `data.to`).
   */
  | 'redirect_refused'
  /** The server ended the stream or forgot the session. */
  | 'session_lost'
  /** A request was not answered within its timeout. */
  | 'request_timeout'
  /** The caller aborted (signal or Ctrl-C); the server was told to cancel. */
  | 'aborted'
  /** The server sent something this client cannot read or accept. */
  | 'protocol_error'
  /** The server answered with a JSON-RPC error (see `rpcCode`, `data`). */
  | 'server_error'
  /** The client was closed before the operation finished. */
  | 'closed';

const BRAND = Symbol.for('@mcp-sse/client/McpSseClientError');

/** Extra facts attached to a {@link McpSseClientError}. */
export interface McpSseClientErrorDetails {
  /** HTTP status, for `http_status`, `auth_failed` and `session_lost` from a POST. */
  status?: number;
  /** JSON-RPC error code, for `server_error`. */
  rpcCode?: number;
  /** JSON-RPC error data, for `server_error`. */
  data?: unknown;
  /** The underlying error. */
  cause?: unknown;
}

/**
 * The one error family of `@mcp-sse/client`. Every failure the client reports (a rejected
 * promise or an `error` event) is one of these, with a `code` to switch on and a message
 * that says what happened and what to check.
 */
export class McpSseClientError extends Error {
  /** Machine-readable reason. */
  readonly code: McpSseClientErrorCode;
  /** HTTP status, when an HTTP answer caused the error. */
  readonly status: number | undefined;
  /** JSON-RPC error code, for `server_error`. */
  readonly rpcCode: number | undefined;
  /** JSON-RPC error data, for `server_error`. */
  readonly data: unknown;
  readonly [BRAND] = true;

  constructor(
    code: McpSseClientErrorCode,
    message: string,
    details: McpSseClientErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'McpSseClientError';
    this.code = code;
    this.status = details.status;
    this.rpcCode = details.rpcCode;
    this.data = details.data;
  }

  /** True for a McpSseClientError from any copy of this package (instanceof fails across copies). */
  static isInstance(value: unknown): value is McpSseClientError {
    return typeof value === 'object' && value !== null && BRAND in value;
  }
}

/** Wraps anything thrown into the family, keeping a McpSseClientError as it is. */
export function toClientError(
  value: unknown,
  code: McpSseClientErrorCode,
  message: string,
): McpSseClientError {
  if (McpSseClientError.isInstance(value)) return value;
  const reason = value instanceof Error ? value.message : String(value);
  return new McpSseClientError(code, `${message}: ${reason}`, { cause: value });
}
