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
  /**
   * A named resource does not exist (2025-11-25 and earlier; 2026-07-28 answers -32602
   * instead and keeps this code reserved).
   */
  ResourceNotFound: -32002,
  /**
   * 2026-07-28: an HTTP header (`MCP-Protocol-Version`, `Mcp-Method`, `Mcp-Name`,
   * `Mcp-Param-*`) is missing or disagrees with the body. Sent with HTTP 400.
   */
  HeaderMismatch: -32020,
  /**
   * 2026-07-28: the request needs a client capability that its
   * `io.modelcontextprotocol/clientCapabilities` lacks; `data.requiredCapabilities` says which.
   */
  MissingRequiredClientCapability: -32021,
  /**
   * 2026-07-28: the server does not speak the request's protocol version; `data.supported`
   * lists the ones it does, `data.requested` echoes the one asked for. Sent with HTTP 400.
   */
  UnsupportedProtocolVersion: -32022,
  /** 2025-11-25 only: the request needs a URL-mode elicitation first (`data.elicitations`). */
  UrlElicitationRequired: -32042,
} as const;

/** One of the {@link ErrorCode} values. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
