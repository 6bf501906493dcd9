/**
 * The stateless revision (2026-07-28): no `initialize`, every request carries its version,
 * capabilities and identity in `_meta`. Kept local until `@mcp-sse/protocol` exports the
 * same names for the client.
 */
export const MODERN_PROTOCOL_VERSION = '2026-07-28';

/** Request `_meta` keys of the stateless revision. */
export const MODERN_META = {
  protocolVersion: 'io.modelcontextprotocol/protocolVersion',
  clientCapabilities: 'io.modelcontextprotocol/clientCapabilities',
  clientInfo: 'io.modelcontextprotocol/clientInfo',
  serverInfo: 'io.modelcontextprotocol/serverInfo',
  logLevel: 'io.modelcontextprotocol/logLevel',
} as const;

/** JSON-RPC error codes that only a 2026-07-28 (or later) server sends. */
export const MODERN_ERROR = {
  headerMismatch: -32020,
  missingClientCapability: -32021,
  unsupportedProtocolVersion: -32022,
} as const;

/** Whether `code` is one of the errors that identify a modern server. */
export function isModernErrorCode(code: unknown): boolean {
  return (
    code === MODERN_ERROR.headerMismatch ||
    code === MODERN_ERROR.missingClientCapability ||
    code === MODERN_ERROR.unsupportedProtocolVersion
  );
}

/** Whether `version` is a stateless revision this client speaks. */
export function isModernProtocolVersion(version: unknown): boolean {
  return version === MODERN_PROTOCOL_VERSION;
}

/** What a modern request declares about the client in `_meta`. */
export interface ModernIdentity {
  protocolVersion: string;
  clientInfo: { name: string; version: string; [key: string]: unknown };
  clientCapabilities: Record<string, unknown>;
  /**
   * The least severe log level the server should send on each request's stream: 2026-07-28
   * removed `logging/setLevel`, so the level travels in every request's `_meta`.
   */
  logLevel?: string | undefined;
}

/** `params` with the modern `_meta` fields added (the caller's own `_meta` kept). */
export function withModernMeta(
  params: Record<string, unknown> | undefined,
  identity: ModernIdentity,
): Record<string, unknown> {
  const meta = (params?._meta ?? {}) as Record<string, unknown>;
  return {
    ...params,
    _meta: {
      ...meta,
      [MODERN_META.protocolVersion]: identity.protocolVersion,
      [MODERN_META.clientCapabilities]: identity.clientCapabilities,
      [MODERN_META.clientInfo]: identity.clientInfo,
      ...(identity.logLevel === undefined ? {} : { [MODERN_META.logLevel]: identity.logLevel }),
    },
  };
}
