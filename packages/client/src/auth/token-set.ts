import type { TokenEndpointResponse } from 'oauth4webapi';

/** Tokens as stored (plain JSON), keyed by issuer and resource. */
export interface StoredTokens {
  /** The access token. */
  access_token: string;
  /** The refresh token, when one was issued. */
  refresh_token?: string;
  /** When the access token expires, ms since the epoch (unknown when absent). */
  expires_at?: number;
  /** The scope granted (or asked for, when the server did not say). */
  scope?: string;
  /** `dpop` for a sender-constrained token (RFC 9449); absent for a Bearer one. */
  token_type?: 'dpop';
}

/** The storage key of the tokens from `issuer` for `resource`. */
export function tokensKey(issuer: string, resource: string): string {
  return `tokens:${issuer} ${resource}`;
}

/** The storage key naming which issuer and resource protect the MCP server at `serverUrl`. */
export function serverKey(serverUrl: string): string {
  return `server:${serverUrl}`;
}

/** Converts a token endpoint response, keeping the refresh token we had if none came. */
export function toStoredTokens(
  response: TokenEndpointResponse,
  asked: string | undefined,
  previous?: StoredTokens,
  now: number = Date.now(),
): StoredTokens {
  const refresh = response.refresh_token ?? previous?.refresh_token;
  const scope = response.scope ?? asked;
  return {
    access_token: response.access_token,
    ...(refresh !== undefined ? { refresh_token: refresh } : {}),
    ...(typeof response.expires_in === 'number'
      ? { expires_at: now + response.expires_in * 1000 }
      : {}),
    ...(scope !== undefined ? { scope } : {}),
    ...(response.token_type === 'dpop' ? { token_type: 'dpop' as const } : {}),
  };
}

/** True when the token is expired or within `skewMs` of it. */
export function isExpired(
  tokens: StoredTokens,
  now: number = Date.now(),
  skewMs = 30_000,
): boolean {
  return tokens.expires_at !== undefined && tokens.expires_at - skewMs <= now;
}
