/**
 * The HTTP transports this client speaks: `streamable-http` (MCP 2025-03-26 and later, one
 * endpoint, often `/mcp`) and `sse` (the deprecated HTTP+SSE of 2024-11-05, often `/sse`).
 */
export type TransportKind = 'streamable-http' | 'sse';

/** Whether `value` names a {@link TransportKind}. */
export function isTransportKind(value: unknown): value is TransportKind {
  return value === 'streamable-http' || value === 'sse';
}
