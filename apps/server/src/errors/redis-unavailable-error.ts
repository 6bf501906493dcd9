import createError from '@fastify/error';

/** 503: the shared session store (Redis) cannot be reached; the request may be retried. */
export const RedisUnavailableError = createError(
  'MCP_SSE_REDIS_UNAVAILABLE',
  'The session store (Redis) is unavailable: %s; retry shortly',
  503,
);
