import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';
import { listenLoopback, type RunningPeer } from './peer.js';

function echoServer(): McpServer {
  const server = new McpServer({ name: 'sdk1-peer', version: '1.0.0' });
  server.registerTool(
    'echo',
    { description: 'Echoes a message', inputSchema: { message: z.string() } },
    async ({ message }) => ({ content: [{ type: 'text', text: message }] }),
  );
  return server;
}

/**
 * The official SDK 1.32 server on Streamable HTTP at /mcp, as its docs show it: stateful
 * (one transport per `Mcp-Session-Id`) or stateless (a new server and transport per POST).
 */
export async function startSdk1Server(mode: 'stateful' | 'stateless'): Promise<RunningPeer> {
  const sessions = new Map<string, StreamableHTTPServerTransport>();
  const http = createServer((req, res) => {
    if (!req.url?.startsWith('/mcp')) {
      res.writeHead(404).end();
      return;
    }
    const sessionId = req.headers['mcp-session-id'];
    let transport = typeof sessionId === 'string' ? sessions.get(sessionId) : undefined;
    if (!transport) {
      transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: mode === 'stateful' ? () => randomUUID() : undefined,
        onsessioninitialized: (id) => {
          if (transport) sessions.set(id, transport);
        },
      });
      void echoServer().connect(transport);
    }
    transport.handleRequest(req, res).catch(() => res.destroy());
  });
  return listenLoopback(http, '/mcp');
}
