import createError from '@fastify/error';

/*
 * The resource server's HTTP errors. Each carries the `WWW-Authenticate` challenge RFC 6750
 * asks for in `wwwAuthenticate`; the plugin's auth hook copies it onto the answer.
 */

/** 401: no token, or a token that did not validate. */
export const InvalidTokenError = createError(
  'MCP_SSE_INVALID_TOKEN',
  'Missing or invalid access token: get one from the authorization server named in the resource metadata (%s) and send it as "Authorization: Bearer <token>"',
  401,
);

/** 400: the Authorization header is not one RFC 6750 allows. */
export const InvalidAuthorizationHeaderError = createError(
  'MCP_SSE_INVALID_AUTHORIZATION',
  'Malformed Authorization header: send exactly "Bearer <token>" (one space, the token in RFC 6750 b64token characters)',
  400,
);

/** 403: the token lacks a scope the request needs (step-up). */
export const InsufficientScopeError = createError(
  'MCP_SSE_INSUFFICIENT_SCOPE',
  'The access token lacks scope %s: ask the authorization server for a token with scope "%s" and retry',
  403,
);

/** 503: the authorization server's metadata, JWKS or introspection endpoint cannot be reached. */
export const AuthServerUnavailableError = createError(
  'MCP_SSE_AUTH_SERVER_UNAVAILABLE',
  'Cannot check the access token: the authorization server %s is unreachable or answered badly (%s); retry later',
  503,
);

/** An error with the challenge to send. */
export interface WithChallenge {
  wwwAuthenticate?: string;
}

/** Attaches a `WWW-Authenticate` value to an error. */
export function withChallenge<E extends Error>(error: E, challenge: string): E & WithChallenge {
  return Object.assign(error, { wwwAuthenticate: challenge });
}
