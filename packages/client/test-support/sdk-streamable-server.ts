import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InMemoryEventStore } from '@modelcontextprotocol/sdk/examples/shared/inMemoryEventStore.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';

/** A running official-SDK (1.32) Streamable HTTP server. */
export interface SdkStreamableServer {
  url: string;
  /** How many times each tool ran. */
  runs: Map<string, number>;
  /** HTTP methods seen, in order (`POST`, `GET`, `DELETE`). */
  methods: string[];
  /** Forgets every session, as a restarted server would: the next POST gets 404. */
  forgetSessions(): Promise<void>;
  close(): Promise<void>;
}

/** Options of {@link startSdkStreamableServer}. */
export interface SdkStreamableOptions {
  /** No sessions: a new server and transport per request (`sessionIdGenerator: undefined`). */
  stateless?: boolean;
  /** Answer with `application/json` instead of SSE streams. */
  json?: boolean;
}

function buildServer(runs: Map<string, number>): McpServer {
  const server = new McpServer({ name: 'sdk-streamable', version: '1.0.0' });
  const count = (name: string) => runs.set(name, (runs.get(name) ?? 0) + 1);
  server.registerTool(
    'echo',
    { description: 'Echoes the text back', inputSchema: { text: z.string() } },
    async ({ text }) => {
      count('echo');
      return { content: [{ type: 'text', text }] };
    },
  );
  server.registerTool(
    'slow',
    { description: 'Reports progress', inputSchema: { steps: z.number().int().min(1).max(20) } },
    async ({ steps }, extra) => {
      count('slow');
      const token = extra._meta?.progressToken;
      for (let i = 1; i <= steps; i++) {
        await new Promise((resolve) => setTimeout(resolve, 5));
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
    'poll',
    { description: 'Closes its response stream (SEP-1699), then answers' },
    async (extra) => {
      count('poll');
      const token = extra._meta?.progressToken;
      if (token !== undefined) {
        await extra.sendNotification({
          method: 'notifications/progress',
          params: { progressToken: token, progress: 1, message: 'before the cut' },
        });
      }
      extra.closeSSEStream?.();
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { content: [{ type: 'text', text: 'polled' }] };
    },
  );
  server.registerTool(
    'ask',
    { description: 'Asks the user for a name (elicitation)' },
    async () => {
      count('ask');
      const answer = await server.server.elicitInput({
        message: 'Your name?',
        requestedSchema: {
          type: 'object',
          properties: { name: { type: 'string' }, color: { type: 'string', default: 'blue' } },
          required: ['name'],
        },
      });
      return { content: [{ type: 'text', text: JSON.stringify(answer) }] };
    },
  );
  server.registerResource(
    'readme',
    'file:///readme.md',
    { mimeType: 'text/plain', description: 'A small text' },
    async (uri) => ({
      contents: [{ uri: uri.href, mimeType: 'text/plain', text: 'hello readme' }],
    }),
  );
  server.registerPrompt(
    'greet',
    { description: 'Greets someone', argsSchema: { name: z.string() } },
    ({ name }) => ({
      messages: [{ role: 'user', content: { type: 'text', text: `Hello ${name}` } }],
    }),
  );
  return server;
}

/** Starts the official SDK's Streamable HTTP server on 127.0.0.1:0 at `/mcp`. */
export async function startSdkStreamableServer(
  options: SdkStreamableOptions = {},
): Promise<SdkStreamableServer> {
  const runs = new Map<string, number>();
  const methods: string[] = [];
  const transports = new Map<string, StreamableHTTPServerTransport>();
  const eventStore = new InMemoryEventStore();
  const http: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/mcp') {
      res.writeHead(404).end('not found');
      return;
    }
    methods.push(req.method ?? '');
    if (options.stateless) {
      const transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: undefined,
        ...(options.json ? { enableJsonResponse: true } : {}),
      });
      res.on('close', () => void transport.close());
      await buildServer(runs).connect(transport);
      await transport.handleRequest(req, res);
      return;
    }
    const session = req.headers['mcp-session-id'];
    let transport = typeof session === 'string' ? transports.get(session) : undefined;
    if (!transport && typeof session === 'string') {
      res.writeHead(404, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          jsonrpc: '2.0',
          error: { code: -32001, message: 'Session not found' },
          id: null,
        }),
      );
      return;
    }
    if (!transport) {
      const created = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        eventStore,
        retryInterval: 20,
        ...(options.json ? { enableJsonResponse: true } : {}),
        onsessioninitialized: (id) => {
          transports.set(id, created);
        },
      });
      created.onclose = () => {
        if (created.sessionId) transports.delete(created.sessionId);
      };
      await buildServer(runs).connect(created);
      transport = created;
    }
    await transport.handleRequest(req, res);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    runs,
    methods,
    async forgetSessions() {
      const open = [...transports.values()];
      transports.clear();
      for (const transport of open) await transport.close();
    },
    async close() {
      for (const transport of transports.values()) await transport.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
