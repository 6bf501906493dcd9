/** Errors of the connect phase: the request cannot have reached the server. */
const CONNECT_ERRORS = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * True when a request failed before a connection existed (refused, unresolvable,
 * unreachable), so re-sending it can never run it twice.
 */
export function neverReachedServer(error: unknown): boolean {
  let current: unknown = error;
  // Bounded walk down the cause chain (McpSseClientError → TypeError → system error).
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && CONNECT_ERRORS.has(code)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
