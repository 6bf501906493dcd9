import { applyAuth } from '../auth/apply-auth.js';
import type { Logger } from '../logger.js';
import type { McpSseClientOptions } from '../options.js';
import type { ReconnectOptions } from '../reconnect/reconnect-options.js';
import { StreamableHttpClientTransport } from '../streamable/streamable-transport.js';
import { buildHeaders } from '../transport/headers.js';
import { DEFAULT_CONNECT_TIMEOUT, SseClientTransport } from '../transport/sse-transport.js';
import type { Transport } from '../transport/transport.js';
import type { TransportKind } from './transport-kind.js';

/** Builds the transport of `kind` for `url` from the client's options. */
export function createTransport(
  kind: TransportKind,
  url: string | URL,
  given: McpSseClientOptions,
  logger: Logger,
  reconnect: ReconnectOptions | undefined,
): Transport {
  const options = applyAuth(url, given);
  const headers = buildHeaders(options.headers, options.apiKey, options.apiKeyHeader);
  if (kind === 'streamable-http') {
    return new StreamableHttpClientTransport(url, {
      headers,
      logger,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(reconnect ? { reconnect } : {}),
    });
  }
  return new SseClientTransport(url, {
    headers,
    connectTimeout: options.connectTimeout ?? DEFAULT_CONNECT_TIMEOUT,
    logger,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(reconnect ? { reconnect } : {}),
  });
}
