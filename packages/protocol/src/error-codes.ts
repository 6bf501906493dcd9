/**
 * Numeric JSON-RPC error codes that travel on the wire.
 *
 * The first five are JSON-RPC 2.0's own; the rest are the codes MCP peers (the official
 * SDKs among them) use by convention. Local failures never use these: they have their own
 * string codes on each side.
 */
export const ErrorCode = {
  /** The message was not valid JSON. */
  ParseError: -32700,
  /** The JSON was not a valid JSON-RPC request. */
  InvalidRequest: -32600,
  /** The method does not exist or is not available. */
  MethodNotFound: -32601,
  /** The method exists but its params are invalid (also: unknown tool). */
  InvalidParams: -32602,
  /** The receiver failed while handling a valid request. */
  InternalError: -32603,
  /** The connection closed before the request was answered. */
  ConnectionClosed: -32000,
  /** The request was not answered in time. */
  RequestTimeout: -32001,
  /** A named resource does not exist. */
  ResourceNotFound: -32002,
} as const;

/** One of the {@link ErrorCode} values. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
