import { childExitText } from './child-exit-text.js';
import { GatewayErrorCode, type GatewayErrorType } from './gateway-error-codes.js';
import type { ChildExit } from './stdio-child.js';

/** A JSON-RPC error object as the gateway sends it: `data.type` names the cause. */
export interface GatewayWireError {
  code: number;
  message: string;
  data: { type: GatewayErrorType } & Record<string, unknown>;
}

/** The request was in flight when the child ended; the next request reaches its successor. */
export function childExitedError(label: string, exit: ChildExit): GatewayWireError {
  return {
    code: GatewayErrorCode.ChildExited,
    message: `The stdio server (${label}) ${childExitText(exit)} while this request was in flight; it is being restarted: send the request again`,
    data: { type: 'child_exited', exitCode: exit.code, signal: exit.signal },
  };
}

/** The child is down: it could not start, or it is waiting to restart after crashes. */
export function childUnavailableError(label: string, why: string): GatewayWireError {
  return {
    code: GatewayErrorCode.ChildUnavailable,
    message: `The stdio server (${label}) is not available: ${why}. Retry later; the server log has its stderr`,
    data: { type: 'child_unavailable' },
  };
}

/** No room for another child process. */
export function tooManyChildrenError(max: number): GatewayWireError {
  return {
    code: GatewayErrorCode.TooManyChildren,
    message: `Too many stdio server processes (limit ${max}, one per session): close idle sessions or retry later`,
    data: { type: 'too_many_children', limit: max },
  };
}

/** A child's request that cannot reach this client. */
export function notRelayedError(method: string, why: string): GatewayWireError {
  return {
    code: GatewayErrorCode.ClientRequestNotRelayed,
    message: `The gateway cannot relay ${method} to the client: ${why}`,
    data: { type: 'client_request_not_relayed', method },
  };
}

/** A request before `initialize` on a session that needs one. */
export function notInitializedError(): GatewayWireError {
  return {
    code: GatewayErrorCode.NotInitialized,
    message: 'Session not initialized: send initialize first',
    data: { type: 'not_initialized' },
  };
}
