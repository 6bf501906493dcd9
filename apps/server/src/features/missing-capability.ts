import { ClientRequestError } from './client-request-error.js';
import { usesInputRounds } from './multi-round.js';

/** -32021: the request needs a client capability the client did not declare (2026-07-28). */
export const MISSING_REQUIRED_CLIENT_CAPABILITY = -32021;

/**
 * The JSON-RPC error a handler's uncaught `capability_missing` becomes on 2026-07-28, where
 * a server MUST answer -32021 naming the capability (`data.requiredCapabilities` is a
 * ClientCapabilities object: `sampling.tools` gives `{ sampling: { tools: {} } }`). On
 * earlier revisions, and for any other error, undefined: the error stays a tool error result.
 */
export function missingCapabilityError(
  error: unknown,
  protocolVersion: string | undefined,
):
  | { code: number; message: string; data: { requiredCapabilities: Record<string, unknown> } }
  | undefined {
  if (!usesInputRounds(protocolVersion)) return undefined;
  if (!ClientRequestError.isInstance(error) || error.code !== 'capability_missing')
    return undefined;
  const path = (error.capability ?? error.method.split('/')[0] ?? 'unknown').split('.');
  let required: Record<string, unknown> = {};
  for (const part of [...path].reverse()) required = { [part]: required };
  return {
    code: MISSING_REQUIRED_CLIENT_CAPABILITY,
    message: `Missing required client capability: ${path.join('.')} (${error.method} needs it); declare it in io.modelcontextprotocol/clientCapabilities`,
    data: { requiredCapabilities: required },
  };
}
