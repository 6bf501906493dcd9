/**
 * Thrown by a handler to end its request with a JSON-RPC error rather than a tool error
 * result. In a task it makes the task `failed` with this error inlined (a tool that ran and
 * reported a problem returns `isError` instead, and its task is `completed`).
 */
export class JsonRpcError extends Error {
  constructor(
    /** The JSON-RPC error code, e.g. -32603. */
    readonly code: number,
    message: string,
    /** Optional `error.data`. */
    readonly data?: unknown,
  ) {
    super(message);
    this.name = 'JsonRpcError';
  }

  /** Whether `value` is a {@link JsonRpcError} (also across copies of this package). */
  static isInstance(value: unknown): value is JsonRpcError {
    return (
      value instanceof JsonRpcError ||
      (value instanceof Error &&
        value.name === 'JsonRpcError' &&
        typeof (value as { code?: unknown }).code === 'number')
    );
  }
}
