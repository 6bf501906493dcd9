import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The built bin, as a user runs it. */
export const BIN = fileURLToPath(new URL('../bin/mcp-sse.js', import.meta.url));

/** What a finished run produced. */
export interface BinResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * A started run: the child, and its result once it exits (killed after `timeoutMs`, a
 * bound for a hung bin on a loaded machine, not a speed expectation).
 */
export interface BinRun {
  child: ChildProcess;
  done: Promise<BinResult>;
}

/** Starts `node bin/mcp-sse.js ...args` with a clean environment plus `env`. */
export function startBin(
  args: string[],
  env: Record<string, string> = {},
  input?: string,
  timeoutMs = 90_000,
): BinRun {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  if (input !== undefined) child.stdin?.end(input);
  else child.stdin?.end();
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const done = new Promise<BinResult>((resolve) => {
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
  return { child, done };
}

/** Runs the bin to completion. */
export function runBin(
  args: string[],
  env: Record<string, string> = {},
  input?: string,
): Promise<BinResult> {
  return startBin(args, env, input).done;
}
