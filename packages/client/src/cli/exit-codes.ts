/** The CLI's exit codes. */
export const EXIT = {
  /** Success. */
  ok: 0,
  /** The tool ran and its result has `isError: true`. */
  toolError: 1,
  /** Usage error: unknown flag, bad `--args` JSON, no URL, the server's -32602 (invalid params). */
  usage: 2,
  /** Connection, auth or protocol failure. */
  failure: 3,
  /** Interrupted with Ctrl-C (after cancelling the call). */
  interrupted: 130,
} as const;

/** One of {@link EXIT}. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
