import type { CliIO } from '../src/cli/io.js';

/** A CliIO that records what the CLI writes, for in-process CLI tests. */
export interface CapturedIO extends CliIO {
  stdout: () => string;
  stderr: () => string;
}

/** An in-memory CliIO; `tty` makes stdout and stderr look like terminals. */
export function captureIO(
  options: { tty?: boolean; env?: Record<string, string> } = {},
): CapturedIO {
  let stdout = '';
  let stderr = '';
  return {
    out: (text) => {
      stdout += text;
    },
    err: (text) => {
      stderr += text;
    },
    env: options.env ?? {},
    stdoutIsTTY: options.tty === true,
    stderrIsTTY: options.tty === true,
    stdinIsTTY: false,
    columns: 100,
    interrupt: new AbortController().signal,
    stdin: process.stdin,
    stdout: () => stdout,
    stderr: () => stderr,
  };
}
