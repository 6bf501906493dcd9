import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';
import { waitFor } from './wait-for.js';

/** Whether something answers Redis' PING on the port. */
function pings(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

/**
 * A throwaway `redis-server` on a free loopback port, without persistence: started and
 * stopped by the tests (restarting keeps the port and, like a real crash without
 * persistence, loses every key).
 */
export class RedisProcess {
  #child: ChildProcess | undefined;

  private constructor(
    readonly port: number,
    /** With a directory, an append-only file synced on every write: a restart keeps the data. */
    readonly dir: string | undefined,
  ) {}

  /**
   * Starts one; throws with a hint when `redis-server` is not installed. `persist` keeps
   * the data across restarts (append-only file, fsync always, in a temporary directory).
   */
  static async start(options: { persist?: boolean } = {}): Promise<RedisProcess> {
    const dir = options.persist ? mkdtempSync(join(tmpdir(), 'mcp-sse-redis-')) : undefined;
    const redis = new RedisProcess(await freePort(), dir);
    await redis.restart();
    return redis;
  }

  /** `redis://127.0.0.1:<port>`. */
  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts the server (again) on the same port and waits until it answers. */
  async restart(): Promise<void> {
    const child = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        ...(this.dir === undefined
          ? ['--appendonly', 'no']
          : ['--appendonly', 'yes', '--appendfsync', 'always', '--dir', this.dir]),
      ],
      { stdio: 'ignore' },
    );
    let failed: Error | undefined;
    child.once('error', (error) => {
      failed = new Error(`could not start redis-server (is it installed?): ${error.message}`);
    });
    this.#child = child;
    await waitFor(async () => {
      if (failed !== undefined) throw failed;
      return pings(this.port);
    }, `redis-server on port ${this.port}`);
  }

  /** Kills the server (SIGKILL: a crash) and waits until the port stops answering. */
  async kill(): Promise<void> {
    const child = this.#child;
    this.#child = undefined;
    if (child === undefined || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
  }

  /** Freezes it (SIGSTOP): connections stay open and nothing answers, as in a hung Redis. */
  pause(): void {
    this.#child?.kill('SIGSTOP');
  }

  /** Lets a paused server go on (SIGCONT). */
  unpause(): void {
    this.#child?.kill('SIGCONT');
  }

  /** Kills it and removes its data directory, if any. */
  async dispose(): Promise<void> {
    await this.kill();
    if (this.dir !== undefined) rmSync(this.dir, { recursive: true, force: true });
  }
}
