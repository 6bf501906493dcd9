import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { onCleanup, openSession, postJson, rpc, until } from '../test/helpers.js';
import { parseCli, USAGE } from './cli/parse-cli.js';

// The bin runs the built CLI: `pnpm test` builds first (turbo), as CI does.
const BIN = fileURLToPath(new URL('../bin/mcp-sse-server.js', import.meta.url));

interface Run {
  child: ChildProcess;
  stdout: string[];
  stderr: string;
  exit: Promise<number | null>;
}

function run(args: string[], env: Record<string, string> = {}): Run {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, PORT: '', MCP_API_KEY: '', LOG_LEVEL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const result: Run = {
    child,
    stdout: [],
    stderr: '',
    exit: new Promise((resolve) => child.on('exit', (code) => resolve(code))),
  };
  child.stdout!.on('data', (chunk: Buffer) =>
    result.stdout.push(...chunk.toString().split('\n').filter(Boolean)),
  );
  child.stderr!.on('data', (chunk: Buffer) => {
    result.stderr += chunk.toString();
  });
  onCleanup(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  return result;
}

describe('parseCli', () => {
  it('reads flags over env over defaults', () => {
    const parsed = parseCli(['--port', '0', '--api-key', 'a,b'], {
      HOST: '0.0.0.0',
      MCP_RATE_LIMIT: '0',
      MCP_AUTH_FAILURE_LIMIT: '5',
    });
    expect(parsed).toEqual({
      kind: 'run',
      config: {
        port: 0,
        host: '0.0.0.0',
        apiKeys: ['a', 'b'],
        allowedOrigins: undefined,
        allowedHosts: undefined,
        maxSessions: undefined,
        rateLimit: 0,
        authFailureLimit: 5,
        heartbeatMs: undefined,
        resumeGraceMs: undefined,
        logLevel: 'info',
        examples: 'default',
      },
    });
    expect(parseCli([], { MCP_ALLOWED_ORIGINS: '*' })).toMatchObject({
      config: { port: 3000, allowedOrigins: '*' },
    });
  });

  it.each([
    [['--port', 'x']],
    [['--port', '70000']],
    [['--auth-failure-limit', '-1']],
    [['--nope']],
    [['--log-level', 'loud']],
    [['extra']],
    [['--max-sessions', '0']],
  ])('reports %j as a usage error', (args) => {
    expect(parseCli(args, {}).kind).toBe('error');
  });

  it('refuses milliseconds a Node timer cannot hold, naming the limit', () => {
    for (const flag of ['--heartbeat-ms', '--resume-grace-ms']) {
      const parsed = parseCli([flag, '3000000000'], {});
      expect(parsed).toMatchObject({ kind: 'error' });
      expect(parsed.kind === 'error' && parsed.message).toContain('2147483647');
    }
    expect(parseCli(['--heartbeat-ms', '2147483647'], {}).kind).toBe('run');
  });

  it('reads --allowed-hosts, --max-sessions and --version', () => {
    expect(
      parseCli(['--allowed-hosts', 'a.example, b.example', '--max-sessions', '5'], {}),
    ).toMatchObject({
      config: { allowedHosts: ['a.example', 'b.example'], maxSessions: 5 },
    });
    expect(parseCli([], { MCP_ALLOWED_HOSTS: '*' })).toMatchObject({
      config: { allowedHosts: '*' },
    });
    expect(parseCli(['--version'], {})).toEqual({ kind: 'version' });
    expect(parseCli(['-v'], {})).toEqual({ kind: 'version' });
  });

  it('aligns the help: every description starts in the same column', () => {
    const lines = USAGE.split('\n').filter((line) => /^ {2}-/.test(line));
    const columns = new Set(lines.map((line) => /^ {2}\S.*?\s{2,}(?=\S)/.exec(line)![0].length));
    expect(columns.size).toBe(1);
    const [column] = [...columns];
    const continuation = USAGE.split('\n').filter((line) => /^ {10,}\S/.test(line));
    for (const line of continuation) expect(line.length - line.trimStart().length).toBe(column);
    expect(USAGE.split('\n').every((line) => line.length <= 100)).toBe(true);
  });
});

// Each test spawns the built bin: sized for a loaded 2-core machine, not for an idle one.
const SPAWN_TIMEOUT = 60_000;

describe('mcp-sse-server', () => {
  it('prints help and exits 0', { timeout: SPAWN_TIMEOUT }, async () => {
    const r = run(['--help']);
    expect(await r.exit).toBe(0);
    expect(r.stdout.join('\n')).toContain('--allowed-origins');
  });

  it('prints its version and exits 0', { timeout: SPAWN_TIMEOUT }, async () => {
    const r = run(['--version']);
    expect(await r.exit).toBe(0);
    const { version } = JSON.parse(
      readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
    ) as { version: string };
    expect(r.stdout).toEqual([version]);
  });

  it('exits 2 with the error and a pointer to --help, not the whole help', {
    timeout: SPAWN_TIMEOUT,
  }, async () => {
    const r = run(['--port', 'abc']);
    expect(await r.exit).toBe(2);
    expect(r.stderr).toContain('--port');
    expect(r.stderr).toContain('mcp-sse-server --help');
    expect(r.stderr).not.toContain('Usage:');
    expect(r.stderr.trim().split('\n')).toHaveLength(2);
  });

  it('listens, prints one line, serves, and exits 0 on SIGTERM', {
    timeout: SPAWN_TIMEOUT,
  }, async () => {
    const r = run(['--port', '0', '--log-level', 'warn']);
    await until(
      () => r.stdout.length > 0 || r.child.exitCode !== null,
      'the listening line',
      SPAWN_TIMEOUT / 2,
    );
    expect(r.stdout).toHaveLength(1);
    const match = /^mcp-sse-server listening on (http:\/\/127\.0\.0\.1:\d+)\/sse$/.exec(
      r.stdout[0]!,
    );
    expect(match).not.toBeNull();
    const base = match![1]!;
    const { stream, postUrl } = await openSession(base);
    await postJson(postUrl, rpc(1, 'tools/call', { name: 'echo', arguments: { message: 'cli' } }));
    expect(await stream.reply(1)).toMatchObject({ result: { content: [{ text: 'cli' }] } });
    r.child.kill('SIGTERM');
    expect(await r.exit).toBe(0);
    await until(() => stream.done, 'the stream to end');
  });
});
