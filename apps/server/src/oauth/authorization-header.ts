/** What the `Authorization` header of a request holds. */
export type AuthorizationHeader =
  | { kind: 'none' }
  | { kind: 'bearer'; token: string }
  | { kind: 'dpop'; token: string }
  | { kind: 'other' }
  | { kind: 'malformed' };

/** RFC 6750 section 2.1: `Bearer` 1*SP b64token. */
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;
/** RFC 9449 section 7.1: `DPoP` 1*SP b64token (a sender-constrained token). */
const DPOP = /^DPoP +([A-Za-z0-9\-._~+/]+=*)$/i;

/**
 * Reads the `Authorization` header: a Bearer or DPoP token, no header, another scheme (Basic...),
 * or a Bearer header that breaks RFC 6750 (answered 400 invalid_request).
 */
export function parseAuthorization(value: string | string[] | undefined): AuthorizationHeader {
  if (value === undefined || value === '') return { kind: 'none' };
  if (typeof value !== 'string') return { kind: 'malformed' };
  const match = BEARER.exec(value);
  if (match?.[1] !== undefined) return { kind: 'bearer', token: match[1] };
  const dpop = DPOP.exec(value);
  if (dpop?.[1] !== undefined) return { kind: 'dpop', token: dpop[1] };
  if (/^bearer(\s|$)/i.test(value)) return { kind: 'malformed' };
  return /^[A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*( |$)/.test(value)
    ? { kind: 'other' }
    : { kind: 'malformed' };
}

/** A compact JWS has three base64url parts; anything else is opaque. */
export function looksLikeJwt(token: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token);
}
