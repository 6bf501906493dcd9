import { McpAuthError } from './auth-error.js';
import type { AuthProvider } from './auth-provider.js';
import { parseBearerChallenge } from './bearer-challenge.js';

/** Step-ups tried for one request before its 403 is given back (default of {@link withAuth}). */
export const DEFAULT_MAX_STEP_UPS = 2;

/**
 * Wraps `fetch` so that every request to the MCP server carries `Authorization: Bearer` from
 * `provider`. A 401 runs the provider and retries once; a 403 `insufficient_scope` steps up
 * and retries, at most `maxStepUps` times. This is the one place requests get their token, for
 * both transports and the negotiation probe. When the provider cannot help, the refusal is
 * given back as it was and `lastError()` says why.
 */
export function withAuth(
  fetchImpl: typeof fetch,
  provider: AuthProvider,
  serverUrl: string | URL,
  maxStepUps: number = DEFAULT_MAX_STEP_UPS,
): typeof fetch & { lastError(): McpAuthError | undefined } {
  const server = new URL(serverUrl);
  let lastError: McpAuthError | undefined;
  const send = async (input: RequestInfo | URL, init: RequestInit | undefined) => {
    if (provider.send !== undefined) {
      const url = new URL(input instanceof Request ? input.url : input);
      const sent = await provider.send(server, url, init ?? {}, fetchImpl);
      if (sent !== undefined) return sent;
    }
    const token = await provider.token(server, init?.signal ?? undefined);
    const headers = new Headers(init?.headers);
    if (token !== undefined) headers.set('authorization', `Bearer ${token}`);
    return fetchImpl(input, { ...init, headers });
  };
  const wrapped = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    let response = await send(input, init);
    let stepUps = 0;
    let retried401 = false;
    for (;;) {
      const challenge = parseBearerChallenge(response.headers.get('www-authenticate'));
      const status = response.status;
      const stepUp = status === 403 && challenge?.error === 'insufficient_scope';
      if (status === 401 ? retried401 : !stepUp || stepUps >= maxStepUps) {
        if (stepUp) {
          lastError = new McpAuthError(
            'step_up_exhausted',
            `${server.href} still wants scope "${challenge?.scope ?? '?'}" after ${stepUps} step-up(s).`,
          );
        }
        return response;
      }
      if (status === 401) retried401 = true;
      else stepUps += 1;
      try {
        await provider.authorize(
          { status: status as 401 | 403, serverUrl: server, ...(challenge ? { challenge } : {}) },
          init?.signal ?? undefined,
        );
      } catch (error) {
        if (!McpAuthError.isInstance(error)) throw error;
        lastError = error;
        return response;
      }
      await response.body?.cancel().catch(() => {});
      response = await send(input, init);
    }
  };
  return Object.assign(wrapped as typeof fetch, { lastError: () => lastError });
}
