/** Why a request from the server to the client (elicitation, sampling, roots) failed. */
export type ClientRequestErrorCode =
  /** The client did not declare the capability the request needs; nothing was sent. */
  | 'capability_missing'
  /** The client did not answer within the timeout; the request was cancelled. */
  | 'timeout'
  /** The handler's call was cancelled (or its signal aborted) while waiting. */
  | 'cancelled'
  /** The session closed before the answer came. */
  | 'session_closed'
  /** The client answered with a JSON-RPC error; `rpcCode` holds its code. */
  | 'client_error'
  /** The client's answer does not have the shape the method's result must have. */
  | 'invalid_response'
  /** The session cannot carry requests to the client (no initialize, no stream). */
  | 'not_supported';

const BRAND = Symbol.for('@mcp-sse/server/ClientRequestError');

/**
 * What `ctx.elicit`, `ctx.sample` and `ctx.roots` reject with. A handler may catch it and
 * carry on (for example without the user's input); uncaught, it becomes the tool's error
 * result like any other thrown error.
 */
export class ClientRequestError extends Error {
  /** Machine-readable reason. */
  readonly code: ClientRequestErrorCode;
  /** The method that was (or would have been) sent. */
  readonly method: string;
  /** The JSON-RPC error code the client answered with (`client_error` only). */
  readonly rpcCode: number | undefined;
  /** The capability the client lacks, dotted (`sampling`, `elicitation.url`; `capability_missing` only). */
  readonly capability: string | undefined;
  readonly [BRAND] = true;

  constructor(
    code: ClientRequestErrorCode,
    method: string,
    message: string,
    options?: { rpcCode?: number; capability?: string; cause?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ClientRequestError';
    this.code = code;
    this.method = method;
    this.rpcCode = options?.rpcCode;
    this.capability = options?.capability;
  }

  /** True for a ClientRequestError from any copy of this package. */
  static isInstance(value: unknown): value is ClientRequestError {
    return typeof value === 'object' && value !== null && BRAND in value;
  }
}
