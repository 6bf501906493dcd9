import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
/** The workspace's `mcp-sse` bin (it runs the built client). */
const BIN = join(dirname(require.resolve('@mcp-sse/client/package.json')), 'bin', 'mcp-sse.js');

/**
 * The "browser" `mcp-sse login` opens: curl following the authorization server's redirects,
 * its cookies kept (`-b` with no file turns the cookie engine on), down to the loopback
 * callback. The authorization server approves at once, as a user clicking through would.
 */
export const CURL_BROWSER = 'curl -s -o /dev/null -L -b /dev/null --max-time 60';

/** What a finished command left. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A user of the CLI with a fresh config directory (XDG_CONFIG_HOME) and $BROWSER set. */
export interface CliUser {
  /** Where auth.json lives. */
  authFile: string;
  /** Runs `mcp-sse ...args` to its end (bounded) with `env` added. */
  run(args: string[], env?: Record<string, string>): Promise<CliRun>;
  dispose(): Promise<void>;
}

/** A fresh CLI user. */
export async function cliUser(): Promise<CliUser> {
  const config = await mkdtemp(join(tmpdir(), 'mcp-sse-auth-cli-'));
  return {
    authFile: join(config, 'mcp-sse', 'auth.json'),
    run: (args, env = {}) =>
      new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [BIN, ...args], {
          env: {
            ...process.env,
            XDG_CONFIG_HOME: config,
            BROWSER: CURL_BROWSER,
            MCP_API_KEY: '',
            ...env,
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
        });
        child.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString();
        });
        const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
        child.on('error', reject);
        child.on('close', (code) => {
          clearTimeout(timer);
          resolve({ code, stdout, stderr });
        });
      }),
    dispose: () => rm(config, { recursive: true, force: true }),
  };
}
