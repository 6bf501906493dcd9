import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { serverCli } from './paths.js';

/** A running `mcp-sse-server` started for the suites. */
export interface RunningServer {
  /** The Streamable HTTP endpoint, `http://127.0.0.1:<port>/mcp`. */
  mcpUrl: string;
  /** The legacy HTTP+SSE endpoint, `http://127.0.0.1:<port>/sse`. */
  sseUrl: string;
  /** The extra flags it accepted (`--examples conformance` is dropped when it is unknown). */
  args: string[];
  /** Everything it printed so far, for failure messages. */
  output(): string;
  /** SIGTERM, then SIGKILL after 3 s; resolves once it has exited. */
  stop(): Promise<void>;
}

const READY = /listening on (https?:\/\/\S+)/;

function start(args: string[], timeoutMs: number): Promise<RunningServer> {
  const child: ChildProcess = spawn(
    process.execPath,
    [serverCli(), '--port', '0', '--host', '127.0.0.1', ...args],
    { env: { ...process.env, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise<RunningServer>((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`mcp-sse-server printed no ready line within ${timeoutMs} ms:\n${log}`));
    }, timeoutMs);
    const onLine = (line: string) => {
      log += `${line}\n`;
      const match = line.match(READY);
      if (!match?.[1]) return;
      clearTimeout(timer);
      const origin = new URL(match[1]).origin;
      resolve({
        mcpUrl: `${origin}/mcp`,
        sseUrl: `${origin}/sse`,
        args,
        output: () => log,
        stop,
      });
    };
    for (const stream of [child.stdout, child.stderr]) {
      if (stream) createInterface({ input: stream }).on('line', onLine);
    }
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`mcp-sse-server exited (${code ?? signal}) before it was ready:\n${log}`));
    });
  });
}

/**
 * Starts the built `mcp-sse-server` on 127.0.0.1 with a free port. With `examples:
 * 'conformance'` (the suites' fixed set of tools, resources and prompts) a server that does
 * not know that flag yet (exit 2, usage error) is started again without it, so the suites
 * still measure the transport. The default set has `echo`, `add`, ... (interop cells).
 */
export async function startServer(
  options: { examples?: 'conformance' | 'default'; timeoutMs?: number } = {},
): Promise<RunningServer> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  if (options.examples !== 'conformance') return start([], timeoutMs);
  try {
    return await start(['--examples', 'conformance'], timeoutMs);
  } catch (error) {
    if (!/exited \(2\)/.test((error as Error).message)) throw error;
    return start([], timeoutMs);
  }
}
