/** A session id no instance has issued. */
const UNKNOWN_SESSION = '00000000-0000-4000-8000-000000000000';

/**
 * POSTs a JSON-RPC `ping` to an instance for a session it cannot know: on the HTTP+SSE
 * messages path, or (`/mcp`) as a Streamable HTTP session's request.
 */
export function pingUnknownSession(origin: string, path = '/messages'): Promise<Response> {
  const streamable = path === '/mcp';
  return fetch(streamable ? `${origin}${path}` : `${origin}${path}?sessionId=${UNKNOWN_SESSION}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(streamable
        ? {
            accept: 'application/json, text/event-stream',
            'mcp-session-id': UNKNOWN_SESSION,
            'mcp-protocol-version': '2025-11-25',
          }
        : {}),
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
  });
}
