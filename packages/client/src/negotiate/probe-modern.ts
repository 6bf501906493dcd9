import {
  createSseDecoder,
  ErrorCode,
  type JSONRPCMessage,
  McpHeader,
  toJSONRPCMessage,
} from '@mcp-sse/protocol';
import { DEFAULT_CLIENT_INFO } from '../client-info.js';
import { McpSseClientError } from '../errors.js';
import { capabilitiesFor } from '../features/handlers.js';
import { readBodyPrefix } from '../http/bounded-body.js';
import { nodeHttpFetch } from '../http/node-http-fetch.js';
import type { McpSseClientOptions } from '../options.js';
import {
  isModernErrorCode,
  MODERN_PROTOCOL_VERSION,
  withModernMeta,
} from '../streamable/modern.js';
import { buildHeaders } from '../transport/headers.js';
import { DEFAULT_CONNECT_TIMEOUT } from '../transport/sse-transport.js';

/**
 * What a `server/discover` probe learned: `modern` (the server speaks 2026-07-28),
 * `legacy` (it answered, but as an earlier revision: try `initialize`), or `not-found`
 * (404 / 405 with no modern body: maybe an HTTP+SSE server, try its GET stream).
 */
export interface ProbeOutcome {
  era: 'modern' | 'legacy' | 'not-found';
  /** The HTTP status of the answer. */
  status: number;
  /** One line on what the server answered, for error messages. */
  summary: string;
  /** The `server/discover` result, when the probe got one: the client need not ask again. */
  discovered?: Record<string, unknown>;
}

/** Largest probe answer read. */
const MAX_PROBE_BYTES = 1024 * 1024;

/**
 * POSTs `server/discover` as a 2026-07-28 client would, and sorts the server by the
 * backward-compatibility rules of the transport text: a result listing 2026-07-28, or a
 * modern JSON-RPC error (-32020..-32022) in a 400, means a modern server; a 400 without one
 * means an earlier Streamable HTTP server; 404 / 405 without one, perhaps HTTP+SSE.
 * Credentials refused and an unreachable server reject at once (no fallback can help).
 */
export async function probeModern(
  url: string,
  options: McpSseClientOptions,
): Promise<ProbeOutcome> {
  const timeout = options.connectTimeout ?? DEFAULT_CONNECT_TIMEOUT;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeout);
  const onAbort = () => controller.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const fetchImpl = options.fetch ?? nodeHttpFetch;
  const id = 'probe-discover';
  const params = withModernMeta(undefined, {
    protocolVersion: MODERN_PROTOCOL_VERSION,
    clientInfo: options.clientInfo ?? DEFAULT_CLIENT_INFO,
    clientCapabilities: capabilitiesFor(options.handlers, options.capabilities) as Record<
      string,
      unknown
    >,
  });
  try {
    let response: Response;
    try {
      response = await fetchImpl(url, {
        method: 'POST',
        headers: {
          ...buildHeaders(options.headers, options.apiKey, options.apiKeyHeader),
          accept: 'application/json, text/event-stream',
          'content-type': 'application/json',
          [McpHeader.ProtocolVersion]: MODERN_PROTOCOL_VERSION,
          [McpHeader.Method]: 'server/discover',
        },
        body: JSON.stringify({ jsonrpc: '2.0', id, method: 'server/discover', params }),
        signal: controller.signal,
        redirect: 'manual',
      });
    } catch (cause) {
      if (options.signal?.aborted)
        throw new McpSseClientError('aborted', 'The client was aborted while connecting', {
          cause,
        });
      if (controller.signal.aborted) {
        throw new McpSseClientError(
          'connect_timeout',
          `Could not connect to ${url} within ${timeout} ms: the server did not answer. Check the URL and that the server is running.`,
          { cause },
        );
      }
      const code = (cause as { cause?: { code?: string } }).cause?.code;
      throw new McpSseClientError(
        'connect_failed',
        `Could not reach ${url} (${code ?? (cause as Error).message}). Check the URL and that the server is running.`,
        { cause },
      );
    }
    const { status } = response;
    if (status === 401 || status === 403) {
      await readBodyPrefix(response, 0);
      throw new McpSseClientError(
        'auth_failed',
        `The server refused the credentials (HTTP ${status} on POST ${url}). Check the API key (--api-key / MCP_API_KEY) and the header it is sent in.`,
        { status },
      );
    }
    const message = await readAnswer(response, controller.signal);
    const error =
      message && 'error' in message
        ? (message.error as { code?: unknown; data?: unknown })
        : undefined;
    if (error && isModernErrorCode(error.code)) {
      const supported = (error.data as { supported?: unknown } | undefined)?.supported;
      const modern =
        error.code !== ErrorCode.UnsupportedProtocolVersion ||
        (Array.isArray(supported) && supported.includes(MODERN_PROTOCOL_VERSION));
      return {
        era: modern ? 'modern' : 'legacy',
        status,
        summary: `server/discover got HTTP ${status} with error ${String(error.code)}${supported ? ` (supports ${JSON.stringify(supported)})` : ''}`,
      };
    }
    if (response.ok && message && 'result' in message) {
      const versions = (message.result as { supportedVersions?: unknown }).supportedVersions;
      if (Array.isArray(versions) && versions.includes(MODERN_PROTOCOL_VERSION)) {
        return {
          era: 'modern',
          status,
          summary: `server/discover lists ${JSON.stringify(versions)}`,
          discovered: message.result as Record<string, unknown>,
        };
      }
    }
    const summary = `server/discover got HTTP ${status}${error ? ` (JSON-RPC error ${String(error.code)})` : ''}`;
    if (status === 404 || status === 405) return { era: 'not-found', status, summary };
    return { era: 'legacy', status, summary };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/** The JSON-RPC message of a probe answer (JSON, or the first message of an SSE stream). */
async function readAnswer(
  response: Response,
  signal: AbortSignal,
): Promise<JSONRPCMessage | undefined> {
  const type = (response.headers.get('content-type') ?? '').toLowerCase();
  if (type.includes('text/event-stream') && response.body) {
    const reader = response.body.getReader();
    let found: JSONRPCMessage | undefined;
    const decoder = createSseDecoder((item) => {
      if (
        !found &&
        item.type === 'event' &&
        item.event.event === 'message' &&
        !('method' in item.event.data)
      ) {
        found = item.event.data;
      }
    });
    let read = 0;
    try {
      while (!found && read < MAX_PROBE_BYTES && !signal.aborted) {
        const { done, value } = await reader.read();
        if (done) break;
        read += value.length;
        decoder.feed(value);
      }
    } catch {
      // Broken or timed out: whatever was found is the answer.
    }
    reader.cancel().catch(() => undefined);
    return found;
  }
  const { bytes } = await readBodyPrefix(response, MAX_PROBE_BYTES);
  if (!type.includes('json')) return undefined;
  try {
    const parsed = toJSONRPCMessage(JSON.parse(new TextDecoder().decode(bytes)));
    return parsed.ok ? parsed.value : undefined;
  } catch {
    return undefined;
  }
}
