/** A JSON-RPC ping POSTed with `token`, as another program holding that token would send it. */
export function postWithToken(
  url: string,
  token: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      authorization: `Bearer ${token}`,
      ...headers,
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: 'other', method: 'ping' }),
  });
}
