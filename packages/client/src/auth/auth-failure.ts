import { McpSseClientError } from '../errors.js';
import type { McpSseClientOptions } from '../options.js';
import type { McpAuthError } from './auth-error.js';

/**
 * Gives an `auth_failed` error the reason the auth provider could not help (a login is
 * needed, the token endpoint refused, ...), which says more than "the server refused".
 * A server without OAuth metadata keeps the plain error: it wants some other credential.
 */
export function explainAuthFailure(error: unknown, options: McpSseClientOptions): unknown {
  const fetchImpl = options.fetch as { lastError?: () => McpAuthError | undefined } | undefined;
  const reason = fetchImpl?.lastError?.();
  if (
    reason === undefined ||
    reason.code === 'discovery_failed' ||
    !McpSseClientError.isInstance(error) ||
    error.code !== 'auth_failed'
  ) {
    return error;
  }
  return new McpSseClientError('auth_failed', reason.message, {
    ...(error.status !== undefined ? { status: error.status } : {}),
    cause: reason,
  });
}
