import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import type { McpSseClient } from '../client.js';
import { connect } from '../connect.js';

let server: Server | undefined;
let client: McpSseClient | undefined;

afterEach(async () => {
  await client?.close();
  client = undefined;
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/**
 * A 2025-11-25 session server whose standalone GET is refused with 409 (it still holds a
 * standalone stream of the session) `conflicts` times, then opened with one notification.
 */
async function conflictingServer(conflicts: number): Promise<{ url: string; gets: number[] }> {
  const gets: number[] = [];
  const json = (res: ServerResponse, body: unknown) => {
    res.writeHead(200, { 'content-type': 'application/json', 'mcp-session-id': 's1' });
    res.end(JSON.stringify(body));
  };
  server = createServer((req, res) => {
    if (req.method === 'GET') {
      if (gets.length < conflicts) {
        gets.push(409);
        res.writeHead(409, { 'content-type': 'application/json' });
        res.end('{"jsonrpc":"2.0","id":null,"error":{"code":-32000,"message":"only one"}}');
        return;
      }
      gets.push(200);
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(
        'event: message\ndata: {"jsonrpc":"2.0","method":"notifications/message","params":{"level":"info","data":"hello"}}\n\n',
      );
      return;
    }
    if (req.method === 'DELETE') {
      res.writeHead(200).end();
      return;
    }
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      const body = JSON.parse(text) as { id?: number; method: string };
      if (body.id === undefined) res.writeHead(202).end();
      else if (body.method === 'initialize')
        json(res, {
          jsonrpc: '2.0',
          id: body.id,
          result: {
            protocolVersion: '2025-11-25',
            capabilities: { tools: {}, logging: {} },
            serverInfo: { name: 'conflicting', version: '1' },
          },
        });
      else json(res, { jsonrpc: '2.0', id: body.id, result: { tools: [] } });
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`, gets };
}

it('a standalone GET refused with 409 (the server still holds the old one) is tried again until it opens', async () => {
  const { url, gets } = await conflictingServer(2);
  client = await connect(url, {
    protocolVersion: '2025-11-25',
    reconnect: { initialDelayMs: 5, maxDelayMs: 20 },
  });
  const log = await new Promise((resolve) => client?.on('log', resolve));
  expect(log).toMatchObject({ level: 'info', data: 'hello' });
  expect(gets).toEqual([409, 409, 200]);
});
