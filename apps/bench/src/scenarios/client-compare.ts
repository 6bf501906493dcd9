import { spawn } from 'node:child_process';
import type { LoopTiming } from '../load/closed-loop.js';
import type { ClientRunOutput } from '../runners/client-runner.js';
import { builtScript, type ServerKind } from '../servers/kinds.js';
import { launchServer } from '../servers/launch.js';

/**
 * Calls each client makes before its window opens, besides the warm-up time: the figure is
 * then the client's steady cost per call, not its JIT compiling (both clients alike).
 */
export const WARMUP_CALLS = 2_000;

/** Which client library drives the calls: HTTP+SSE `ours` / `sdk`, Streamable HTTP `ours-streamable` / `sdk2`. */
export type ClientKind = 'ours' | 'sdk' | 'ours-streamable' | 'sdk2';

/**
 * Runs one client library at `concurrency` calls in flight on one session against a fresh
 * server of `serverKind`, in a child process of its own.
 */
export async function runClient(
  client: ClientKind,
  serverKind: ServerKind,
  concurrency: number,
  timing: LoopTiming,
): Promise<ClientRunOutput> {
  const script = builtScript('runners/client-runner');
  if (script === undefined) throw new Error('client-runner is not built');
  const server = await launchServer(serverKind);
  try {
    const args = [
      script,
      '--client',
      client,
      '--url',
      server.url.href,
      '--concurrency',
      String(concurrency),
      '--warmup',
      String(timing.warmupMs),
      '--warmup-calls',
      String(WARMUP_CALLS),
      '--window',
      String(timing.windowMs),
    ];
    return await new Promise<ClientRunOutput>((resolve, reject) => {
      const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      const limit = setTimeout(
        () => child.kill('SIGKILL'),
        timing.warmupMs + timing.windowMs + 30_000,
      );
      let out = '';
      let err = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        out += chunk;
      });
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        if (err.length < 4000) err += chunk;
      });
      child.on('error', reject);
      child.on('exit', (code) => {
        clearTimeout(limit);
        try {
          resolve(JSON.parse(out.trim().split('\n').pop() ?? '') as ClientRunOutput);
        } catch {
          reject(
            new Error(`${client} client run failed (exit ${code}): ${err.trim().slice(0, 500)}`),
          );
        }
      });
    });
  } finally {
    await server.stop();
  }
}
