/** What went wrong while reading something off the wire. */
export type ProtocolErrorCode =
  /** The text was not JSON. */
  | 'invalid_json'
  /** The JSON was not a valid message of the expected shape. */
  | 'invalid_message'
  /** An SSE event had a known name but data of the wrong shape. */
  | 'invalid_event'
  /** The SSE byte stream itself was malformed (a bad field or retry value). */
  | 'invalid_stream';

const BRAND = Symbol.for('@mcp-sse/protocol/ProtocolError');

/**
 * A local error for input that could not be read as the protocol demands.
 *
 * It never travels on the wire itself; a server maps it to a JSON-RPC error code or an
 * HTTP status, a client to its own error family.
 */
export class ProtocolError extends Error {
  /** Machine-readable reason. */
  readonly code: ProtocolErrorCode;
  /** Dotted path of the first field at fault, when there is one. */
  readonly field: string | undefined;
  readonly [BRAND] = true;

  constructor(
    code: ProtocolErrorCode,
    message: string,
    options?: { field?: string; cause?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ProtocolError';
    this.code = code;
    this.field = options?.field;
  }

  /** True for a ProtocolError from any copy of this package (instanceof fails across copies). */
  static isInstance(value: unknown): value is ProtocolError {
    return typeof value === 'object' && value !== null && BRAND in value;
  }
}
