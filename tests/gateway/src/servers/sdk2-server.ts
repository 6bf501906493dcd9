import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer } from 'node:http';
import { NodeStreamableHTTPServerTransport } from '@modelcontextprotocol/node';
import { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { MemoryEventStore } from './memory-event-store.js';
import { WATCHED_URI } from './our-server.js';
import type { RunningServer } from './running-server.js';

/** The same showcase tools as our server, on the official SDK v2 (2.4) McpServer. */
function showcase(servers: Set<McpServer>, stepEvents: EventEmitter): McpServer {
  const server = new McpServer(
    { name: 'sdk2-server', version: '2.4.0' },
    { capabilities: { logging: {}, resources: { subscribe: true, listChanged: true } } },
  );
  servers.add(server);
  let added = 0;
  server.registerTool(
    'slow',
    { inputSchema: z.object({ steps: z.number().int(), pauseMs: z.number().int() }) },
    async ({ steps, pauseMs }, ctx) => {
      const token = ctx.mcpReq._meta?.progressToken;
      for (let step = 1; step <= steps; step++) {
        await new Promise((resolve) => setTimeout(resolve, Math.min(pauseMs, 500)));
        if (token !== undefined) {
          await ctx.mcpReq.notify({
            method: 'notifications/progress',
            params: { progressToken: token, progress: step, total: steps, message: `step ${step}` },
          });
        }
        stepEvents.emit('step', step);
      }
      return { content: [{ type: 'text', text: `done after ${steps} steps` }] };
    },
  );
  server.registerTool(
    'log',
    { inputSchema: z.object({ text: z.string() }) },
    async ({ text }, ctx) => {
      await ctx.mcpReq.log('warning', { text });
      return { content: [{ type: 'text', text: 'logged' }] };
    },
  );
  server.registerTool('change', { inputSchema: z.object({}) }, async () => {
    added++;
    for (const each of servers) {
      each.registerTool(`added_${added}`, { inputSchema: z.object({}) }, async () => ({
        content: [{ type: 'text', text: 'hi' }],
      }));
      await each.server.sendResourceUpdated({ uri: WATCHED_URI });
    }
    return { content: [{ type: 'text', text: 'changed' }] };
  });
  server.registerTool('ask', { inputSchema: z.object({}) }, async (_args, ctx) => {
    const answer = await ctx.mcpReq.elicitInput({
      message: 'Your name?',
      requestedSchema: {
        type: 'object',
        properties: { name: { type: 'string' } },
        required: ['name'],
      },
    });
    return { content: [{ type: 'text', text: JSON.stringify(answer) }] };
  });
  server.registerTool('sample', { inputSchema: z.object({}) }, async (_args, ctx) => {
    const answer = await ctx.mcpReq.requestSampling({
      messages: [{ role: 'user', content: { type: 'text', text: 'Say hi' } }],
      maxTokens: 1000,
    });
    return { content: [{ type: 'text', text: JSON.stringify(answer) }] };
  });
  server.registerTool('roots', { inputSchema: z.object({}) }, async () => {
    const { roots } = await server.server.listRoots();
    return { content: [{ type: 'text', text: JSON.stringify(roots) }] };
  });
  server.registerResource('doc', WATCHED_URI, { mimeType: 'text/plain' }, async (uri) => ({
    contents: [{ uri: uri.href, mimeType: 'text/plain', text: 'v1' }],
  }));
  return server;
}

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
      await showcase(servers, stepEvents).connect(created);
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
