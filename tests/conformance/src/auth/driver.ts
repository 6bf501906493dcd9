// The client command of the conformance client AUTH scenarios (bundled by
// auth/driver-bundle.ts; the suite runs `node auth-driver.mjs URL` with MCP_CONFORMANCE_SCENARIO
// and MCP_CONFORMANCE_CONTEXT). It uses the built `mcp-sse` CLI exactly as a user would: a
// fresh config directory, `$BROWSER` set to a command that follows the authorization redirect
// (curl, else this same file with `--browse URL`), `mcp-sse login URL` with the flags the
// context calls for, then `mcp-sse tools --json`, and `mcp-sse call` of the first tool where
// the scenario tests what happens on a call. Exit 0 when all worked.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AuthContext, loginPlan } from './login-flags.js';

// Each step is a few requests to local test servers, slow only on a busy machine: a hang
// fails here, before the suite's own timeout, with a message.
const STEP_TIMEOUT_MS = 120_000;

interface Step {
  code: number | null;
  stdout: string;
}

function cliPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@mcp-sse/client/package.json')), 'bin', 'mcp-sse.js');
}

function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<Step> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cliPath(), ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), STEP_TIMEOUT_MS);
    child.once('close', (code) => {
      clearTimeout(timer);
      process.stderr.write(`auth-driver: mcp-sse ${args[0]} exited ${code}\n`);
      resolve({ code, stdout });
    });
  });
}

// curl when there is one (a process far lighter than Node), else this file with `--browse`.
function browserCommand(): string {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter((dir) => dir !== '');
  const curl = dirs.map((dir) => join(dir, 'curl')).find((file) => existsSync(file));
  if (curl !== undefined && !curl.includes(' ')) return `${curl} -s -o /dev/null -L`;
  return `${process.execPath} ${fileURLToPath(import.meta.url)} --browse`;
}

// `$BROWSER URL`: what a person's browser does when the authorization server lets them
// straight through: follow the redirects, ending at the CLI's loopback callback.
async function browse(url: string): Promise<void> {
  const response = await fetch(url, { redirect: 'follow' });
  await response.body?.cancel();
}

// The scenarios whose server treats a tool call differently from listing (more scope, a
// migrated authorization server); the others are done once the token works.
function needsCall(scenario: string): boolean {
  return /^auth\/(scope-step-up|scope-retry-limit|authorization-server-migration)$/.test(scenario);
}

function parseContext(raw: string | undefined): AuthContext {
  if (raw === undefined || raw === '') return {};
  const parsed: unknown = JSON.parse(raw);
  return typeof parsed === 'object' && parsed !== null ? (parsed as AuthContext) : {};
}

async function drive(url: string): Promise<boolean> {
  const scenario = process.env.MCP_CONFORMANCE_SCENARIO ?? '';
  const context = parseContext(process.env.MCP_CONFORMANCE_CONTEXT);
  const config = mkdtempSync(join(tmpdir(), 'mcp-sse-auth-'));
  try {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      XDG_CONFIG_HOME: config,
      BROWSER: browserCommand(),
      // What a user automating logins sets: commands may open $BROWSER (for a step-up).
      MCP_OAUTH_BROWSER: '1',
    };
    const plan = loginPlan(scenario, context, join(config, 'credential'));
    for (const [file, content] of Object.entries(plan.files)) {
      writeFileSync(file, content, { mode: 0o600 });
    }
    const login = await runCli(['login', url, ...plan.args], env);
    if (login.code !== 0) return false;
    const tools = await runCli(['tools', '--json', '--url', url], env);
    if (tools.code !== 0) return false;
    const listed = JSON.parse(tools.stdout) as Array<{ name: string }>;
    const first = listed[0];
    if (first === undefined || !needsCall(scenario)) return true;
    const call = await runCli(['call', first.name, '--json', '--url', url], env);
    return call.code === 0;
  } finally {
    rmSync(config, { recursive: true, force: true });
  }
}

const [first, second] = process.argv.slice(2);
if (first === '--browse' && second !== undefined) {
  browse(second).catch((error: unknown) => {
    process.stderr.write(`auth-driver browser: ${(error as Error).message}\n`);
    process.exitCode = 1;
  });
} else if (first === undefined) {
  process.stderr.write('usage: MCP_CONFORMANCE_SCENARIO=<scenario> auth-driver.mjs <server-url>\n');
  process.exitCode = 2;
} else {
  drive(first).then(
    (ok) => {
      process.exitCode = ok ? 0 : 1;
    },
    (error: unknown) => {
      process.stderr.write(`auth-driver: ${(error as Error)?.stack ?? String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
