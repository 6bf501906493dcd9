import type { McpSseClientOptions } from '../options.js';

/**
 * `server/discover` results the negotiation probe already got, by the options object the
 * client is then built with: the client reads its server's identity from there instead of
 * asking a second time. Internal: one hand-over from `negotiateConnect` to the client.
 */
const prefetched = new WeakMap<McpSseClientOptions, Record<string, unknown>>();

/** Hands `result` to the client that will be built with `options`. */
export function rememberDiscovery(
  options: McpSseClientOptions,
  result: Record<string, unknown>,
): void {
  prefetched.set(options, result);
}

/** The result handed over for `options`, once (a reconnect discovers afresh). */
export function takeDiscovery(options: McpSseClientOptions): Record<string, unknown> | undefined {
  const result = prefetched.get(options);
  prefetched.delete(options);
  return result;
}
