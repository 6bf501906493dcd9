/** A session id no instance has issued. */
const UNKNOWN_SESSION = '00000000-0000-4000-8000-000000000000';

/** POSTs a JSON-RPC `ping` to an instance for a session it cannot know. */
export function pingUnknownSession(origin: string): Promise<Response> {
  return fetch(`${origin}/messages?sessionId=${UNKNOWN_SESSION}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
  });
}
