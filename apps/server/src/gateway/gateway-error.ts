/** What went wrong locally in the stdio gateway (wire errors use {@link GatewayErrorCode}). */
export type GatewayErrorReason =
  /** The command line is empty or uses shell syntax. */
  | 'invalid_command'
  /** A gateway option is out of range. */
  | 'invalid_options'
  /** The child could not be started or did not answer `initialize`. */
  | 'child_start_failed';

const BRAND = Symbol.for('@mcp-sse/server/GatewayError');

/**
 * The gateway's local error family: a string `code` to branch on and a message that says
 * what happened and what to check.
 */
export class GatewayError extends Error {
  /** Machine-readable reason. */
  readonly code: GatewayErrorReason;
  readonly [BRAND] = true;

  constructor(code: GatewayErrorReason, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GatewayError';
    this.code = code;
  }

  /** True for a GatewayError from any copy of this package. */
  static isInstance(value: unknown): value is GatewayError {
    return typeof value === 'object' && value !== null && BRAND in value;
  }
}
