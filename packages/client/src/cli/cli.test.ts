import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runBin, startBin } from '../../test-support/run-bin.js';
import { type ScriptedServer, startScriptedServer } from '../../test-support/scripted-server.js';

let server: ScriptedServer | undefined;

beforeAll(() => {
  if (!existsSync(new URL('../../dist/cli.js', import.meta.url))) {
    throw new Error('Build first: pnpm --filter @mcp-sse/client build');
  }
});

afterEach(async () => {
  await server?.close();
  server = undefined;
});

// Each test spawns the bin several times: generous bounds for a loaded machine.
// Each test spawns the built bin, several times: sized for a loaded 2-core machine.
describe('mcp-sse (the built bin)', { timeout: 120_000 }, () => {
  it('prints help with exit 0, for the CLI and each command', async () => {
    const main = await runBin(['--help']);
    expect(main.code, main.stderr).toBe(0);
    expect(main.stdout).toMatch(/Usage: mcp-sse <command>/);
    for (const command of ['tools', 'call', 'chat']) {
      const help = await runBin([command, '--help']);
      expect(help.code, help.stderr).toBe(0);
      expect(help.stdout).toContain(`Usage: mcp-sse ${command}`);
    }
  });

  it('exits 2 on usage errors, before connecting', async () => {
    const unknownFlag = await runBin(['tools', '--nope', '--url', 'http://127.0.0.1:1/sse']);
    expect(unknownFlag.code, unknownFlag.stderr).toBe(2);
    expect(unknownFlag.stderr).toMatch(/Unknown option '--nope'/);
    const noUrl = await runBin(['tools']);
    expect(noUrl.code, noUrl.stderr).toBe(2);
    expect(noUrl.stderr).toMatch(/No server URL/);
    const badJson = await runBin([
      'call',
      'echo',
      '--args',
      '{oops',
      '--url',
      'http://127.0.0.1:1/sse',
    ]);
    expect(badJson.code, badJson.stderr).toBe(2);
    expect(badJson.stderr).toMatch(/--args is not valid JSON/);
    const noTool = await runBin(['call', '--url', 'http://127.0.0.1:1/sse']);
    expect(noTool.code, noTool.stderr).toBe(2);
    const unknownCommand = await runBin(['frobnicate']);
    expect(unknownCommand.code, unknownCommand.stderr).toBe(2);
  });

  it('tools: a readable table, and JSON with --json; URL and key from the environment', async () => {
    server = await startScriptedServer();
    const table = await runBin(['tools'], { MCP_SERVER_URL: server.url, MCP_API_KEY: 'env-key' });
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^NAME\s+DESCRIPTION\s+ARGUMENTS/);
    expect(table.stdout).toMatch(/add\s+Adds two numbers\s+a\*: number, b\*: number/);
    expect(server.requestHeaders[0]?.authorization).toBe('Bearer env-key');
    const json = await runBin(['tools', '--json', '--url', server.url]);
    expect(json.code, json.stderr).toBe(0);
    expect((JSON.parse(json.stdout) as { name: string }[]).map((t) => t.name)).toContain('echo');
  });

  it('flags win over the environment', async () => {
    server = await startScriptedServer();
    const run = await runBin(['tools', '--url', server.url, '-k', 'flag-key'], {
      MCP_SERVER_URL: 'http://127.0.0.1:1/sse',
      MCP_API_KEY: 'env-key',
    });
    expect(run.code, run.stderr).toBe(0);
    expect(server.requestHeaders[0]?.authorization).toBe('Bearer flag-key');
  });

  it('sends the key as X-API-Key with --api-key-header, and refuses other header names', async () => {
    server = await startScriptedServer();
    const run = await runBin([
      'tools',
      '--url',
      server.url,
      '-k',
      'k',
      '--api-key-header',
      'x-api-key',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(server.requestHeaders[0]?.['x-api-key']).toBe('k');
    const bad = await runBin(['tools', '--url', server.url, '--api-key-header', 'cookie']);
    expect(bad.code, bad.stderr).toBe(2);
  });

  it('call: key=value typed by the schema, --args JSON, and --json output', async () => {
    server = await startScriptedServer();
    const add = await runBin(['call', 'add', 'a=2', 'b=40', '--url', server.url]);
    expect(add).toMatchObject({ code: 0, stdout: '42\n' });
    const echo = await runBin(['call', 'echo', 'text=123', '--url', server.url]);
    expect(echo.stdout).toBe('123\n');
    const json = await runBin([
      'call',
      'add',
      '--args',
      '{"a":1,"b":1}',
      '--json',
      '--url',
      server.url,
    ]);
    expect(JSON.parse(json.stdout)).toEqual({ content: [{ type: 'text', text: '2' }] });
  });

  it('call: exit 1 when the result has isError', async () => {
    server = await startScriptedServer();
    const run = await runBin(['call', 'fail', '--url', server.url]);
    expect(run).toMatchObject({ code: 1, stdout: 'it failed\n' });
  });

  it('call: an unknown tool is a usage error naming the tools', async () => {
    server = await startScriptedServer();
    const run = await runBin(['call', 'nope', '--url', server.url]);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(/no tool "nope".*echo, add/);
  });

  it('exit 3 on a closed port, a 401, no endpoint, and a timeout, within the timeouts', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const refused = await runBin(['tools', '--url', `http://127.0.0.1:${port}/sse`]);
    expect(refused.code, refused.stderr).toBe(3);
    expect(refused.stderr).toMatch(/\[connect_failed\]/);

    server = await startScriptedServer({ getStatus: 401 });
    const denied = await runBin(['tools', '--url', server.url]);
    expect(denied.code, denied.stderr).toBe(3);
    expect(denied.stderr).toMatch(/\[auth_failed\]/);
    await server.close();

    server = await startScriptedServer({ endpoint: null });
    const silent = await runBin(['tools', '--url', server.url, '--connect-timeout', '0.3']);
    expect(silent.code, silent.stderr).toBe(3);
    expect(silent.stderr).toMatch(/\[connect_timeout\]/);
    await server.close();

    server = await startScriptedServer();
    const slow = await runBin(['call', 'hang', '--url', server.url, '--timeout', '0.3']);
    expect(slow.code, slow.stderr).toBe(3);
    expect(slow.stderr).toMatch(/\[request_timeout\]/);
  });

  it('Ctrl-C during call cancels it on the server and exits 130', async () => {
    server = await startScriptedServer();
    const run = startBin(['call', 'hang', '--url', server.url]);
    await server.waitFor((m) => 'method' in m && m.method === 'tools/call', 60_000);
    run.child.kill('SIGINT');
    const result = await run.done;
    expect(result.code, result.stderr).toBe(130);
    expect(result.stderr).toMatch(/interrupted/);
    const cancelled = await server.waitFor(
      (m) => 'method' in m && m.method === 'notifications/cancelled',
      60_000,
    );
    expect(cancelled).toMatchObject({ params: { reason: expect.stringMatching(/Ctrl-C/) } });
  });

  it('a server killed mid-call: reconnect attempts on stderr, then "the server went away"', async () => {
    server = await startScriptedServer();
    const run = startBin(['call', 'hang', '--url', server.url, '--timeout', '3']);
    await server.waitFor((m) => 'method' in m && m.method === 'tools/call', 60_000);
    await server.close();
    server = undefined;
    const result = await run.done;
    expect(result.code, result.stderr).toBe(3);
    expect(result.stderr).toMatch(/connection to the server was lost/);
    expect(result.stderr).toMatch(/reconnecting: attempt 1 in \d+\.\d s/);
    expect(result.stderr).toMatch(/The server went away during the call of hang .*ECONNREFUSED/);
    expect(result.stderr).not.toMatch(/raise the timeout/);
  });
});
