import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { z } from 'zod';

/** A running official-SDK SSE server. */
export interface SdkServer {
  url: string;
  /** Request ids the server saw cancelled. */
  cancelled: string[];
  /** Ends every open stream, as the SDK does when a transport closes; returns how many. */
  dropStreams(): Promise<number>;
  close(): Promise<void>;
}

function buildMcpServer(cancelled: string[]): McpServer {
  const server = new McpServer({ name: 'sdk-test-server', version: '1.0.0' });
  server.registerTool(
    'echo',
    { description: 'Echoes the text back', inputSchema: { text: z.string() } },
    async ({ text }) => ({ content: [{ type: 'text', text }] }),
  );
  server.registerTool(
    'add',
    { description: 'Adds two numbers', inputSchema: { a: z.number(), b: z.number() } },
    async ({ a, b }) => ({ content: [{ type: 'text', text: String(a + b) }] }),
  );
  server.registerTool(
    'slow',
    { description: 'Reports progress', inputSchema: { steps: z.number().int().min(1).max(20) } },
    async ({ steps }, extra) => {
      const token = extra._meta?.progressToken;
      for (let i = 1; i <= steps; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        if (token !== undefined) {
          await extra.sendNotification({
            method: 'notifications/progress',
            params: { progressToken: token, progress: i, total: steps },
          });
        }
      }
      return { content: [{ type: 'text', text: `done after ${steps} steps` }] };
    },
  );
  server.registerTool(
    'wait',
    { description: 'Waits until cancelled (max 10 s)' },
    async (extra) => {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 10_000);
        extra.signal.addEventListener('abort', () => {
          clearTimeout(timer);
          cancelled.push(String(extra.requestId));
          resolve();
        });
      });
      return { content: [{ type: 'text', text: 'waited' }] };
    },
  );
  return server;
}

/**
 * The official TypeScript SDK's HTTP+SSE server (SSEServerTransport + McpServer) on
 * 127.0.0.1:0, with the POST path a test chooses (`/messages` or server-everything's `/message`).
 */
export async function startSdkServer(postPath = '/messages'): Promise<SdkServer> {
  const transports = new Map<string, SSEServerTransport>();
  const cancelled: string[] = [];
  const http: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'GET' && url.pathname === '/sse') {
      const transport = new SSEServerTransport(postPath, res);
      transports.set(transport.sessionId, transport);
      transport.onclose = () => transports.delete(transport.sessionId);
      await buildMcpServer(cancelled).connect(transport);
      return;
    }
    if (req.method === 'POST' && url.pathname === postPath) {
      const transport = transports.get(url.searchParams.get('sessionId') ?? '');
      if (!transport) {
        res.writeHead(404).end('unknown session');
        return;
      }
      await transport.handlePostMessage(req, res);
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/sse`,
    cancelled,
    async dropStreams() {
      const open = [...transports.values()];
      for (const transport of open) await transport.close();
      return open.length;
    },
    async close() {
      for (const transport of transports.values()) await transport.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
