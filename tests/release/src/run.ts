import { execFile } from 'node:child_process';

/** What a finished command printed. */
export interface RunResult {
  stdout: string;
  stderr: string;
}

/** Bound on one command (an install or a build on a loaded machine); not a pace. */
const COMMAND_LIMIT_MS = 600_000;

/**
 * Runs a command to completion; rejects with its output when it exits non-zero, so that a
 * failing step says what the tool printed.
 */
export function run(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      {
        cwd,
        env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...env },
        maxBuffer: 64 * 1024 * 1024,
        timeout: COMMAND_LIMIT_MS,
      },
      (error, stdout, stderr) => {
        if (error) {
          const line = `${command} ${args.join(' ')} (in ${cwd})`;
          reject(new Error(`${line} failed: ${error.message}\n${stdout}\n${stderr}`));
          return;
        }
        resolve({ stdout, stderr });
      },
    );
  });
}

/** Runs `node args`, with the node running the tests. */
export const runNode = (args: string[], cwd: string, env?: NodeJS.ProcessEnv) =>
  run(process.execPath, args, cwd, env);
