import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer } from 'node:http';
import { NodeStreamableHTTPServerTransport } from '@modelcontextprotocol/node';
import type { McpServer } from '@modelcontextprotocol/server';
import { MemoryEventStore } from './memory-event-store.js';
import type { RunningServer } from './running-server.js';
import { showcase } from './showcase.js';

/**
 * An SDK v2 server at /mcp: the Node Streamable HTTP transport (@modelcontextprotocol/node)
 * with sessions and an event store (so a dropped stream can resume), one McpServer per session.
 */
export async function startSdk2Server(): Promise<RunningServer> {
  const sessions = new Map<string, NodeStreamableHTTPServerTransport>();
  const servers = new Set<McpServer>();
  const eventStore = new MemoryEventStore();
  const stepEvents = new EventEmitter();
  const http = createServer(async (req, res) => {
    if (new URL(req.url ?? '/', 'http://127.0.0.1').pathname !== '/mcp') {
      res.writeHead(404).end('not found');
      return;
    }
    const sessionId = req.headers['mcp-session-id'];
    let transport = typeof sessionId === 'string' ? sessions.get(sessionId) : undefined;
    if (!transport && typeof sessionId === 'string') {
      res.writeHead(404, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          jsonrpc: '2.0',
          id: null,
          error: { code: -32001, message: 'Session not found' },
        }),
      );
      return;
    }
    if (!transport) {
      const created = new NodeStreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        eventStore,
        retryInterval: 20,
        onsessioninitialized: (id) => {
          sessions.set(id, created);
        },
      });
      await showcase(servers, (event, step) => stepEvents.emit(event, step)).connect(created);
      transport = created;
    }
    await transport.handleRequest(req, res);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    name: 'SDK v2 server',
    host: '127.0.0.1',
    port,
    paths: { streamable: '/mcp' },
    steps: stepEvents,
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}
