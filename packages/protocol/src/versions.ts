/** The newest MCP protocol revision this package speaks; what a client offers first. */
export const LATEST_PROTOCOL_VERSION = '2025-11-25';

/** Every MCP protocol revision this package can speak, newest first. */
export const SUPPORTED_PROTOCOL_VERSIONS = [
  LATEST_PROTOCOL_VERSION,
  '2025-06-18',
  '2025-03-26',
  '2024-11-05',
] as const;

/** One of {@link SUPPORTED_PROTOCOL_VERSIONS}. */
export type SupportedProtocolVersion = (typeof SUPPORTED_PROTOCOL_VERSIONS)[number];

/** Whether `version` is a protocol revision this package supports. */
export function isSupportedProtocolVersion(version: unknown): version is SupportedProtocolVersion {
  return (SUPPORTED_PROTOCOL_VERSIONS as readonly unknown[]).includes(version);
}

/**
 * The version a server answers `initialize` with: the client's own when supported,
 * otherwise the server's latest (the client then decides whether it can go on).
 */
export function negotiateProtocolVersion(requested: string): SupportedProtocolVersion {
  return isSupportedProtocolVersion(requested) ? requested : LATEST_PROTOCOL_VERSION;
}
