import { McpSseClientError } from '../errors.js';
import { bodySnippet } from '../http/bounded-body.js';

/** What was asked, for {@link streamableStatusError}. */
export interface StatusErrorContext {
  /** The request method (default POST). */
  method?: 'GET' | 'POST';
  /** A `Mcp-Session-Id` was sent: a 404 then means the server lost the session. */
  sessionSent?: boolean;
  /**
   * An earlier POST of the same request may have reached the lost session (it was being
   * sent again): the new session must not run it unless it is idempotent.
   */
  mayHaveRun?: boolean;
}

/**
 * Maps a non-2xx answer of a Streamable HTTP endpoint to the error family: 401/403 are
 * credentials, 404 with a session id is a lost session (the client starts a new one), the
 * rest is reported with its status and what to check.
 */
export async function streamableStatusError(
  response: Response,
  url: string,
  context: StatusErrorContext = {},
): Promise<McpSseClientError> {
  const { status } = response;
  const method = context.method ?? 'POST';
  const snippet = await bodySnippet(response);
  const body = snippet ? ` Server said: ${snippet}` : '';
  if (status === 401 || status === 403) {
    return new McpSseClientError(
      'auth_failed',
      `The server refused the credentials (HTTP ${status} on ${method} ${url}). ` +
        `Check the API key (--api-key / MCP_API_KEY) and the header it is sent in.${body}`,
      { status },
    );
  }
  if (status === 404 && context.sessionSent && method === 'POST') {
    return new McpSseClientError(
      'session_lost',
      `The server does not know our session any more (HTTP 404 on POST ${url}); it may have ` +
        `restarted or expired the session.${body}`,
      { status, ...(context.mayHaveRun ? { data: { mayHaveRun: true } } : {}) },
    );
  }
  const hint =
    status === 404 || status === 405
      ? ' Check the URL is the MCP endpoint of a Streamable HTTP server (often /mcp).'
      : status === 400
        ? ' The server refused the request as malformed; it may speak another protocol revision.'
        : '';
  return new McpSseClientError(
    'http_status',
    `The server answered HTTP ${status} to ${method} ${url}.${hint}${body}`,
    { status },
  );
}
