import type { McpSseClient } from '../client.js';
import { DEFAULT_CLIENT_INFO } from '../client-info.js';
import { connect } from '../connect.js';
import type { McpSseClientOptions } from '../options.js';
import { cliAuthProvider } from './auth/cli-auth.js';
import type { ConnectionConfig } from './config.js';
import type { CliIO } from './io.js';
import { cliHandlers } from './server-requests/cli-handlers.js';
import { wireLoggingFetch } from './wire-log.js';

/**
 * Connects for a CLI command. Ctrl-C aborts the connection while it is being made; after
 * that it is left to each call's own signal, so that a call is cancelled (the server told)
 * rather than the client torn down under it.
 */
export async function openClient(
  config: ConnectionConfig,
  io: CliIO,
  extra: McpSseClientOptions = {},
): Promise<McpSseClient> {
  const connecting = new AbortController();
  const onInterrupt = () => connecting.abort(io.interrupt.reason);
  if (io.interrupt.aborted) onInterrupt();
  io.interrupt.addEventListener('abort', onInterrupt, { once: true });
  try {
    const client = await connect(config.url, {
      apiKey: config.apiKey,
      apiKeyHeader: config.apiKeyHeader,
      connectTimeout: config.connectTimeout,
      headers: config.headers,
      ...(config.transport ? { transport: config.transport } : {}),
      ...(config.protocolVersion ? { protocolVersion: config.protocolVersion } : {}),
      clientInfo: { ...DEFAULT_CLIENT_INFO, name: 'mcp-sse-cli' },
      // Elicitation, sampling and roots, answered from the terminal whatever the command.
      handlers: cliHandlers(io, config.roots ?? []),
      ...(config.verbose ? { fetch: wireLoggingFetch(io) } : {}),
      signal: connecting.signal,
      // OAuth (stored by `mcp-sse login`) unless an API key is given.
      ...(config.apiKey === undefined ? { auth: await cliAuthProvider(config.url, io) } : {}),
      ...extra,
    });
    return client;
  } finally {
    io.interrupt.removeEventListener('abort', onInterrupt);
  }
}
