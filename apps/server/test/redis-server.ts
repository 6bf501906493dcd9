import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { onCleanup, untilAsync } from './helpers.js';

/**
 * Starts a throwaway `redis-server` on a Unix socket (no TCP port to collide on, nothing
 * saved) and returns the socket's path; it is killed after the test.
 */
export async function startRedisServer(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-sse-redis-'));
  const path = join(dir, 'redis.sock');
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', '0', '--unixsocket', path, '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const probe = new Redis({ path, lazyConnect: true, maxRetriesPerRequest: 1 });
  probe.on('error', () => {}); // refused while it starts
  onCleanup(async () => {
    probe.disconnect();
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });
  await untilAsync(
    () =>
      probe.ping().then(
        () => true,
        () => false,
      ),
    'redis-server',
    10_000,
  );
  return path;
}
