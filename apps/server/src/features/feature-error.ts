/** What is wrong with a resource, template or prompt definition, or with a server config module. */
export type FeatureErrorCode =
  /** A resource definition is unusable (bad URI, no content and no read function). */
  | 'invalid_resource'
  /** A resource template is unusable (bad RFC 6570 text, no read function). */
  | 'invalid_template'
  /** A prompt definition is unusable (bad name, arguments not a z.object of strings). */
  | 'invalid_prompt'
  /** Something with that URI or name is already registered. */
  | 'duplicate'
  /** A `--config` module could not be loaded or exports nothing usable. */
  | 'invalid_config';

const BRAND = Symbol.for('@mcp-sse/server/FeatureError');

/**
 * Thrown at definition or registration time (never on the wire): a string `code` to branch
 * on and a message saying what to fix.
 */
export class FeatureError extends Error {
  /** Machine-readable reason. */
  readonly code: FeatureErrorCode;
  readonly [BRAND] = true;

  constructor(code: FeatureErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FeatureError';
    this.code = code;
  }

  /** True for a FeatureError from any copy of this package. */
  static isInstance(value: unknown): value is FeatureError {
    return typeof value === 'object' && value !== null && BRAND in value;
  }
}
