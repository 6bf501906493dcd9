import { randomUUID } from 'node:crypto';
import {
  createMcpHandler,
  McpServer,
  WebStandardStreamableHTTPServerTransport,
} from '@modelcontextprotocol/server';
import { z } from 'zod';
import { serveFetch } from './fetch-adapter.js';
import { listenLoopback, type RunningPeer } from './peer.js';

function echoServer(): McpServer {
  const server = new McpServer({ name: 'sdk2-peer', version: '1.0.0' });
  server.registerTool(
    'echo',
    { description: 'Echoes a message', inputSchema: z.object({ message: z.string() }) },
    async ({ message }) => ({ content: [{ type: 'text', text: message }] }),
  );
  return server;
}

/**
 * An SDK v2 (2.4) server at /mcp: `stateful` is the web-standard Streamable HTTP transport
 * with sessions (2025 revisions); `handler` is `createMcpHandler` (2026-07-28, and stateless
 * serving for 2025 clients).
 */
export async function startSdk2Server(mode: 'stateful' | 'handler'): Promise<RunningPeer> {
  if (mode === 'handler') {
    const handler = createMcpHandler(() => echoServer());
    return listenLoopback(
      serveFetch((request) => handler.fetch(request)),
      '/mcp',
    );
  }
  const sessions = new Map<string, WebStandardStreamableHTTPServerTransport>();
  return listenLoopback(
    serveFetch(async (request) => {
      const sessionId = request.headers.get('mcp-session-id');
      let transport = sessionId === null ? undefined : sessions.get(sessionId);
      if (!transport) {
        const created = new WebStandardStreamableHTTPServerTransport({
          sessionIdGenerator: () => randomUUID(),
          onsessioninitialized: (id) => {
            sessions.set(id, created);
          },
        });
        await echoServer().connect(created);
        transport = created;
      }
      return transport.handleRequest(request);
    }),
    '/mcp',
  );
}
