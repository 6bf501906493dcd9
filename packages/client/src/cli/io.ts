/** The world a CLI command runs in; injectable so that commands can be tested in-process. */
export interface CliIO {
  /** Writes to standard output. */
  out(text: string): void;
  /** Writes to standard error. */
  err(text: string): void;
  /** Environment variables. */
  env: Record<string, string | undefined>;
  /**
   * Whether stdout is a terminal: server-controlled text printed there is cleaned of
   * escape sequences and control characters (`--json` output is exact either way).
   */
  stdoutIsTTY?: boolean;
  /** Whether stderr is a terminal (live progress bar; cleaned text as for stdout). */
  stderrIsTTY: boolean;
  /** Whether stdin is a terminal (interactive chat prompt). */
  stdinIsTTY: boolean;
  /** Terminal width in columns, when known. */
  columns: number | undefined;
  /** Aborted on Ctrl-C. */
  interrupt: AbortSignal;
  /** Standard input, for interactive chat. */
  stdin: NodeJS.ReadableStream;
}

/** The real process. */
export function processIO(interrupt: AbortSignal): CliIO {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    stdinIsTTY: process.stdin.isTTY === true,
    columns: process.stdout.columns,
    interrupt,
    stdin: process.stdin,
  };
}
