import { McpSseClientError } from '../errors.js';
import { bodySnippet } from '../http/bounded-body.js';

/**
 * Maps a non-2xx HTTP answer to the error family: 401/403 are credentials, 404 on a POST
 * means the server no longer knows the session, anything else is reported with its status.
 */
export async function httpStatusError(
  response: Response,
  what: 'GET' | 'POST',
  url: string,
): Promise<McpSseClientError> {
  const { status } = response;
  const snippet = await bodySnippet(response);
  const body = snippet ? ` Server said: ${snippet}` : '';
  if (status === 401 || status === 403) {
    return new McpSseClientError(
      'auth_failed',
      `The server refused the credentials (HTTP ${status} on ${what} ${url}). ` +
        `Check the API key (--api-key / MCP_API_KEY) and the header it is sent in.${body}`,
      { status },
    );
  }
  if (what === 'POST' && status === 404) {
    return new McpSseClientError(
      'session_lost',
      `The server does not know this session any more (HTTP 404 on POST ${url}); ` +
        `it may have restarted. Connect again.${body}`,
      { status },
    );
  }
  // A Streamable HTTP endpoint refuses a plain GET with 405 (or 406 without its Accept pair).
  const hint =
    what === 'GET' && (status === 405 || status === 406)
      ? " It may be a Streamable HTTP endpoint: use transport 'streamable-http' (--transport streamable-http), or leave the transport unset to negotiate."
      : ' Check the URL points at an MCP endpoint (Streamable HTTP often /mcp, HTTP+SSE /sse).';
  return new McpSseClientError(
    'http_status',
    `The server answered HTTP ${status} to ${what} ${url}.${hint}${body}`,
    { status },
  );
}
