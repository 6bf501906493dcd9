import { McpSseClient } from '../client.js';
import { McpSseClientError } from '../errors.js';
import type { McpSseClientOptions } from '../options.js';
import { isModernProtocolVersion, MODERN_PROTOCOL_VERSION } from '../streamable/modern.js';
import { rememberDiscovery } from './prefetched-discovery.js';
import { probeModern } from './probe-modern.js';

/** Where the path hint of every "no MCP server here" message comes from. */
const PATH_HINT =
  'Streamable HTTP servers usually serve /mcp, HTTP+SSE servers /sse; pass the URL of the MCP endpoint itself.';

/**
 * Connects the way the specification's backward-compatibility rules say: `server/discover`
 * first (2026-07-28), then `initialize` over Streamable HTTP (2025), then the HTTP+SSE GET
 * stream (2024-11-05). `transport` and `protocolVersion` in the options pin one step. A
 * failure says what each step got, what the server seems to speak, and what to do.
 */
export async function negotiateConnect(
  url: string | URL,
  options: McpSseClientOptions,
): Promise<McpSseClient> {
  const target = String(url);
  const kind = typeof options.transport === 'string' ? options.transport : undefined;
  const version = options.protocolVersion;
  const modernPinned = isModernProtocolVersion(version);
  if (kind === 'sse') {
    if (modernPinned) {
      throw new McpSseClientError(
        'protocol_error',
        `protocolVersion ${version} has no HTTP+SSE binding: use transport 'streamable-http' (or leave it unset).`,
      );
    }
    return attempt(target, { ...options, transport: 'sse' }).catch((error: unknown) => {
      throw explainPinnedSse(error, target);
    });
  }
  const steps: string[] = [];
  let tryStreamable = true;
  if (version === undefined || modernPinned) {
    const probe = await probeModern(target, options);
    steps.push(probe.summary);
    if (probe.era === 'modern') {
      const modern: McpSseClientOptions = {
        ...options,
        transport: 'streamable-http',
        protocolVersion: MODERN_PROTOCOL_VERSION,
      };
      // The probe was a complete server/discover: the client takes its answer, not a second one.
      if (probe.discovered) rememberDiscovery(modern, probe.discovered);
      return attempt(target, modern);
    }
    if (modernPinned) {
      throw new McpSseClientError(
        'protocol_error',
        `${target} does not speak MCP ${MODERN_PROTOCOL_VERSION} (${probe.summary}). Leave protocolVersion unset to negotiate an earlier revision.`,
        { status: probe.status },
      );
    }
    // A 404/405 to a POST: not a Streamable HTTP endpoint; only HTTP+SSE is left to try.
    if (probe.era === 'not-found' && kind === undefined) tryStreamable = false;
  }
  let streamableError: McpSseClientError | undefined;
  if (tryStreamable) {
    try {
      return await attempt(target, { ...options, transport: 'streamable-http' });
    } catch (error) {
      const clientError = asError(error);
      if (kind === 'streamable-http' || !worthFallingBack(clientError)) throw clientError;
      streamableError = clientError;
      steps.push(`initialize (Streamable HTTP) failed: ${firstSentence(clientError.message)}`);
    }
  }
  try {
    return await attempt(target, { ...options, transport: 'sse' });
  } catch (error) {
    const clientError = asError(error);
    if (!worthFallingBack(clientError) && clientError.code !== 'connect_timeout') throw clientError;
    steps.push(`GET (HTTP+SSE) failed: ${firstSentence(clientError.message)}`);
    throw new McpSseClientError(
      clientError.code,
      `No MCP server answered at ${target}: ${steps.join('; ')}. ${PATH_HINT}`,
      {
        cause: streamableError ?? clientError,
        ...(clientError.status === undefined ? {} : { status: clientError.status }),
      },
    );
  }
}

async function attempt(url: string, options: McpSseClientOptions): Promise<McpSseClient> {
  const client = new McpSseClient(url, options);
  await client.connect();
  return client;
}

/** Errors that say "not this transport here", rather than "the server is down / refused us". */
function worthFallingBack(error: McpSseClientError): boolean {
  if (error.code === 'http_status') return true;
  if (error.code === 'session_lost' && error.status === 404) return true;
  // An answer that is neither JSON nor SSE (an HTML page), or the wrong content-type.
  return error.code === 'protocol_error' && error.rpcCode === undefined;
}

function explainPinnedSse(error: unknown, url: string): McpSseClientError {
  const clientError = asError(error);
  const status = clientError.status;
  if (
    clientError.code === 'http_status' &&
    status !== undefined &&
    [400, 404, 405, 406].includes(status)
  ) {
    return new McpSseClientError(
      'http_status',
      `${url} refused the HTTP+SSE GET (HTTP ${status}): it is not an HTTP+SSE endpoint. If it is a ` +
        "Streamable HTTP endpoint (often /mcp), use transport 'streamable-http' (--transport " +
        'streamable-http), or leave the transport unset to negotiate.',
      { status, cause: clientError },
    );
  }
  return clientError;
}

function asError(error: unknown): McpSseClientError {
  return McpSseClientError.isInstance(error)
    ? error
    : new McpSseClientError('connect_failed', String((error as Error)?.message ?? error), {
        cause: error,
      });
}

function firstSentence(message: string): string {
  const cut = message.indexOf('. ');
  return (cut === -1 ? message : message.slice(0, cut)).slice(0, 200);
}
