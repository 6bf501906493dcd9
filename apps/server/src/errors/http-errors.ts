import createError from '@fastify/error';

/*
 * Every HTTP error the plugin answers with, defined once. Messages say how to fix the
 * problem; `%s` slots are filled by the thrower.
 */

/** 400: the POST names no session. */
export const MissingSessionIdError = createError(
  'MCP_SSE_MISSING_SESSION_ID',
  'Missing session id: POST to the URL from the "endpoint" event, which carries ?sessionId=<id>',
  400,
);

/** 400: the session id is not one this server could have issued. */
export const InvalidSessionIdError = createError(
  'MCP_SSE_INVALID_SESSION_ID',
  'Malformed session id %s: use the id from the "endpoint" event unchanged',
  400,
);

/** 404: no such session (never opened, closed, or swept). */
export const SessionNotFoundError = createError(
  'MCP_SSE_SESSION_NOT_FOUND',
  'Unknown session %s: it was closed or never existed; open a new stream with GET %s',
  404,
);

/** 403: the session was opened by another principal. */
export const SessionForbiddenError = createError(
  'MCP_SSE_SESSION_FORBIDDEN',
  'Session %s belongs to another principal: use the credentials that opened it',
  403,
);

/** 400: the body is not a JSON-RPC message (or not a simple call). */
export const InvalidBodyError = createError('MCP_SSE_INVALID_BODY', '%s', 400);

/** 400: a request reuses the id of one of its session's requests that is not answered yet. */
export const RequestIdInUseError = createError(
  'MCP_SSE_REQUEST_ID_IN_USE',
  'Request id %s is in use by a request of this session that is not answered yet: give each request a new id',
  400,
);

/** 400: the body is not JSON at all. */
export const InvalidJsonError = createError(
  'MCP_SSE_INVALID_JSON',
  'Body is not valid JSON: %s',
  400,
);

/** 415: wrong content type. */
export const UnsupportedMediaTypeError = createError(
  'MCP_SSE_UNSUPPORTED_MEDIA_TYPE',
  'Unsupported Content-Type %s: send the body as application/json',
  415,
);

/** 413: body too large. */
export const BodyTooLargeError = createError(
  'MCP_SSE_BODY_TOO_LARGE',
  'Body is larger than the limit of %s bytes: send smaller messages or raise bodyLimit',
  413,
);

/** 401: credentials missing or wrong. */
export const UnauthorizedError = createError(
  'MCP_SSE_UNAUTHORIZED',
  'Missing or invalid API key: send it as "Authorization: Bearer <key>" or "X-API-Key: <key>"',
  401,
);

/** 403: the Origin header is not allowed (DNS rebinding protection). */
export const OriginNotAllowedError = createError(
  'MCP_SSE_ORIGIN_NOT_ALLOWED',
  'Origin %s is not allowed: add it to allowedOrigins (MCP_ALLOWED_ORIGINS)',
  403,
);

/** 403: the Host header is not allowed (DNS rebinding protection). */
export const HostNotAllowedError = createError(
  'MCP_SSE_HOST_NOT_ALLOWED',
  'Host %s is not allowed: reach the server by a loopback name, or add the host to allowedHosts (MCP_ALLOWED_HOSTS)',
  403,
);

/** 400: the JSON nests deeper than the server accepts. */
export const JsonTooDeepError = createError(
  'MCP_SSE_JSON_TOO_DEEP',
  'Body is nested more than %s levels deep: send flatter JSON',
  400,
);

/** 429: too many requests for this principal. */
export const RateLimitedError = createError(
  'MCP_SSE_RATE_LIMITED',
  'Rate limit of %s requests per minute exceeded: retry in %s',
  429,
);

/** 429: too many failed authentication attempts from one address. */
export const AuthRateLimitedError = createError(
  'MCP_SSE_AUTH_RATE_LIMITED',
  'Too many failed authentication attempts from this address: check the API key, then retry in %s seconds',
  429,
);

/** 503: no room for another session. */
export const TooManySessionsError = createError(
  'MCP_SSE_TOO_MANY_SESSIONS',
  'Too many open sessions (limit %s): close idle sessions or retry later',
  503,
);

/** 429: this client (principal, or address when anonymous) holds its share of sessions. */
export const TooManyClientSessionsError = createError(
  'MCP_SSE_TOO_MANY_CLIENT_SESSIONS',
  'This client holds %s open sessions, the most one client may: close streams it no longer uses (or raise maxSessionsPerClient)',
  429,
);

/** 503: the server is shutting down. */
export const ShuttingDownError = createError(
  'MCP_SSE_SHUTTING_DOWN',
  'The server is shutting down and opens no new sessions: retry against another instance',
  503,
);
