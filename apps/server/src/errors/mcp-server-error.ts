/** What went wrong locally in the server (never sent as is: wire errors use `ErrorCode`). */
export type McpServerErrorCode =
  /** A tool definition is unusable (bad name, input schema not an object, unconvertible schema). */
  | 'invalid_tool'
  /** A tool with that name is already registered. */
  | 'duplicate_tool'
  /** Plugin, app or CLI options are invalid. */
  | 'invalid_options'
  /** The session does not exist (any more). */
  | 'session_not_found'
  /** A call named a tool that is not registered. */
  | 'unknown_tool'
  /** A call's arguments failed the tool's input schema. */
  | 'invalid_arguments'
  /** The session has too many calls running and queued. */
  | 'too_many_calls'
  /** The server is shutting down and takes no new work. */
  | 'shutting_down';

const BRAND = Symbol.for('@mcp-sse/server/McpServerError');

/**
 * The server's local error family: a string `code` to branch on and a message that says
 * what happened and what to check.
 */
export class McpServerError extends Error {
  /** Machine-readable reason. */
  readonly code: McpServerErrorCode;
  /** Dotted path of the field at fault, when there is one. */
  readonly field: string | undefined;
  readonly [BRAND] = true;

  constructor(
    code: McpServerErrorCode,
    message: string,
    options?: { field?: string | undefined; cause?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'McpServerError';
    this.code = code;
    this.field = options?.field;
  }

  /** True for an McpServerError from any copy of this package (instanceof fails across copies). */
  static isInstance(value: unknown): value is McpServerError {
    return typeof value === 'object' && value !== null && BRAND in value;
  }
}
