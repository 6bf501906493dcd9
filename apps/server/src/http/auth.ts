import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../tools/tool-context.js';

/** Decides who a request comes from; null or undefined means "not authenticated". */
export type Authenticate = (
  request: FastifyRequest,
) => Principal | null | undefined | Promise<Principal | null | undefined>;

/**
 * The API key a request carries, from `Authorization: Bearer`, `X-API-Key` or the
 * original design's `api_key` header, in that order.
 */
export function extractApiKey(headers: FastifyRequest['headers']): string | undefined {
  const authorization = headers.authorization;
  if (typeof authorization === 'string') {
    const match = /^Bearer[ \t]+(.+)$/i.exec(authorization);
    if (match?.[1]) return match[1].trim();
  }
  const xApiKey = headers['x-api-key'];
  if (typeof xApiKey === 'string' && xApiKey !== '') return xApiKey;
  const apiKey = headers.api_key;
  if (typeof apiKey === 'string' && apiKey !== '') return apiKey;
  return undefined;
}

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * An {@link Authenticate} that accepts any of `keys`. Comparison is on SHA-256 digests
 * with `timingSafeEqual` against every key, so neither the key's length nor which key
 * matched leaks through timing. The principal id is derived from the key's digest, never
 * the key itself, so logs can show it.
 */
export function apiKeyAuthenticator(keys: readonly string[]): Authenticate {
  const known = keys.map((key) => ({
    digest: digest(key),
    principal: { id: `key:${digest(key).toString('hex').slice(0, 12)}` } satisfies Principal,
  }));
  return (request) => {
    const presented = extractApiKey(request.headers);
    if (presented === undefined) return undefined;
    const candidate = digest(presented);
    let match: Principal | undefined;
    for (const key of known) {
      if (timingSafeEqual(candidate, key.digest) && match === undefined) match = key.principal;
    }
    return match;
  };
}
