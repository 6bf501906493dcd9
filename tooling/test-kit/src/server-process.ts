import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';

const require = createRequire(import.meta.url);
/** The built `mcp-sse-server` of the workspace (`apps/server/dist/cli.js`). */
const CLI = join(dirname(require.resolve('@mcp-sse/server/package.json')), 'dist', 'cli.js');

/** One `mcp-sse-server` child process on a free loopback port. */
export class ServerProcess {
  private constructor(
    readonly name: string,
    readonly child: ChildProcess,
    readonly port: number,
    /** Its log lines (JSON, from stderr), the first 5000. */
    readonly stderr: string[],
  ) {}

  /**
   * Starts the bin with `--port 0` and waits (bounded: `startTimeoutMs`, 60 s by default: a bound for busy machines, not a speed check)
   * for its "listening" line.
   */
  static async start(
    name: string,
    args: string[],
    { startTimeoutMs = 60_000 }: { startTimeoutMs?: number } = {},
  ): Promise<ServerProcess> {
    const child = spawn(process.execPath, [CLI, '--port', '0', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stderr: string[] = [];
    createInterface({ input: child.stderr! }).on('line', (line) => {
      if (stderr.length < 5000) stderr.push(line);
    });
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${name} did not start in ${startTimeoutMs} ms`)),
        startTimeoutMs,
      );
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${name} exited with ${code}: ${stderr.join('\n')}`));
      });
      createInterface({ input: child.stdout! }).once('line', (line) => {
        clearTimeout(timer);
        const match = /:(\d+)\/sse$/.exec(line);
        if (match === null) reject(new Error(`${name} printed ${JSON.stringify(line)}`));
        else resolve(Number(match[1]));
      });
    });
    return new ServerProcess(name, child, port, stderr);
  }

  /** True while the process runs. */
  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** `http://127.0.0.1:<port>`. */
  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Log lines whose message contains `text`. */
  logged(text: string): number {
    return this.stderr.filter((line) => line.includes(text)).length;
  }

  /** Stops it with `signal` and waits (bounded) for the exit. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (!this.alive) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill(signal);
    const timer = new Promise((resolve) => setTimeout(resolve, 8000));
    await Promise.race([exited, timer]);
    if (this.alive) this.child.kill('SIGKILL');
  }
}
