import { type ChildProcess, spawn } from 'node:child_process';

/** A node process started by a test, with everything it printed so far. */
export interface Started {
  child: ChildProcess;
  /** stdout and stderr, interleaved, for failure messages. */
  output(): string;
  /** Calls `listener` with each complete line printed from now on; returns an unsubscribe. */
  onLine(listener: (line: string) => void): () => void;
  /** SIGTERM, then SIGKILL if it has not exited 10 s later. */
  stop(): Promise<void>;
}

/** Bounds on a hang, sized for a loaded 2-core machine; waits are on lines and exits. */
export const START_LIMIT_MS = 60_000;
export const RUN_LIMIT_MS = 90_000;

/** Spawns `node args` in `cwd`, collecting its output. */
export function startNode(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Started {
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const listeners = new Set<(line: string) => void>();
  // Lines are split per stream so that stdout and stderr never cut each other's lines.
  for (const stream of [child.stdout, child.stderr]) {
    let partial = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      log += chunk;
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) for (const listener of listeners) listener(line);
    });
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    output: () => log,
    onLine(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * Resolves with the first line (stdout or stderr) that `accept` maps to a value; rejects
 * if the process exits first or nothing comes within START_LIMIT_MS.
 */
export function waitForLine<T>(
  started: Started,
  accept: (line: string) => T | undefined,
  what: string,
): Promise<T> {
  const { child } = started;
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.reject(new Error(`exited before ${what}:\n${started.output()}`));
  }
  return new Promise<T>((resolve, reject) => {
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      child.off('exit', onExit);
      unsubscribe();
      settle();
    };
    const onExit = (code: number | null, signal: string | null) =>
      finish(() =>
        reject(new Error(`exited (${code ?? signal}) before ${what}:\n${started.output()}`)),
      );
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(new Error(`no ${what} within ${START_LIMIT_MS} ms:\n${started.output()}`)),
        ),
      START_LIMIT_MS,
    );
    child.once('exit', onExit);
    const unsubscribe = started.onLine((line) => {
      const value = accept(line);
      if (value !== undefined) finish(() => resolve(value));
    });
  });
}

/** Waits for the process to exit (killing it after RUN_LIMIT_MS) and returns its code. */
export function waitForExit(started: Started): Promise<number | string> {
  const { child } = started;
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_LIMIT_MS);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? signal ?? 'unknown');
    });
  });
}
