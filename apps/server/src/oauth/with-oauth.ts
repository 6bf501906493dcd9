import type { Authenticate } from '../http/auth.js';
import type { OAuthResourceServer } from './oauth-resource-server.js';

/**
 * An {@link Authenticate} that tries `fallback` (API keys, a custom hook) first, then the
 * request's Bearer token as an OAuth access token: both kinds of credentials work side by side.
 */
export function withOAuth(server: OAuthResourceServer, fallback?: Authenticate): Authenticate {
  return async (request) => {
    if (fallback !== undefined) {
      const principal = await fallback(request);
      if (principal !== null && principal !== undefined) return principal;
    }
    return server.authenticate(request);
  };
}
