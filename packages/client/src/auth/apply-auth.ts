import { nodeHttpFetch } from '../http/node-http-fetch.js';
import type { McpSseClientOptions } from '../options.js';
import { withAuth } from './auth-fetch.js';

/**
 * Turns the `auth` option into a fetch that carries and renews the token, so the negotiation
 * probe and both transports get it from one place; the options returned have no `auth` left,
 * so applying it twice does nothing.
 */
export function applyAuth(url: string | URL, options: McpSseClientOptions): McpSseClientOptions {
  if (options.auth === undefined) return options;
  const { auth, ...rest } = options;
  const base = options.fetch ?? nodeHttpFetch;
  return { ...rest, fetch: withAuth(base, auth, url, options.maxStepUps) };
}
