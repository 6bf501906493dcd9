import {
  connect,
  type McpSseClient,
  type McpSseClientOptions,
  MODERN_PROTOCOL_VERSION,
  type TransportKind,
} from '@mcp-sse/client';

/** One way a client reaches a server: the transport it is pinned to, and where. */
export interface TransportCase {
  /** Shown in test names and printed figures. */
  name: string;
  /** Pinned in the client's `transport` option, so no test depends on negotiation. */
  transport: TransportKind;
  /** The server's endpoint for it. */
  path: string;
  /** Pinned in `protocolVersion`: a 2025 revision (sessions) or 2026-07-28 (stateless). */
  protocolVersion?: string;
}

/** The legacy HTTP+SSE transport of 2024-11-05: a GET stream plus POSTs to `/messages`. */
export const HTTP_SSE: TransportCase = { name: 'HTTP+SSE', transport: 'sse', path: '/sse' };

/** Streamable HTTP with a 2025 session (`Mcp-Session-Id`, `initialize`). */
export const STREAMABLE_HTTP: TransportCase = {
  name: 'Streamable HTTP',
  transport: 'streamable-http',
  path: '/mcp',
  protocolVersion: '2025-11-25',
};

/** Streamable HTTP in the stateless 2026-07-28 revision: no session, no resumption. */
export const STATELESS_HTTP: TransportCase = {
  name: 'Streamable HTTP 2026-07-28',
  transport: 'streamable-http',
  path: '/mcp',
  protocolVersion: MODERN_PROTOCOL_VERSION,
};

/** The transports a test that holds for both session transports runs over. */
export const SESSION_TRANSPORTS: readonly TransportCase[] = [HTTP_SSE, STREAMABLE_HTTP];

/** Connects to `origin` over `over`, pinned (transport and protocol version). */
export function connectOver(
  over: TransportCase,
  origin: string,
  options: McpSseClientOptions = {},
): Promise<McpSseClient> {
  return connect(`${origin}${over.path}`, {
    ...options,
    transport: over.transport,
    ...(over.protocolVersion === undefined ? {} : { protocolVersion: over.protocolVersion }),
  });
}
