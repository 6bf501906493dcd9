/** The MCP protocol revisions by name, oldest first. */
export const ProtocolVersion = {
  /** HTTP+SSE transport, `initialize`, tools, resources, prompts, sampling, roots. */
  V2024_11_05: '2024-11-05',
  /** Streamable HTTP, batching, tool annotations, audio content, completions. */
  V2025_03_26: '2025-03-26',
  /** Structured tool output, elicitation, resource links, titles, `MCP-Protocol-Version`. */
  V2025_06_18: '2025-06-18',
  /** Icons, URL elicitation, sampling with tools, experimental tasks, priming events. */
  V2025_11_25: '2025-11-25',
  /** Stateless: no `initialize` or sessions, `server/discover`, `_meta` per request. */
  V2026_07_28: '2026-07-28',
} as const;
/** One of the {@link ProtocolVersion} values. */
export type ProtocolVersion = (typeof ProtocolVersion)[keyof typeof ProtocolVersion];

/**
 * The newest session-based MCP protocol revision (the newest one that `initialize`
 * negotiates); what a client offers first in `initialize`.
 */
export const LATEST_PROTOCOL_VERSION = ProtocolVersion.V2025_11_25;

/**
 * Every revision that `initialize` can negotiate, newest first. 2026-07-28 is not among
 * them: it has no `initialize` (see {@link STATELESS_PROTOCOL_VERSIONS}).
 */
export const SUPPORTED_PROTOCOL_VERSIONS = [
  LATEST_PROTOCOL_VERSION,
  ProtocolVersion.V2025_06_18,
  ProtocolVersion.V2025_03_26,
  ProtocolVersion.V2024_11_05,
] as const;

/** One of {@link SUPPORTED_PROTOCOL_VERSIONS}. */
export type SupportedProtocolVersion = (typeof SUPPORTED_PROTOCOL_VERSIONS)[number];

/** The stateless revisions (each request carries its version in `_meta`), newest first. */
export const STATELESS_PROTOCOL_VERSIONS = [ProtocolVersion.V2026_07_28] as const;

/** One of {@link STATELESS_PROTOCOL_VERSIONS}. */
export type StatelessProtocolVersion = (typeof STATELESS_PROTOCOL_VERSIONS)[number];

/** Every revision this package has schemas for, newest first. */
export const ALL_PROTOCOL_VERSIONS = [
  ...STATELESS_PROTOCOL_VERSIONS,
  ...SUPPORTED_PROTOCOL_VERSIONS,
] as const;

/** Whether `version` is a protocol revision that `initialize` can negotiate. */
export function isSupportedProtocolVersion(version: unknown): version is SupportedProtocolVersion {
  return (SUPPORTED_PROTOCOL_VERSIONS as readonly unknown[]).includes(version);
}

/** Whether `version` is a stateless revision (2026-07-28 and later ones this package knows). */
export function isStatelessProtocolVersion(version: unknown): version is StatelessProtocolVersion {
  return (STATELESS_PROTOCOL_VERSIONS as readonly unknown[]).includes(version);
}

/** Whether `version` is any revision this package knows. */
export function isKnownProtocolVersion(version: unknown): version is ProtocolVersion {
  return (ALL_PROTOCOL_VERSIONS as readonly unknown[]).includes(version);
}

/**
 * The version a server answers `initialize` with: the client's own when supported,
 * otherwise the server's latest (the client then decides whether it can go on).
 */
export function negotiateProtocolVersion(requested: string): SupportedProtocolVersion {
  return isSupportedProtocolVersion(requested) ? requested : LATEST_PROTOCOL_VERSION;
}
