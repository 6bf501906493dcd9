import { ErrorCode, MetaKey, ProtocolVersion } from '@mcp-sse/protocol';

/**
 * The stateless revision (2026-07-28): no `initialize`, every request carries its version,
 * capabilities and identity in `_meta`.
 */
export const MODERN_PROTOCOL_VERSION = ProtocolVersion.V2026_07_28;

/** Whether `code` is one of the errors that identify a modern (2026-07-28 or later) server. */
export function isModernErrorCode(code: unknown): boolean {
  return (
    code === ErrorCode.HeaderMismatch ||
    code === ErrorCode.MissingRequiredClientCapability ||
    code === ErrorCode.UnsupportedProtocolVersion
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
      [MetaKey.ProtocolVersion]: identity.protocolVersion,
      [MetaKey.ClientCapabilities]: identity.clientCapabilities,
      [MetaKey.ClientInfo]: identity.clientInfo,
      ...(identity.logLevel === undefined ? {} : { [MetaKey.LogLevel]: identity.logLevel }),
    },
  };
}
