import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { type ServerKind, type ServerTweaks, serverCommand } from './kinds.js';

/** A running server child process. */
export interface RunningServer {
  kind: ServerKind;
  pid: number;
  /** The URL it announced: the SSE stream (HTTP+SSE) or the MCP endpoint (/mcp). */
  url: URL;
  /** Stops it (SIGTERM, then SIGKILL after a grace period) and waits for it to exit. */
  stop(): Promise<void>;
}

/** Options for {@link launchServer}. */
export interface LaunchOptions {
  /** Extra Node flags, e.g. `--cpu-prof`. */
  nodeFlags?: string[];
  /** How long to wait for the `listening on` line. */
  timeoutMs?: number;
  /** Extra environment, e.g. `REDIS_URL` for the several-instances scenario. */
  env?: Record<string, string>;
  /** Settings asked of the server: filler tools, resumability, Redis. */
  tweaks?: ServerTweaks;
}

const children = new Set<ChildProcess>();
let hooked = false;

function killAllOnExit(): void {
  if (hooked) return;
  hooked = true;
  // Whatever ends the harness, no server may outlive it.
  process.on('exit', () => {
    for (const child of children) child.kill('SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      for (const child of children) child.kill('SIGKILL');
      process.exit(130);
    });
  }
}

/** Thrown when a server cannot be started; the message carries its stderr. */
export class LaunchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LaunchError';
  }
}

/**
 * Starts a fresh server process of `kind` bound to 127.0.0.1 on a free port and waits for
 * its `... listening on http://HOST:PORT/sse` line.
 */
export async function launchServer(
  kind: ServerKind,
  options: LaunchOptions = {},
): Promise<RunningServer> {
  let command = serverCommand(kind, options.tweaks);
  // On a shared tree a package's dist/ vanishes for a few seconds while someone rebuilds it:
  // wait for it rather than lose the measurement.
  for (let i = 0; command === undefined && i < 30; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    command = serverCommand(kind, options.tweaks);
  }
  if (command === undefined) throw new LaunchError(`${kind} server is not built`);
  killAllOnExit();
  const child = spawn(
    process.execPath,
    [...(options.nodeFlags ?? []), command.script, ...command.args],
    {
      env: { ...process.env, ...command.env, ...options.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => children.delete(child));
  let stderr = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    if (stderr.length < 4000) stderr += chunk;
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const grace = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await exited;
      clearTimeout(grace);
    }
  };
  const lines = createInterface({ input: child.stdout! });
  const timeoutMs = options.timeoutMs ?? 15_000;
  try {
    const url = await new Promise<URL>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(new LaunchError(`${kind} server printed no URL in ${timeoutMs} ms: ${stderr}`)),
        timeoutMs,
      );
      lines.on('line', (line) => {
        const match = /listening on (http:\/\/\S+)/.exec(line);
        if (match) {
          clearTimeout(timer);
          resolve(new URL(match[1]!));
        }
      });
      void exited.then(() => {
        clearTimeout(timer);
        reject(new LaunchError(`${kind} server exited (code ${child.exitCode}): ${stderr.trim()}`));
      });
    });
    // Keep draining stdout so a chatty server never blocks on a full pipe.
    child.stdout!.resume();
    return { kind, pid: child.pid!, url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
