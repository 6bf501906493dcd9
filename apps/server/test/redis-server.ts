import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { onCleanup, untilAsync } from './helpers.js';

/** A fresh socket path in a temporary directory (removed after the test). */
export function redisSocketPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-sse-redis-'));
  onCleanup(async () => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'redis.sock');
}

/**
 * Starts a throwaway `redis-server` on a Unix socket (no TCP port to collide on, nothing
 * saved), at `path` or a fresh one, and returns the socket's path; it is killed after the
 * test.
 */
export async function startRedisServer(path = redisSocketPath()): Promise<string> {
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
