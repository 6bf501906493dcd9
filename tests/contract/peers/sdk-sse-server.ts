import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { z } from 'zod';
import { listenLoopback, type RunningPeer } from './listen.js';

const PROGRESS_EVERY_MS = 100;

function buildMcpServer(): McpServer {
  const server = new McpServer({ name: 'official-sdk-peer', version: '1.0.0' });
  server.registerTool(
    'echo',
    { description: 'Echoes a message', inputSchema: { message: z.string() } },
    async ({ message }) => ({ content: [{ type: 'text', text: message }] }),
  );
  server.registerTool(
    'add',
    { description: 'Adds two numbers', inputSchema: { a: z.number(), b: z.number() } },
    async ({ a, b }) => ({ content: [{ type: 'text', text: String(a + b) }] }),
  );
  server.registerTool(
    'sleep',
    {
      description: 'Waits, reporting progress',
      inputSchema: { ms: z.number().int().min(0).max(60_000) },
    },
    async ({ ms }, extra) => {
      const token = extra._meta?.progressToken;
      const steps = Math.max(1, Math.ceil(ms / PROGRESS_EVERY_MS));
      for (let step = 1; step <= steps; step++) {
        if (extra.signal.aborted) break;
        await new Promise((resolve) => setTimeout(resolve, ms / steps));
        if (token !== undefined && !extra.signal.aborted) {
          await extra.sendNotification({
            method: 'notifications/progress',
            params: { progressToken: token, progress: step, total: steps },
          });
        }
      }
      return { content: [{ type: 'text', text: `slept ${ms} ms` }] };
    },
  );
  return server;
}

/**
 * A server built the way the official TypeScript SDK's docs show it (McpServer with
 * SSEServerTransport on node:http): tools echo, add and sleep (progress every ~100 ms,
 * stops when cancelled). One McpServer per stream, sessions keyed by `sessionId`.
 */
export async function startSdkSseServer(): Promise<RunningPeer> {
  const transports = new Map<string, SSEServerTransport>();
  const http = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'GET' && url.pathname === '/sse') {
      const transport = new SSEServerTransport('/messages', res);
      transports.set(transport.sessionId, transport);
      res.on('close', () => transports.delete(transport.sessionId));
      buildMcpServer()
        .connect(transport)
        .catch(() => res.destroy());
      return;
    }
    if (req.method === 'POST' && url.pathname === '/messages') {
      const transport = transports.get(url.searchParams.get('sessionId') ?? '');
      if (!transport) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'unknown session' }));
        return;
      }
      transport.handlePostMessage(req, res).catch(() => undefined);
      return;
    }
    res.writeHead(404).end();
  });
  return listenLoopback(http, '/sse');
}
