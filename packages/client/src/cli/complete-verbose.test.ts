import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { runBin } from '../../test-support/run-bin.js';
import {
  type SdkStreamableServer,
  startSdkStreamableServer,
} from '../../test-support/sdk-streamable-server.js';

let sdk: SdkStreamableServer | undefined;
let scripted: Server | undefined;

afterEach(async () => {
  await sdk?.close();
  sdk = undefined;
  await new Promise((resolve) => (scripted ? scripted.close(resolve) : resolve(undefined)));
  scripted = undefined;
});

/** A 2025-11-25 Streamable HTTP server that answers in JSON and completes `city`. */
async function startCompletingServer(): Promise<string> {
  scripted = createServer((req, res) => {
    if (req.method !== 'POST') return void res.writeHead(405).end();
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const message = JSON.parse(body) as {
        id?: number;
        method: string;
        params?: { argument?: { value?: string } };
      };
      const reply = (result: unknown) =>
        res
          .writeHead(200, { 'content-type': 'application/json', 'mcp-session-id': 's1' })
          .end(JSON.stringify({ jsonrpc: '2.0', id: message.id, result }));
      if (message.id === undefined) return void res.writeHead(202).end();
      if (message.method === 'initialize') {
        return reply({
          protocolVersion: '2025-11-25',
          capabilities: { completions: {}, prompts: {} },
          serverInfo: { name: 'completing', version: '1.0.0' },
        });
      }
      if (message.method === 'tools/list') return reply({ tools: [] });
      if (message.method === 'completion/complete') {
        const typed = String(message.params?.argument?.value ?? '');
        const values = ['Paris', 'Prague', 'Porto', 'Lisbon'].filter((c) => c.startsWith(typed));
        return reply({ completion: { values, total: values.length + 5, hasMore: true } });
      }
      res.writeHead(400, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          jsonrpc: '2.0',
          id: message.id,
          error: { code: -32601, message: 'no' },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => scripted?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(scripted.address() as AddressInfo).port}/mcp`;
}

describe('complete, --verbose and errors', { timeout: 120_000 }, () => {
  it('complete prints one suggestion per line (--json: the completion)', async () => {
    const url = await startCompletingServer();
    const run = await runBin(['complete', '--prompt', 'trip', 'city', 'P', '--url', url]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('Paris\nPrague\nPorto\n');
    expect(run.stderr).toContain('3 shown of 8');
    const json = await runBin([
      'complete',
      '--template',
      'city://{city}',
      'city',
      '--json',
      '--url',
      url,
    ]);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      values: ['Paris', 'Prague', 'Porto', 'Lisbon'],
    });
    const wrong = await runBin(['complete', 'city', '--url', url]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--prompt NAME or --template URI');
  });

  it('--verbose prints the wire on stderr, one line per message, handshake included', async () => {
    sdk = await startSdkStreamableServer();
    const run = await runBin(['ping', '--verbose', '--url', sdk.url]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('ok (');
    expect(run.stderr).toMatch(/^→ POST \/mcp \{"jsonrpc":"2\.0","id":0,"method":"initialize"/m);
    expect(run.stderr).toMatch(/^← event: message \{"result":\{"protocolVersion"/m);
    expect(run.stderr).toMatch(/^→ POST \/mcp \{"jsonrpc":"2\.0","id":\d+,"method":"ping"\}$/m);
    const quiet = await runBin(['ping', '--url', sdk.url]);
    expect(quiet.stderr).not.toContain('→');
  });

  it("a server's -32602 is a usage problem (exit 2), as JSON with --json", async () => {
    sdk = await startSdkStreamableServer();
    const text = await runBin(['prompt', 'greet', '--url', sdk.url]);
    expect(text.code).toBe(2);
    expect(text.stderr).toContain('-32602');
    const json = await runBin(['prompt', 'greet', '--json', '--url', sdk.url]);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { exit: 2, rpcCode: -32602 } });
    const usage = await runBin(['tools', '--bogus', '--json']);
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.stdout)).toMatchObject({ error: { exit: 2, code: 'usage' } });
  });
});
