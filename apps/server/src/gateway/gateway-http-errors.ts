import createError from '@fastify/error';

/** 503: every per-session child slot is taken; answered before a new session's `initialize`. */
export const GatewayFullError = createError(
  'MCP_SSE_GATEWAY_FULL',
  'Too many stdio server processes (limit %s, one per session): close idle sessions or retry later',
  503,
);
