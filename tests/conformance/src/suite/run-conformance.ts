import { spawn } from 'node:child_process';
import { conformanceBin, GLOB_SYNC_PRELOAD, type SuiteName } from './paths.js';

/** What one `conformance ...` process did. */
export interface ConformanceRun {
  /** Exit code, or null when killed (see `timedOut`). */
  code: number | null;
  /** True when it outlived `timeoutMs` and was killed. */
  timedOut: boolean;
  /** stdout and stderr, interleaved as they came. */
  output: string;
}

/** Options for {@link runConformance}. */
export interface RunConformanceOptions {
  /** Kill it after this long (it has no global timeout of its own). */
  timeoutMs: number;
  /** Added to the environment the suite (and the client it starts) sees. */
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/**
 * Runs one suite's CLI under Node 20 with the globSync preload, bounded in time. The exit
 * code only says whether everything passed, so callers read the checks.json files instead.
 */
export function runConformance(
  suite: SuiteName,
  args: string[],
  options: RunConformanceOptions,
): Promise<ConformanceRun> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', GLOB_SYNC_PRELOAD, conformanceBin(suite), ...args],
      {
        env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...options.env },
        stdio: ['ignore', 'pipe', 'pipe'],
        ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
      },
    );
    let output = '';
    let timedOut = false;
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, timedOut, output });
    });
  });
}
