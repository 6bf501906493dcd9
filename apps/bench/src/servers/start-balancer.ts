import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { builtScript } from './kinds.js';

/** A running balancer process. */
export interface RunningBalancer {
  port: number;
  pid: number;
  stop(): Promise<void>;
}

/** Starts `dist/servers/balancer.js` in front of `ports`, waiting at most 10 s for it. */
export async function startBalancer(ports: readonly number[]): Promise<RunningBalancer> {
  const script = builtScript('servers/balancer');
  if (script === undefined) throw new Error('the balancer is not built: run pnpm build first');
  const child = spawn(process.execPath, [script, ...ports.map(String)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('balancer did not start in 10 s')), 10_000);
      void exited.then(() => reject(new Error(`balancer exited with ${child.exitCode}`)));
      createInterface({ input: child.stdout! }).once('line', (line) => {
        clearTimeout(timer);
        const match = /:(\d+)$/.exec(line);
        if (match === null) reject(new Error(`balancer printed ${JSON.stringify(line)}`));
        else resolve(Number(match[1]));
      });
    });
    return { port, pid: child.pid!, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
