import { spawn } from 'node:child_process';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../test-support/close-after-each.js';
import { BIN, runBin } from '../../test-support/run-bin.js';
import { startSdkServer } from '../../test-support/sdk-server.js';
import { startSdkStreamableServer } from '../../test-support/sdk-streamable-server.js';

const closeLater = closeAfterEach();

/** The official SDK's stdio client driving `mcp-sse proxy URL`, as a desktop host does. */
async function hostOn(
  url: string,
  capabilities: Record<string, unknown> = {},
): Promise<{ client: Client; stderr: () => string }> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, 'proxy', url],
    env: { PATH: process.env.PATH ?? '', XDG_CONFIG_HOME: '/nonexistent-mcp-sse-test' },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const client = new Client({ name: 'desktop-host', version: '9.9.9' }, { capabilities });
  await client.connect(transport);
  closeLater(client);
  return { client, stderr: () => stderr };
}

describe('mcp-sse proxy (network -> stdio), driven by the SDK StdioClientTransport', () => {
  it('answers initialize with the remote result and relays calls with progress (HTTP+SSE)', async () => {
    const server = closeLater(await startSdkServer());
    const { client, stderr } = await hostOn(server.url);
    expect(client.getServerVersion()).toMatchObject({ name: 'sdk-test-server' });
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toContain('slow');
    const progress: number[] = [];
    const result = await client.callTool({ name: 'slow', arguments: { steps: 3 } }, undefined, {
      onprogress: (p) => progress.push(p.progress),
    });
    expect(result.content).toEqual([{ type: 'text', text: 'done after 3 steps' }]);
    // The SDK client handles notifications a turn later than answers, so when the last
    // progress and the answer arrive in one chunk it drops that progress itself.
    expect(progress.slice(0, 2)).toEqual([1, 2]);
    await expect(client.callTool({ name: 'nope', arguments: {} })).resolves.toMatchObject({
      isError: true,
    });
    expect(stderr()).toContain('Connected to');
  }, 60_000);

  it('routes elicitation to the host and its answer back (Streamable HTTP)', async () => {
    const server = closeLater(await startSdkStreamableServer());
    const { client } = await hostOn(server.url, { elicitation: {} });
    client.setRequestHandler(ElicitRequestSchema, async () => ({
      action: 'accept',
      content: { name: 'Ada', color: 'red' },
    }));
    const result = await client.callTool({ name: 'ask', arguments: {} });
    expect(JSON.parse((result.content as { text: string }[])[0]?.text ?? '')).toEqual({
      action: 'accept',
      content: { name: 'Ada', color: 'red' },
    });
  }, 60_000);

  it('cancels on the remote when the host cancels', async () => {
    const server = closeLater(await startSdkServer());
    const { client } = await hostOn(server.url);
    const abort = new AbortController();
    const call = client.callTool({ name: 'wait', arguments: {} }, undefined, {
      signal: abort.signal,
    });
    // Cancel once the call is running on the server (its ping answer proves the stream is up).
    await client.ping();
    await new Promise((resolve) => setTimeout(resolve, 100));
    abort.abort('no longer needed');
    await expect(call).rejects.toThrow();
    await expect.poll(() => server.cancelled.length, { timeout: 20_000 }).toBe(1);
  }, 60_000);

  it('answers bad stdin lines with JSON-RPC errors and keeps stdout JSON-only', async () => {
    const server = closeLater(await startSdkServer());
    const child = spawn(process.execPath, [BIN, 'proxy', server.url], {
      env: { PATH: process.env.PATH ?? '', XDG_CONFIG_HOME: '/nonexistent-mcp-sse-test' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    const lines = () => stdout.split('\n').filter((line) => line !== '');
    child.stdin.write('this is not json\n');
    child.stdin.write('[1,2]\n');
    child.stdin.write('{"jsonrpc":"2.0","id":7,"method":"tools/list"}\n');
    child.stdin.write(
      `${JSON.stringify({
        jsonrpc: '2.0',
        id: 8,
        method: 'initialize',
        params: {
          protocolVersion: '2024-11-05',
          capabilities: {},
          clientInfo: { name: 'raw', version: '1' },
        },
      })}\n`,
    );
    await expect.poll(() => lines().length, { timeout: 30_000 }).toBe(4);
    const messages = lines().map((line) => JSON.parse(line));
    expect(messages[0]).toMatchObject({ id: null, error: { code: -32700 } });
    expect(messages[1]).toMatchObject({ id: null, error: { code: -32600 } });
    expect(messages[2]).toMatchObject({ id: 7, error: { code: -32600 } });
    expect(messages[3]).toMatchObject({ id: 8, result: { protocolVersion: '2024-11-05' } });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.stdin.end();
    expect(await exited).toBe(0);
  }, 60_000);

  it('answers what the host asked before it closed stdin, then exits 0', async () => {
    const server = closeLater(await startSdkServer());
    const lines = [
      {
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: {
          protocolVersion: '2025-06-18',
          capabilities: {},
          clientInfo: { name: 'scripted', version: '1' },
        },
      },
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      {
        jsonrpc: '2.0',
        id: 2,
        method: 'tools/call',
        params: { name: 'add', arguments: { a: 2, b: 3 } },
      },
    ];
    const result = await runBin(
      ['proxy', server.url],
      { XDG_CONFIG_HOME: '/nonexistent-mcp-sse-test' },
      lines.map((line) => `${JSON.stringify(line)}\n`).join(''),
    );
    const answers = result.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    expect(answers).toMatchObject([
      { id: 1, result: { protocolVersion: '2025-06-18' } },
      { id: 2, result: { content: [{ type: 'text', text: '5' }] } },
    ]);
    expect(result.code).toBe(0);
  }, 60_000);
});
