import {
  type ClientCapabilities,
  type Implementation,
  InitializeRequestSchema,
  isSupportedProtocolVersion,
  LATEST_PROTOCOL_VERSION,
  type ParseResult,
  parseWith,
} from '@mcp-sse/protocol';
import type { McpSseClient } from '../client.js';

/** Who the proxy says it is to the remote server: the host, as the host said it. */
export interface RemoteIdentity {
  /** The revision offered to the remote in `initialize`. */
  protocolVersion: string;
  /** The host's capabilities, declared to the remote unchanged. */
  capabilities: ClientCapabilities;
  /** The host's name and version, so the remote's logs name the real client. */
  clientInfo: Implementation;
}

/**
 * Maps the host's `initialize` to the remote one. The host's revision is offered when this
 * client speaks it (else the newest it does), so the remote negotiates with what the host
 * asked and the host gets an answer it can read; `pinned` (`--protocol-version`) wins. The
 * host's capabilities are declared as they are, so every request the remote sends
 * (sampling, elicitation, roots) is one the host said it answers.
 */
export function remoteIdentity(
  params: unknown,
  pinned: string | undefined,
): ParseResult<RemoteIdentity> {
  const parsed = parseWith(
    InitializeRequestSchema,
    { method: 'initialize', params },
    'initialize request',
  );
  if (!parsed.ok) return parsed;
  const { protocolVersion, capabilities, clientInfo } = parsed.value.params;
  const offered = isSupportedProtocolVersion(protocolVersion)
    ? protocolVersion
    : LATEST_PROTOCOL_VERSION;
  return { ok: true, value: { protocolVersion: pinned ?? offered, capabilities, clientInfo } };
}

/**
 * The host's `initialize` result: the remote's own, as negotiated (revision, capabilities,
 * server info, instructions), so the host sees the server it is talking to.
 */
export function hostInitializeResult(client: McpSseClient): Record<string, unknown> {
  return {
    protocolVersion: client.protocolVersion,
    capabilities: client.serverCapabilities ?? {},
    serverInfo: client.serverInfo,
    ...(client.instructions === undefined ? {} : { instructions: client.instructions }),
  };
}
