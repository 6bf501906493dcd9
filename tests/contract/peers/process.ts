import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A child process started for one test, with the line it printed when ready. */
export interface RunningProcess {
  child: ChildProcess;
  /** The match of the ready pattern. */
  ready: RegExpMatchArray;
  /** Everything the process printed so far (stdout and stderr), for failure messages. */
  output(): string;
  /** Sends SIGTERM, then SIGKILL after a grace period; resolves once it has exited. */
  stop(): Promise<void>;
}

/** Options for {@link startProcess}. */
export interface StartProcessOptions {
  args: string[];
  env?: NodeJS.ProcessEnv;
  /** Matched against each stdout and stderr line; the first match means ready. */
  readyPattern: RegExp;
  /** Give up (and kill the process) after this long; default 60 s (a loaded machine is slow to start node). */
  timeoutMs?: number;
}

/** Spawns `node` with `args` and waits for a ready line, bounded in time. */
export async function startProcess(options: StartProcessOptions): Promise<RunningProcess> {
  const child = spawn(process.execPath, options.args, {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  const ready = await new Promise<RegExpMatchArray>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no ready line within ${options.timeoutMs ?? 60_000} ms:\n${log}`)),
      options.timeoutMs ?? 60_000,
    );
    const onLine = (line: string) => {
      log += `${line}\n`;
      const match = line.match(options.readyPattern);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    };
    for (const stream of [child.stdout, child.stderr]) {
      if (stream) createInterface({ input: stream }).on('line', onLine);
    }
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`exited (${code ?? signal}) before it was ready:\n${log}`));
    });
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return { child, ready, output: () => log, stop };
}
