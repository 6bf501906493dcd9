import type { IntrospectionOptions, ResolvedOAuthOptions } from './oauth-options.js';
import { type OAuthPrincipal, principalOf } from './token-claims.js';

/**
 * Asks the authorization server about an opaque token (RFC 7662). The answer must say
 * `active`, name one of our audiences when it names one, our issuer when it names one, and not be
 * expired. Throws when the endpoint cannot be reached or answers badly.
 */
export async function introspect(
  token: string,
  settings: IntrospectionOptions & { endpoint: string },
  options: Pick<
    ResolvedOAuthOptions,
    'issuer' | 'audiences' | 'timeoutMs' | 'clockToleranceSeconds'
  >,
): Promise<OAuthPrincipal | undefined> {
  const basic = Buffer.from(
    `${encodeURIComponent(settings.clientId)}:${encodeURIComponent(settings.clientSecret)}`,
  ).toString('base64');
  const response = await fetch(settings.endpoint, {
    method: 'POST',
    headers: {
      authorization: `Basic ${basic}`,
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    },
    body: new URLSearchParams({ token, token_type_hint: 'access_token' }),
    signal: AbortSignal.timeout(options.timeoutMs),
    redirect: 'error',
  });
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(`introspection answered HTTP ${response.status}`);
  }
  const claims = (await response.json()) as Record<string, unknown>;
  if (typeof claims !== 'object' || claims === null || claims.active !== true) return undefined;
  if (claims.iss !== undefined && claims.iss !== options.issuer) return undefined;
  const aud = claims.aud;
  const audiences = typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud : undefined;
  if (audiences !== undefined && !audiences.some((a) => options.audiences.includes(a)))
    return undefined;
  const now = Math.floor(Date.now() / 1000);
  if (typeof claims.exp === 'number' && claims.exp + options.clockToleranceSeconds < now) {
    return undefined;
  }
  return principalOf(claims, options.issuer);
}
