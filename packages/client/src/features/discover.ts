import { ErrorCode, type InitializeResult, MetaKey } from '@mcp-sse/protocol';
import { McpSseClientError } from '../errors.js';
import type { RequestOptions } from '../session/request-options.js';

type Send = (
  method: string,
  params: Record<string, unknown> | undefined,
  options: RequestOptions,
) => Promise<Record<string, unknown>>;

/**
 * Calls `server/discover` (2026-07-28) and reads it as what `initialize` used to tell:
 * the server's identity (from `_meta`), capabilities and instructions. Rejects when the
 * server does not support `protocolVersion`, naming the versions it does.
 */
export async function discoverServer(
  send: Send,
  protocolVersion: string,
  timeout: number,
): Promise<InitializeResult> {
  let raw: Record<string, unknown>;
  try {
    raw = await send('server/discover', undefined, { timeout, idempotent: true });
  } catch (error) {
    if (
      McpSseClientError.isInstance(error) &&
      error.rpcCode === ErrorCode.UnsupportedProtocolVersion
    ) {
      const supported = (error.data as { supported?: unknown } | undefined)?.supported;
      throw new McpSseClientError(
        'protocol_error',
        `The server does not speak ${protocolVersion}; it supports ${JSON.stringify(supported ?? [])}. ` +
          'Leave protocolVersion unset to negotiate, or pin one it supports.',
        { data: error.data, cause: error },
      );
    }
    throw error;
  }
  const supported = Array.isArray(raw.supportedVersions) ? raw.supportedVersions : [];
  if (!supported.includes(protocolVersion)) {
    throw new McpSseClientError(
      'protocol_error',
      `server/discover lists ${JSON.stringify(supported)}, not ${protocolVersion}. ` +
        'Leave protocolVersion unset to negotiate, or pin one it supports.',
      { data: raw },
    );
  }
  const meta = (raw._meta ?? {}) as Record<string, unknown>;
  const serverInfo = (meta[MetaKey.ServerInfo] as InitializeResult['serverInfo'] | undefined) ?? {
    name: 'unknown',
    version: 'unknown',
  };
  return {
    protocolVersion,
    capabilities: (raw.capabilities ?? {}) as InitializeResult['capabilities'],
    serverInfo,
    ...(typeof raw.instructions === 'string' ? { instructions: raw.instructions } : {}),
  } as InitializeResult;
}
