import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { RunningPeer } from './peer.js';

const require = createRequire(import.meta.url);

/** `@modelcontextprotocol/server-everything streamableHttp` as a process, on 127.0.0.1. */
export function startEverythingServer(timeoutMs = 30_000): Promise<RunningPeer> {
  const root = dirname(require.resolve('@modelcontextprotocol/server-everything/package.json'));
  const preload = fileURLToPath(new URL('./force-loopback.cjs', import.meta.url));
  const child = spawn(
    process.execPath,
    ['--require', preload, join(root, 'dist', 'index.js'), 'streamableHttp'],
    { env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const close = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => {
      void close();
      reject(new Error(`server-everything did not listen within ${timeoutMs} ms:\n${log}`));
    }, timeoutMs);
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        log += `${line}\n`;
        const port = line.match(/LOOPBACK-PORT (\d+)/)?.[1];
        if (port === undefined) return;
        clearTimeout(timer);
        resolve({ url: `http://127.0.0.1:${port}/mcp`, close });
      });
    }
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server-everything exited (${code}) before listening:\n${log}`));
    });
  });
}
