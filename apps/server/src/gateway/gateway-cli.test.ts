import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { describe, expect, it } from 'vitest';
import { onCleanup, until } from '../../test/helpers.js';
import { parseCli } from '../cli/parse-cli.js';
import { SCRIPTED_CHILD, textOf } from './test-gateway.js';

// The bin runs the built CLI: `pnpm test` builds first (turbo), as CI does.
const BIN = fileURLToPath(new URL('../../bin/mcp-sse-server.js', import.meta.url));

function runBin(args: string[]) {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, PORT: '', MCP_API_KEY: '', LOG_LEVEL: 'info', MCP_STDIO: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => {
    out.stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    out.stderr += chunk.toString();
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  onCleanup(async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exit;
  });
  return { child, out, exit };
}

/** The scripted child as one command line, quoted as a user would type it. */
const LINE = SCRIPTED_CHILD.map((word) => `'${word}'`).join(' ');

describe('mcp-sse-server --stdio', () => {
  it('parses the stdio flags and refuses shell syntax with a usage error', () => {
    const parsed = parseCli(
      ['--stdio', 'npx -y "some server" --flag', '--stdio-mode', 'shared'],
      {},
    );
    expect(parsed.kind === 'run' && parsed.config.stdio).toEqual({
      command: 'npx -y "some server" --flag',
      mode: 'shared',
      maxChildren: undefined,
    });
    const piped = parseCli(['--stdio', 'server | tee log'], {});
    expect(piped).toMatchObject({ kind: 'error', message: expect.stringMatching(/operator "\|"/) });
    expect(parseCli(['--stdio', 'x', '--stdio-mode', 'pool'], {})).toMatchObject({ kind: 'error' });
    expect(parseCli(['--stdio-max-children', '0', '--stdio', 'x'], {})).toMatchObject({
      kind: 'error',
    });
    expect(parseCli(['--stdio-mode', 'shared'], {})).toMatchObject({ kind: 'error' });
  });

  it('serves the stdio server; its stderr is logged with a prefix', {
    timeout: 60_000,
  }, async () => {
    const { out } = runBin(['--port', '0', '--stdio', LINE]);
    await until(() => out.stdout.includes('listening'), 'the listening line', 30_000);
    const url = /http:\/\/\S+/.exec(out.stdout)![0].replace(/\/sse$/, '/mcp');
    const client = new Client({ name: 'bin-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(url)));
    onCleanup(() => client.close());
    expect(client.getServerVersion()?.name).toBe('scripted-child');
    expect(textOf(await client.callTool({ name: 'echo', arguments: { text: 'bin' } }))).toBe('bin');
    expect(out.stderr).toMatch(/stdio\[\d+\]: scripted-child: started/);
  });

  it('exits 2 when the command does not start', { timeout: 60_000 }, async () => {
    const { out, exit } = runBin(['--port', '0', '--stdio', 'no-such-program-mcp-sse --x']);
    expect(await exit).toBe(2);
    expect(out.stderr).toMatch(
      /did not start: .*could not start \(spawn no-such-program-mcp-sse ENOENT\)/,
    );
  });
});
