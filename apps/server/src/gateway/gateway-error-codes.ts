/**
 * JSON-RPC error codes the gateway puts on the wire (server-defined range), so that a
 * client can tell a crashed or busy stdio server from an error of the server itself.
 */
export const GatewayErrorCode = {
  /** The stdio server exited while the request was in flight; it is being restarted. */
  ChildExited: -32050,
  /** The stdio server is down (restarting after crashes, or could not start). */
  ChildUnavailable: -32051,
  /** No room for another stdio server process (the children cap). */
  TooManyChildren: -32052,
  /** The child asked the client something this client cannot be asked (2026-07-28 stateless). */
  ClientRequestNotRelayed: -32053,
  /** A request reached a session before its `initialize`. */
  NotInitialized: -32054,
} as const;

/** One of the {@link GatewayErrorCode} values. */
export type GatewayErrorCode = (typeof GatewayErrorCode)[keyof typeof GatewayErrorCode];

/** The `data.type` of a gateway wire error: a stable string to branch on. */
export type GatewayErrorType =
  | 'child_exited'
  | 'child_unavailable'
  | 'too_many_children'
  | 'client_request_not_relayed'
  | 'not_initialized';
