import { type ChildProcess, spawn } from 'node:child_process';
import { connect } from 'node:net';

/** A gateway process (stdio server -> network) listening on a port. */
export interface SpawnedGateway {
  port: number;
  /** What it wrote on stdout and stderr, for failure messages. */
  output(): string;
  close(): Promise<void>;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Spawns `command args` and waits (bounded in count, not timed) until `port` accepts
 * connections; fails with its output when it exits first.
 */
export async function spawnGateway(
  command: string,
  args: string[],
  port: number,
  env: Record<string, string>,
): Promise<SpawnedGateway> {
  const child: ChildProcess = spawn(command, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  for (let attempt = 0; attempt < 600 && !gone; attempt++) {
    if (await accepts(port)) {
      return {
        port,
        output: () => output,
        async close() {
          if (!gone) {
            child.kill('SIGTERM');
            await exited;
          }
        },
      };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`${args.join(' ')} never listened on ${port}: ${output.slice(-800)}`);
}
