import createError from '@fastify/error';

/*
 * The HTTP errors of the Streamable HTTP routes, defined once. Their bodies are JSON-RPC
 * error responses (the error handler builds them, see `http/error-handler.ts`); `rpcCode`
 * is the JSON-RPC code each one carries.
 */

/** JSON-RPC codes of transport-level errors, as the official SDKs use them. */
export const TransportErrorCode = {
  /** Any other refusal of the transport. */
  BadRequest: -32000,
  /** The session is unknown or ended: initialise again. */
  SessionNotFound: -32001,
  InvalidRequest: -32600,
  ParseError: -32700,
} as const;

/** An error class made by `createError` with its JSON-RPC code attached. */
function withRpcCode<T extends object>(errorClass: T, rpcCode: number): T {
  Object.defineProperty((errorClass as { prototype: object }).prototype, 'rpcCode', {
    value: rpcCode,
  });
  return errorClass;
}

/** 406: the client does not accept the answer types it must. */
export const NotAcceptableError = withRpcCode(
  createError(
    'MCP_SSE_NOT_ACCEPTABLE',
    'Not Acceptable: send "Accept: %s" (the Streamable HTTP transport answers with either)',
    406,
  ),
  TransportErrorCode.BadRequest,
);

/** 400: a request after `initialize` without `Mcp-Session-Id`. */
export const MissingMcpSessionIdError = withRpcCode(
  createError(
    'MCP_SSE_MISSING_SESSION_ID',
    'Missing Mcp-Session-Id header: send the id from the initialize response on every request, or POST initialize first',
    400,
  ),
  TransportErrorCode.BadRequest,
);

/** 404: unknown or ended session; the client must initialise again. */
export const McpSessionNotFoundError = withRpcCode(
  createError(
    'MCP_SSE_SESSION_NOT_FOUND',
    'Session not found: %s was ended or never existed; POST a new initialize without Mcp-Session-Id',
    404,
  ),
  TransportErrorCode.SessionNotFound,
);

/** 400: an `MCP-Protocol-Version` the server does not speak. */
export const UnsupportedProtocolVersionHeaderError = withRpcCode(
  createError(
    'MCP_SSE_UNSUPPORTED_PROTOCOL_VERSION',
    'Unsupported MCP-Protocol-Version %s: send the version negotiated by initialize (supported: %s)',
    400,
  ),
  TransportErrorCode.BadRequest,
);

/** 400: the body is not a JSON-RPC message or batch the session may send. */
export const InvalidMessageError = withRpcCode(
  createError('MCP_SSE_INVALID_BODY', '%s', 400),
  TransportErrorCode.InvalidRequest,
);

/** 405: the method is not served on the MCP endpoint. */
export const MethodNotAllowedError = withRpcCode(
  createError('MCP_SSE_METHOD_NOT_ALLOWED', 'Method Not Allowed: %s', 405),
  TransportErrorCode.BadRequest,
);

/**
 * 409: a plain GET while the session's standalone stream is open (the official SDKs answer
 * the same). A GET with that stream's `Last-Event-ID` is a resume and takes it over.
 */
export const StreamConflictError = withRpcCode(
  createError(
    'MCP_SSE_STREAM_CONFLICT',
    'Conflict: only one standalone SSE stream is allowed per session, and this session has one open: close it first, or resume it with Last-Event-ID',
    409,
  ),
  TransportErrorCode.BadRequest,
);

/** 400: a `Last-Event-ID` that names no stream of the session (any more). */
export const UnknownEventIdError = withRpcCode(
  createError(
    'MCP_SSE_UNKNOWN_EVENT_ID',
    'Last-Event-ID %s names no stream of this session that can still be resumed: send a new request',
    400,
  ),
  TransportErrorCode.BadRequest,
);
