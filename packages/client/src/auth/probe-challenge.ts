import { type BearerChallenge, parseBearerChallenge } from './bearer-challenge.js';

/**
 * Sends one unauthenticated MCP request (`ping`) to learn the server's Bearer challenge, as a
 * first request would; undefined when it does not answer 401 with one or cannot be reached
 * (discovery then falls back to the well-known URLs).
 */
export async function probeChallenge(
  serverUrl: URL,
  fetchImpl: typeof fetch,
  signal?: AbortSignal,
): Promise<BearerChallenge | undefined> {
  try {
    const response = await fetchImpl(serverUrl, {
      method: 'POST',
      headers: {
        accept: 'application/json, text/event-stream',
        'content-type': 'application/json',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 'auth-probe', method: 'ping' }),
      redirect: 'manual',
      ...(signal ? { signal } : {}),
    });
    await response.body?.cancel().catch(() => {});
    if (response.status !== 401) return undefined;
    return parseBearerChallenge(response.headers.get('www-authenticate'));
  } catch {
    return undefined;
  }
}
