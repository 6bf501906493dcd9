import * as oauth from 'oauth4webapi';
import { McpAuthError } from './auth-error.js';
import { httpOptions } from './http-options.js';

/**
 * Fetches the authorization server's metadata: RFC 8414 (path-aware), then OpenID Connect
 * Discovery. oauth4webapi checks that the `issuer` it names is exactly the one asked for.
 */
export async function discoverAuthorizationServer(
  issuer: string,
  fetchImpl: typeof fetch,
  signal?: AbortSignal,
): Promise<oauth.AuthorizationServer> {
  const url = new URL(issuer);
  const failures: string[] = [];
  for (const algorithm of ['oauth2', 'oidc'] as const) {
    try {
      const response = await oauth.discoveryRequest(url, {
        algorithm,
        ...httpOptions(fetchImpl, url, signal),
      });
      if (!response.ok) {
        await response.body?.cancel();
        failures.push(`${algorithm === 'oauth2' ? 'RFC 8414' : 'OpenID'}: ${response.status}`);
        continue;
      }
      return await oauth.processDiscoveryResponse(url, response);
    } catch (cause) {
      if (signal?.aborted) throw cause;
      failures.push(
        `${algorithm === 'oauth2' ? 'RFC 8414' : 'OpenID'}: ${(cause as Error).message}`,
      );
    }
  }
  throw new McpAuthError(
    'discovery_failed',
    `No usable authorization server metadata for ${issuer} (${failures.join('; ')})`,
  );
}

/** Refuses an authorization server that does not advertise PKCE with S256. */
export function requirePkce(as: oauth.AuthorizationServer): void {
  if (!as.code_challenge_methods_supported?.includes('S256')) {
    throw new McpAuthError(
      'pkce_unsupported',
      `The authorization server ${as.issuer} does not advertise PKCE with S256 ` +
        '(code_challenge_methods_supported), so the authorization code flow is refused.',
    );
  }
}
